import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { newCompany, setModule, signUp } from "./helpers";

async function invite(page: Page, email: string, role?: string): Promise<string> {
  await page.goto("/settings/users");
  await page.getByRole("button", { name: "Invite a person" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Email").fill(email);
  if (role) {
    await dialog.getByLabel("Roles").click();
    await page.getByRole("option", { name: role }).click();
    await dialog.getByLabel("Roles").press("Escape");
  }
  await dialog.getByRole("button", { name: "Save" }).click();
  const link = await page.getByTestId("invitation-url").textContent();
  expect(link).toContain("/accept-invitation?token=");
  await page.keyboard.press("Escape");
  return new URL(link!).pathname + new URL(link!).search;
}

test("an owner invites a colleague, who joins with the rights of their role only", async ({ page, browser }) => {
  const company = newCompany("Invite");
  await signUp(page, company);
  await setModule(page, "hr", true);
  const path = await invite(page, `colleague-${Date.now()}@invite.example`, "HR manager");

  const context = await browser.newContext();
  try {
    const colleague = await context.newPage();
    await colleague.goto(path);
    await colleague.getByLabel("Your full name").fill("Dewi Lestari");
    await colleague.getByLabel("Password").fill("another long password");
    await colleague.getByRole("button", { name: "Join the company" }).click();
    await expect(colleague.getByTestId("tenant-name")).toHaveText(company.companyName);
    await expect(colleague.getByTestId("nav-hr")).toBeVisible();
    // No admin rights: no module switches, and the settings screen refuses.
    await expect(colleague.getByTestId("nav-settings-modules")).toHaveCount(0);
    await colleague.goto("/settings/modules");
    await expect(colleague.getByRole("alert")).toBeVisible();
    await expect(colleague.getByTestId("toggle-hr")).toHaveCount(0);
    // The invitation works once.
    await colleague.getByTestId("account-menu").click();
    await colleague.getByTestId("log-out").click();
    await colleague.goto(path);
    await colleague.getByLabel("Password").fill("another long password");
    await colleague.getByRole("button", { name: "Join the company" }).click();
    await expect(colleague.getByRole("alert")).toBeVisible();
  } finally {
    await context.close();
  }
});

test("a person in two companies switches between them", async ({ page, browser }) => {
  const first = newCompany("Satu");
  await signUp(page, first);
  const context = await browser.newContext();
  try {
    const other = await context.newPage();
    const second = newCompany("Dua");
    await signUp(other, second);
    const path = await invite(other, first.email);
    await page.goto(path);
    await page.getByLabel("Password").fill(first.password);
    await page.getByRole("button", { name: "Join the company" }).click();
    await expect(page.getByTestId("tenant-name")).toHaveText(second.companyName);
    await page.getByTestId("tenant-switcher").click();
    await page.getByRole("menuitem", { name: first.companyName }).click();
    await expect(page.getByTestId("tenant-name")).toHaveText(first.companyName);
  } finally {
    await context.close();
  }
});

test("roles: a custom role gets a permission through the matrix", async ({ page }) => {
  await signUp(page, newCompany("Roles"));
  await page.goto("/settings/roles");
  await page.getByRole("button", { name: "New role" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill("Auditor");
  await page.getByRole("dialog").getByRole("button", { name: "Create" }).click();
  const box = page.getByRole("checkbox", { name: "Auditor: core.audit.read" });
  await expect(box).toBeVisible();
  await box.check();
  await page.getByRole("columnheader", { name: /Auditor/ }).getByRole("button", { name: "Save" }).click();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Auditor: core.audit.read" })).toBeChecked();
  // Built-in roles cannot be changed here.
  await expect(page.getByRole("checkbox", { name: "Owner: core.audit.read" })).toBeDisabled();
  // The change is in the audit log, which filters by operation.
  await page.goto("/settings/audit");
  await page.getByLabel("Operation").fill("updateRole");
  await expect(page.getByRole("cell", { name: "updateRole" }).first()).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("an API client's secret is shown once", async ({ page }) => {
  await signUp(page, newCompany("Api"));
  await page.goto("/settings/api-clients");
  await page.getByRole("button", { name: "New API client" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Bank sync");
  await dialog.getByRole("button", { name: "Create" }).click();
  // The server's check shows at its field: a client needs a scope.
  await expect(dialog.getByText("Choose at least one scope.")).toBeVisible();
  await dialog.getByLabel("Scopes").click();
  await page.getByRole("option", { name: "core.user.read" }).click();
  await dialog.getByLabel("Scopes").press("Escape");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(page.getByTestId("client-secret")).not.toBeEmpty();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("cell", { name: "Bank sync" })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("client-secret")).toHaveCount(0);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the menu folds behind a button and the screens pass an accessibility check", async ({ page }) => {
    await page.goto("/login");
    const loginScan = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(loginScan.violations.filter((v) => v.impact === "critical" || v.impact === "serious")).toEqual([]);

    await signUp(page, newCompany("Ponsel"));
    await setModule(page, "hr", true);
    await page.goto("/hr/employees");
    // Nothing in the header runs past the screen's edge.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByTestId("account-menu")).toBeInViewport({ ratio: 1 });
    const item = page.getByTestId("nav-hr.employees");
    await expect(item).not.toBeInViewport();
    await page.getByRole("button", { name: "Menu" }).click();
    await expect(item).toBeInViewport();
    await item.click();
    await expect(item).not.toBeInViewport();
    await expect(page.getByRole("heading", { name: "Employees" })).toBeVisible();
    const scan = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(scan.violations.filter((v) => v.impact === "critical" || v.impact === "serious")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
});
