import { expect, test, type Page } from "@playwright/test";
import { newCompany, setModule, signUp } from "./helpers";

// Working across departments: the service portal and a department's queue, the approvals inbox
// with the notification bell, the dashboard, comments, and a forgotten password.

async function gql(page: Page, query: string, variables: Record<string, unknown> = {}) {
  const response = await page.request.post("/graphql", { data: { query, variables } });
  const body = await response.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

test("a request goes through the portal to IT's queue and becomes a ticket", async ({ page }) => {
  await signUp(page, newCompany("Layanan"));
  await setModule(page, "it", true);
  await page.getByTestId("nav-portal").click();
  await page.getByRole("button", { name: "Ask: IT equipment" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("In one line, what do you need?").fill("A laptop for the new accountant");
  await dialog.getByRole("button", { name: "Send" }).click();
  // The type's required fields are checked by the server and shown at their place.
  await expect(dialog.getByRole("alert")).toBeVisible();
  await dialog.getByRole("textbox", { name: "What do you need?", exact: true }).fill("Laptop 14 inch");
  await dialog.getByRole("textbox", { name: "What is it for?", exact: true }).fill("Finance work");
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("my-requests")).toContainText("A laptop for the new accountant");
  await expect(page.getByTestId("my-requests")).toContainText("Submitted");

  await page.getByRole("link", { name: "Department queue" }).click();
  await expect(page.getByTestId("service-queue")).toContainText("A laptop for the new accountant");
  await page.getByRole("button", { name: "Accept: A laptop for the new accountant" }).click();
  await page.getByTestId("nav-portal").click();
  await expect(page.getByTestId("my-requests")).toContainText("Accepted");
  const tickets = await gql(page, "{ tickets { nodes { subject } } }");
  expect(JSON.stringify(tickets)).toContain("laptop");
});

test("a leave request waits in the manager's inbox, rings the bell and is decided there", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const owner = newCompany("Persetujuan");
  await signUp(page, owner);
  await setModule(page, "hr", true);
  const stamp = Date.now().toString(36);
  const staff = { email: `rina-${stamp}@persetujuan.example`, password: "another horse battery staple", fullName: "Rina Wati" };
  const me = await gql(page, "{ me { id } }");
  const boss = await gql(page, `mutation($input: EmployeeInput!) { createEmployee(input: $input) { employee { id } userErrors { message } } }`,
    { input: { fullName: owner.fullName, startDate: "2023-01-02", userId: me.me.id } });
  const user = await gql(page, `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { message } } }`,
    { input: staff });
  await gql(page, `mutation($input: EmployeeInput!) { createEmployee(input: $input) { employee { id } userErrors { message } } }`,
    { input: { fullName: staff.fullName, startDate: "2024-01-02", userId: user.createUser.user.id, managerId: boss.createEmployee.employee.id } });

  const context = await browser.newContext();
  try {
    const rina = await context.newPage();
    await rina.goto("/login");
    await rina.getByLabel("Email").fill(staff.email);
    await rina.getByLabel("Password").fill(staff.password);
    await rina.getByRole("button", { name: "Log in" }).click();
    await expect(rina.getByTestId("tenant-name")).toHaveText(owner.companyName);
    const types = await gql(rina, "{ myLeaveBalances { leaveType { id } } }");
    const typeId = types.myLeaveBalances[0].leaveType.id;
    const next = new Date(Date.now() + 21 * 86_400_000);
    while (next.getUTCDay() !== 2) next.setUTCDate(next.getUTCDate() + 1);
    const day = next.toISOString().slice(0, 10);
    await gql(rina, `mutation($input: RequestLeaveInput!) { requestLeave(input: $input) { userErrors { field message } } }`,
      { input: { leaveTypeId: typeId, startDate: day, endDate: day } });
  } finally {
    await context.close();
  }

  await page.goto("/");
  await expect(page.getByTestId("notification-bell")).toHaveAccessibleName(/[1-9]\d* unread/);
  await page.getByTestId("notification-bell").click();
  await expect(page.getByRole("listitem").first()).toContainText(/leave/i);
  await page.keyboard.press("Escape");

  await page.getByTestId("nav-inbox").click();
  const row = page.getByTestId("inbox-table").getByRole("row", { name: /Rina Wati/ });
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: /^Reject/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Reject" }).click();
  await expect(page.getByRole("dialog").getByText(/reason/i).first()).toBeVisible();
  await page.keyboard.press("Escape");
  await row.getByRole("button", { name: /^Approve/ }).click();
  await expect(page.getByTestId("inbox-table").getByRole("row", { name: /Rina Wati/ })).toHaveCount(0);
  const leave = await gql(page, "{ leaveRequests { nodes { status employee { fullName } } } }");
  expect(leave.leaveRequests.nodes).toEqual([{ status: "approved", employee: { fullName: "Rina Wati" } }]);

  // The dashboard counts the two employees; a comment on Rina's record stays with it.
  await page.getByTestId("nav-home").click();
  await expect(page.getByTestId("indicator-hr.headcount").getByTestId("indicator-value")).toHaveText("2");
  await page.goto("/hr/employees");
  await page.getByRole("row", { name: /Rina Wati/ }).getByRole("link", { name: "Details" }).click();
  await page.getByLabel("Add a comment").fill("Welcome back next week!");
  await page.getByRole("button", { name: "Post" }).click();
  await expect(page.getByTestId("comments")).toContainText("Welcome back next week!");
});

test("a forgotten password: the page answers the same for any address", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  // The log-in form has an Email field too: fill only once the other page is there.
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill("nobody-here@example.com");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByText("If the address has an account, a link is on its way.")).toBeVisible();
});
