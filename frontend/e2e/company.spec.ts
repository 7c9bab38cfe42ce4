import { expect, test } from "@playwright/test";
import { newCompany, setModule, signUp } from "./helpers";

test("a company signs up, runs HR in English and Indonesian, and switches HR off", async ({ page }) => {
  const company = newCompany("Maju");
  await signUp(page, company);

  // No module yet: HR is not in the menu.
  await expect(page.getByTestId("nav-hr")).toHaveCount(0);
  await setModule(page, "hr", true);
  await expect(page.getByTestId("nav-hr")).toBeVisible();

  // Add an employee through the generic form; it appears in the list.
  await page.getByTestId("nav-hr").click();
  await page.getByTestId("nav-hr.employees").click();
  await expect(page.getByRole("heading", { name: "Employees" })).toBeVisible();
  await page.getByTestId("new-record").click();
  const form = page.getByTestId("record-form");
  await form.getByLabel("Full name").fill("Siti Rahmawati");
  // The server's validation shows at the field it belongs to.
  await page.getByTestId("save-record").click();
  await expect(form.getByText(/start date/i).first()).toBeVisible();
  await form.getByLabel("Start date").fill("2026-01-05");
  await page.getByTestId("save-record").click();
  await expect(page.getByTestId("resource-table")).toContainText("Siti Rahmawati");
  await expect(page.getByTestId("resource-table")).toContainText("5 Jan 2026");

  // Indonesian at any time: menus, headings and dates follow.
  await page.getByTestId("language").click();
  await page.getByRole("option", { name: "Bahasa Indonesia" }).click();
  await expect(page.getByRole("heading", { name: "Karyawan" })).toBeVisible();
  await expect(page.getByTestId("resource-table")).toContainText("5 Jan 2026");
  await expect(page.getByTestId("nav-home")).toHaveText("Beranda");

  // Switching HR off removes its menu.
  await setModule(page, "hr", false);
  await expect(page.getByRole("heading", { name: "Modul" })).toBeVisible();
  await expect(page.getByTestId("nav-hr")).toHaveCount(0);
  await page.goto("/hr/employees");
  await expect(page.getByText("Halaman ini tidak ada")).toBeVisible();
});

test("a second company never sees the first one's data", async ({ browser }) => {
  const first = await browser.newContext();
  const second = await browser.newContext();
  try {
    const a = await first.newPage();
    await signUp(a, newCompany("Alpha"));
    await setModule(a, "hr", true);
    await a.goto("/hr/employees/new");
    await a.getByTestId("record-form").getByLabel("Full name").fill("Rahasia Alpha");
    await a.getByTestId("record-form").getByLabel("Start date").fill("2026-02-01");
    await a.getByTestId("save-record").click();
    await expect(a.getByTestId("resource-table")).toContainText("Rahasia Alpha");
    await a.getByRole("link", { name: "Details" }).first().click();
    await expect(a.getByRole("heading", { name: "Rahasia Alpha" })).toBeVisible();
    await expect(a.getByText("Permanent").first()).toBeVisible();
    const detailPath = new URL(a.url()).pathname;

    const b = await second.newPage();
    await signUp(b, newCompany("Beta"));
    await setModule(b, "hr", true);
    await b.goto("/hr/employees");
    await expect(b.getByRole("heading", { name: "Employees" })).toBeVisible();
    await expect(b.getByTestId("record-count")).toHaveText("0 of 0");
    await expect(b.getByText("Rahasia Alpha")).toHaveCount(0);
    // Alpha's record by its address: nothing of it shows.
    await b.goto(detailPath);
    await expect(b.getByRole("alert")).toBeVisible();
    await expect(b.getByText("Rahasia Alpha")).toHaveCount(0);
  } finally {
    await first.close();
    await second.close();
  }
});
