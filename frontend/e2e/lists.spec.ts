import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { newCompany, setModule, signUp } from "./helpers";

// The generic list every module resource gets: search, filters, sorting, column choice, paging
// and CSV export, on HR's employees.

async function gql(page: Page, query: string, variables: Record<string, unknown> = {}) {
  const response = await page.request.post("/graphql", { data: { query, variables } });
  const body = await response.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

test("a module list searches, filters, sorts, chooses columns, pages and exports", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, newCompany("Daftar"));
  await setModule(page, "hr", true);
  const names = Array.from({ length: 27 }, (_, i) => `Karyawan ${String(i + 1).padStart(2, "0")}`);
  for (const [i, fullName] of names.entries()) {
    await gql(page, `mutation($input: EmployeeInput!) { createEmployee(input: $input) { userErrors { message } } }`,
      { input: { fullName, startDate: `2025-01-${String((i % 28) + 1).padStart(2, "0")}`, employmentType: i % 3 ? "permanent" : "contract" } });
  }

  await page.goto("/hr/employees");
  const table = page.getByTestId("resource-table");
  await expect(page.getByTestId("record-count")).toHaveText("25 of 27");
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(page.getByTestId("record-count")).toHaveText("27 of 27");

  // Search goes to the server.
  await page.getByRole("textbox", { name: "Search" }).fill("Karyawan 07");
  await expect(page.getByTestId("record-count")).toHaveText("1 of 1");
  await expect(table).toContainText("Karyawan 07");
  await page.getByRole("textbox", { name: "Search" }).fill("");

  // A filter by employment type, shown with its label.
  await page.getByRole("textbox", { name: "Type" }).click();
  await page.getByRole("option", { name: "Fixed-term contract" }).click();
  await expect(page.getByTestId("record-count")).toHaveText("9 of 9");
  await expect(table.getByRole("cell", { name: "Fixed-term contract" }).first()).toBeVisible();

  // Sorting by name, descending.
  await page.getByRole("button", { name: "Name" }).click();
  await page.getByRole("button", { name: "Name" }).click();
  await expect(table.locator("tbody tr").first()).toContainText("Karyawan 25");

  // Hiding a column, remembered across visits.
  await page.getByRole("button", { name: "Columns" }).click();
  await page.getByRole("checkbox", { name: "Manager" }).uncheck();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("columnheader", { name: "Manager" })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("columnheader", { name: "Name" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Manager" })).toHaveCount(0);

  // CSV export of every matching row, with the visible columns.
  await page.getByRole("button", { name: "Export" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: "Export CSV" }).click()]);
  const csv = (await readFile((await download.path())!, "utf8")).replace(/^\ufeff/, "");
  const lines = csv.trim().split(/\r\n/);
  expect(lines).toHaveLength(28);
  expect(lines[0]).toContain("Name");
  expect(lines[0]).not.toContain("Manager");
  expect(download.suggestedFilename()).toMatch(/^hr-employees-\d{4}-\d{2}-\d{2}\.csv$/);
});
