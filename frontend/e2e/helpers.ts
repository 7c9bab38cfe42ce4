import { expect, type Page } from "@playwright/test";

let counter = 0;

const MODULE_NAMES: Record<string, string> = {
  hr: "Human resources|Sumber daya manusia", finance: "Finance|Keuangan", it: "IT", legal: "Legal",
  logistics: "Logistics|Logistik", ga: "General affairs|Urusan umum",
};

/** A unique company and owner for this test run. */
export function newCompany(prefix: string) {
  counter += 1;
  const stamp = `${Date.now().toString(36)}${counter}`;
  return {
    companyName: `${prefix} ${stamp}`,
    fullName: `${prefix} Owner`,
    email: `owner-${stamp}@${prefix.toLowerCase().replace(/\W+/g, "")}.example`,
    password: "correct horse battery staple",
  };
}

export async function signUp(page: Page, company: ReturnType<typeof newCompany>) {
  await page.goto("/signup");
  await page.getByLabel("Company name").fill(company.companyName);
  await page.getByLabel("Your full name").fill(company.fullName);
  await page.getByLabel("Email").fill(company.email);
  await page.getByLabel("Password").fill(company.password);
  await page.getByRole("button", { name: "Create your company" }).click();
  await expect(page.getByTestId("tenant-name")).toHaveText(company.companyName);
}

export async function setModule(page: Page, key: string, on: boolean) {
  await page.goto("/settings/modules");
  const toggle = page.getByRole("switch", { name: new RegExp(MODULE_NAMES[key] ?? key, "i") });
  await expect(toggle).toBeAttached();
  if ((await toggle.isChecked()) !== on) {
    // By keyboard, as a keyboard user would: focus the switch and press space.
    await toggle.focus();
    await page.keyboard.press("Space");
  }
  await expect(page.getByTestId(`toggle-${key}`)).toBeChecked({ checked: on });
}
