import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { newCompany, setModule, signUp } from "./helpers";

// Personal data under UU PDP: a person downloads their own data from the account page; HR exports
// a former employee's data and anonymises them after typing their name.

async function gql<T = Record<string, unknown>>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.request.post("/graphql", { data: { query, variables }, headers: { "accept-language": "en" } });
  expect(response.ok()).toBeTruthy();
  const body = await response.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

async function downloaded(page: Page, button: Locator): Promise<{ name: string; head: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const bytes = await readFile((await download.path())!);
  return { name: download.suggestedFilename(), head: bytes.subarray(0, 2).toString("latin1") };
}

test("a person downloads their data; HR exports and anonymises a former employee", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const company = newCompany("Lestari");
  await signUp(page, company);
  await setModule(page, "hr", true);
  const stamp = Date.now().toString(36);
  const person = { email: `rina-${stamp}@lestari.example`, password: "another horse battery staple", fullName: "Rina Kusumawati" };
  const created = await gql<{ createUser: { user: { id: string } } }>(page,
    `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { message } } }`, { input: person });
  const hired = await gql<{ createEmployee: { employee: { id: string } } }>(page,
    `mutation($input: EmployeeInput!) { createEmployee(input: $input) { employee { id } userErrors { field message } } }`,
    { input: { fullName: person.fullName, startDate: "2023-01-02", userId: created.createUser.user.id, nationalId: "3273015704900001" } });
  const employeeId = hired.createEmployee.employee.id;

  // --- The person downloads their own data from their account page.
  const own = await browser.newContext({ locale: "en-GB" });
  try {
    const me = await own.newPage();
    await me.goto("/login");
    await me.getByLabel("Email").fill(person.email);
    await me.getByLabel("Password").fill(person.password);
    await me.getByRole("button", { name: "Log in" }).click();
    await expect(me.getByTestId("tenant-name")).toHaveText(company.companyName);
    await me.goto("/account");
    const mine = await downloaded(me, me.getByTestId("download-my-data"));
    expect(mine.name).toMatch(/^personal-data-EMP-\d+-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(mine.head).toBe("PK");
  } finally {
    await own.close();
  }

  // --- HR: while she works here, the export works and anonymising is not offered.
  await page.goto(`/hr/employees/${employeeId}`);
  const actions = page.getByTestId("personal-data-actions");
  await expect(actions).toBeVisible();
  await expect(page.getByTestId("anonymise-employee")).toBeDisabled();
  const exported = await downloaded(page, page.getByTestId("export-personal-data"));
  expect(exported.head).toBe("PK");

  // --- She leaves; HR anonymises her after typing her name.
  await gql(page, `mutation($input: TerminateEmployeeInput!) { terminateEmployee(input: $input) { userErrors { message } } }`,
    { input: { id: employeeId, endDate: "2026-06-30" } });
  await page.reload();
  await page.getByTestId("anonymise-employee").click();
  const submit = page.getByTestId("anonymise-submit");
  await expect(submit).toBeDisabled();
  await page.getByTestId("anonymise-confirm").fill("Rina");
  await expect(submit).toBeDisabled();
  await page.getByTestId("anonymise-confirm").fill("rina kusumawati");
  await submit.click();
  await expect(page.getByText("The employee's personal data was removed")).toBeVisible();
  await expect(actions.getByText("This former employee's personal data was anonymised.")).toBeVisible();
  const after = await gql<{ employee: { fullName: string; nationalId: string; anonymised: boolean } }>(page,
    `query($id: ID!) { employee(id: $id) { fullName nationalId anonymised } }`, { id: employeeId });
  expect(after.employee).toEqual({ fullName: expect.stringMatching(/^Former employee #\d+$/), nationalId: "", anonymised: true });
});
