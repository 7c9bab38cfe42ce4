import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { newCompany, setModule, signUp } from "./helpers";

// HR's own screens: leave requested by an employee, seen on HR's calendar and decided there; a
// payroll run started, followed to the end, approved, and the payslip read by the employee.

async function gql<T = Record<string, unknown>>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.request.post("/graphql", { data: { query, variables }, headers: { "accept-language": "en" } });
  expect(response.ok()).toBeTruthy();
  const body = await response.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);
const shown = (d: Date) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(d);
const monthName = (d: Date) => new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(d);

/** A Monday at least two weeks ahead whose whole working week falls in one year. */
function leaveWeek(): Date {
  const now = new Date();
  let day = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) + 14 * DAY);
  while (day.getUTCDay() !== 1) day = new Date(day.getTime() + DAY);
  if (new Date(day.getTime() + 4 * DAY).getUTCFullYear() !== day.getUTCFullYear()) day = new Date(day.getTime() + 7 * DAY);
  return day;
}

async function downloaded(page: Page, button: Locator): Promise<{ name: string; head: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const path = await download.path();
  const bytes = await readFile(path!);
  return { name: download.suggestedFilename(), head: bytes.subarray(0, 5).toString("latin1") };
}

test("leave is requested, seen on the calendar and decided; payroll runs, is approved and the payslip is read", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const company = newCompany("Sejahtera");
  await signUp(page, company);
  await setModule(page, "hr", true);

  // An employee with a user of her own (self-service), a manager-free record and a salary.
  const stamp = Date.now().toString(36);
  const employee = { email: `dewi-${stamp}@sejahtera.example`, password: "another horse battery staple", fullName: "Dewi Lestari" };
  const created = await gql<{ createUser: { user: { id: string } } }>(page,
    `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { message } } }`,
    { input: employee });
  const hired = await gql<{ createEmployee: { employee: { id: string } } }>(page,
    `mutation($input: EmployeeInput!) { createEmployee(input: $input) { employee { id } userErrors { field message } } }`,
    { input: { fullName: employee.fullName, startDate: "2024-01-02", userId: created.createUser.user.id, ptkpStatus: "TK/0" } });
  await gql(page,
    `mutation($input: SalaryStructureInput!) { setSalaryStructure(input: $input) { userErrors { field message } } }`,
    { input: { employeeId: hired.createEmployee.employee.id, baseSalary: "15000000", fixedAllowances: "500000" } });

  // --- The employee asks for leave.
  const staff = await browser.newContext({ locale: "en-GB" });
  try {
    const me = await staff.newPage();
    await me.goto("/login");
    await me.getByLabel("Email").fill(employee.email);
    await me.getByLabel("Password").fill(employee.password);
    await me.getByRole("button", { name: "Log in" }).click();
    await expect(me.getByTestId("tenant-name")).toHaveText(company.companyName);
    await me.getByTestId("nav-me").click();
    await me.getByTestId("nav-me.leave").click();
    await expect(me.getByRole("heading", { name: "My leave" })).toBeVisible();
    const monday = leaveWeek();
    if (monday.getUTCFullYear() !== new Date().getFullYear()) {
      await me.getByLabel("Year").click();
      await me.getByRole("option", { name: String(monday.getUTCFullYear()) }).click();
    }
    const annual = me.getByTestId("leave-balance").filter({ hasText: "Annual leave" });
    await expect(annual).toContainText("12");

    const form = me.getByTestId("leave-form");
    const choose = async (type: string) => {
      await form.getByLabel("Leave type").click();
      await me.getByRole("option", { name: type }).click();
    };
    // The server's objection shows at the field it concerns.
    await choose("Annual leave");
    await form.getByLabel("First day").fill(iso(monday));
    await form.getByLabel("Last day").fill(iso(new Date(monday.getTime() - DAY)));
    await form.getByRole("button", { name: "Send request" }).click();
    await expect(form.getByText("The leave ends before it starts.")).toBeVisible();
    await expect(form.getByLabel("Last day")).toHaveAttribute("aria-invalid", "true");

    await form.getByLabel("Last day").fill(iso(new Date(monday.getTime() + 2 * DAY)));
    await expect(form.getByTestId("working-days")).toHaveText("Working days: 3");
    await form.getByLabel("Note (optional)").fill("Family visit");
    await form.getByRole("button", { name: "Send request" }).click();
    await expect(me.getByText("Leave requested")).toBeVisible();
    const mine = me.getByTestId("my-leave-requests");
    await expect(mine.getByRole("row").filter({ hasText: shown(monday) })).toContainText("Pending");
    await expect(annual).toContainText("9");

    // A second request, on the Thursday and Friday, to be refused.
    const thursday = new Date(monday.getTime() + 3 * DAY);
    await choose("Unpaid leave");
    await form.getByLabel("First day").fill(iso(thursday));
    await form.getByLabel("Last day").fill(iso(new Date(thursday.getTime() + DAY)));
    await form.getByRole("button", { name: "Send request" }).click();
    await expect(mine.getByRole("row").filter({ hasText: shown(thursday) })).toContainText("Pending");

    // --- HR sees both on the calendar and decides.
    await page.getByTestId("nav-hr").click();
    await page.getByTestId("nav-hr.leave").click();
    await expect(page.getByRole("heading", { name: "Leave", exact: true })).toBeVisible();
    const thisMonth = new Date(Date.UTC(new Date().getFullYear(), new Date().getMonth(), 1));
    await expect(page.getByTestId("calendar-month")).toHaveText(monthName(thisMonth));
    // Switch months by keyboard until the leave's month shows.
    const target = monthName(monday);
    for (let i = 0; i < 3 && (await page.getByTestId("calendar-month").textContent()) !== target; i += 1) {
      await page.getByRole("button", { name: "Next month" }).focus();
      await page.keyboard.press("Enter");
    }
    await expect(page.getByTestId("calendar-month")).toHaveText(target);
    const row = page.getByTestId("calendar-row").filter({ hasText: "Dewi Lestari" });
    await expect(row.getByTestId("leave-span")).toHaveCount(2);
    await expect(row.locator('[data-testid="leave-span"][data-status="pending"]')).toHaveCount(2);

    const decisions = page.getByTestId("leave-decisions");
    const annualRow = decisions.getByTestId("pending-leave").filter({ hasText: shown(monday) });
    const unpaidRow = decisions.getByTestId("pending-leave").filter({ hasText: shown(thursday) });
    await unpaidRow.getByRole("button", { name: "Reject the leave of Dewi Lestari" }).click();
    const dialog = page.getByRole("dialog", { name: "Reject the leave request" });
    await dialog.getByRole("button", { name: "Reject" }).click();
    await expect(dialog.getByText("Required")).toBeVisible();
    await dialog.getByLabel("Reason for the rejection").fill("Year-end closing needs everyone");
    await dialog.getByRole("button", { name: "Reject" }).click();
    await expect(dialog).toBeHidden();
    await expect(unpaidRow).toHaveCount(0);
    await annualRow.getByRole("button", { name: "Approve the leave of Dewi Lestari" }).click();
    await expect(decisions.getByText("No requests are waiting for a decision.")).toBeVisible();
    await expect(row.getByTestId("leave-span")).toHaveCount(1);
    await expect(row.getByTestId("leave-span")).toHaveAttribute("data-status", "approved");
    await page.getByRole("button", { name: "Previous month" }).click();
    await expect(page.getByTestId("calendar-month")).not.toHaveText(target);
    await page.getByRole("button", { name: "This month" }).click();
    await expect(page.getByTestId("calendar-month")).toHaveText(monthName(thisMonth));

    // On a phone the calendar scrolls sideways inside its frame rather than squeezing or widening the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    const frame = page.getByTestId("calendar-frame");
    await expect(async () => {
      const box = await frame.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      expect((await page.getByTestId("leave-calendar").boundingBox())!.width).toBeGreaterThan(390);
    }).toPass();
    await page.setViewportSize({ width: 1280, height: 800 });

    // The employee sees the decisions.
    await me.reload();
    await expect(mine.getByRole("row").filter({ hasText: shown(monday) })).toContainText("Approved");
    await expect(mine.getByRole("row").filter({ hasText: shown(thursday) })).toContainText("Year-end closing needs everyone");

    // --- Payroll for this month.
    await page.getByTestId("nav-hr.payroll").click();
    await expect(page.getByRole("heading", { name: "Payroll", exact: true })).toBeVisible();
    const period = iso(new Date()).slice(0, 7);
    const start = page.getByTestId("start-run-form");
    await expect(start.getByLabel("Month")).toHaveValue(period);
    await start.getByRole("button", { name: "Start" }).click();
    await expect(page.getByRole("heading", { name: `Payroll ${monthName(thisMonth)}` })).toBeVisible();
    await expect(page.getByTestId("run-status")).toHaveText("Calculated", { timeout: 60_000 });
    await expect(page.getByTestId("run-progress")).toBeHidden();
    await expect(page.getByTestId("run-totals")).toContainText("Net pay");
    const slip = page.getByTestId("payslip-row").filter({ hasText: "Dewi Lestari" });
    await expect(slip).toContainText("15,000,000");
    const pdf = await downloaded(page, slip.getByRole("button", { name: /Download the payslip of Dewi Lestari/ }));
    expect(pdf.name).toMatch(/^payslip-\d{4}-\d{2}-EMP-\d+\.pdf$/);
    expect(pdf.head).toBe("%PDF-");
    const bank = await downloaded(page, page.getByRole("button", { name: "Bank export (CSV)" }));
    expect(bank.name).toMatch(/\.csv$/);

    await page.getByRole("button", { name: "Approve" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Approve" }).click();
    await expect(page.getByTestId("run-status")).toHaveText("Approved");
    await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);

    // A second run for the same month is refused at the month field.
    await page.getByRole("link", { name: "All payroll runs" }).click();
    await expect(page.getByTestId("payroll-runs")).toContainText("Approved");
    await start.getByRole("button", { name: "Start" }).click();
    await expect(start.getByText(/already a payroll run/)).toBeVisible();

    // Training, performance and policies open the generic lists; a programme is added through its form.
    for (const [key, heading] of [["hr.performance", "Review cycles"], ["hr.policies", "Policies"], ["hr.training", "Training programmes"]]) {
      await page.getByTestId(`nav-${key}`).click();
      await expect(page.getByRole("heading", { name: heading })).toBeVisible();
      await expect(page.getByTestId("record-count")).toHaveText("0 of 0");
    }
    await page.getByTestId("new-record").click();
    await page.getByTestId("record-form").getByLabel("Title").fill("Fire safety");
    await page.getByTestId("record-form").getByLabel("Provider").fill("Damkar Jakarta");
    await page.getByTestId("save-record").click();
    await expect(page.getByTestId("resource-table")).toContainText("Damkar Jakarta");

    // --- The employee reads the payslip, in either language.
    await me.getByTestId("nav-me.payslips").click();
    const payslip = me.getByTestId("my-payslip").filter({ hasText: monthName(thisMonth) });
    await expect(payslip).toBeVisible();
    const own = await downloaded(me, payslip.getByRole("button", { name: /Download the payslip/ }));
    expect(own.head).toBe("%PDF-");
    await me.getByTestId("language").click();
    await me.getByRole("option", { name: "Bahasa Indonesia" }).click();
    await expect(me.getByRole("heading", { name: "Slip gaji saya" })).toBeVisible();
    await expect(me.getByTestId("my-payslip").first()).toContainText("Rp");
  } finally {
    await staff.close();
  }
});
