import { createHmac } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { newCompany, signUp } from "./helpers";

/** RFC 4648 base32, as authenticator apps read the secret. */
function base32Decode(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of text.replace(/[\s=]/g, "").toUpperCase()) {
    const value = alphabet.indexOf(c);
    if (value < 0) throw new Error(`not base32: ${c}`);
    bits += value.toString(2).padStart(5, "0");
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 6238 TOTP as an authenticator app computes it: HMAC-SHA1, 30-second steps, 6 digits. */
function totp(secret: string, atMs: number = Date.now()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 1000 / 30)));
  const mac = createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(value % 1_000_000).padStart(6, "0");
}

test("RFC 6238's test vector", () => {
  // The SHA-1 seed "12345678901234567890" at 59 s gives 94287082 (8 digits): 287082 in 6.
  expect(totp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 59_000)).toBe("287082");
});

/** Serious or critical accessibility problems (WCAG 2 A and AA) in a part of the page. */
async function axeProblems(page: Page, part = "main"): Promise<string[]> {
  const scan = await new AxeBuilder({ page }).include(part).withTags(["wcag2a", "wcag2aa"]).analyze();
  return scan.violations.filter((v) => v.impact === "critical" || v.impact === "serious")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Set up two-factor from the card in view; returns the secret and the recovery codes. */
async function setUpTwoFactor(page: Page, scope: string): Promise<{ secret: string; codes: string[] }> {
  await page.getByRole("button", { name: "Set up" }).click();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  expect(await axeProblems(page, scope)).toEqual([]);
  const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("6-digit code").fill(totp(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  const codes = page.getByTestId("recovery-codes").locator("code");
  await expect(codes).toHaveCount(10);
  const list = (await codes.allTextContents()).map((c) => c.trim());
  await page.getByRole("button", { name: "I have saved them" }).click();
  return { secret, codes: list };
}

async function logOutAndIn(page: Page, company: ReturnType<typeof newCompany>) {
  await page.getByTestId("account-menu").click();
  await page.getByTestId("log-out").click();
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
  await page.getByRole("textbox", { name: "Email" }).fill(company.email);
  await page.getByLabel("Password").fill(company.password);
  await page.getByRole("button", { name: "Log in" }).click();
}

test("an owner turns on two-factor, logs in with a code, and the company requires it of owners", async ({ page }) => {
  const company = newCompany("Aman");
  await signUp(page, company);

  await page.getByTestId("account-menu").click();
  await page.getByTestId("my-account").click();
  const card = page.getByTestId("two-factor");
  await expect(card.getByText("Off", { exact: true })).toBeVisible();
  const { secret, codes } = await setUpTwoFactor(page, '[data-testid="two-factor"]');
  await expect(card.getByText("On", { exact: true })).toBeVisible();
  await expect(card.getByText("Recovery codes left: 10")).toBeVisible();

  // Log out, then in: the password alone is not enough.
  await logOutAndIn(page, company);
  await expect(page.getByText("Enter the 6-digit code from your authenticator app.")).toBeVisible();
  await expect(page.getByTestId("tenant-name")).toHaveCount(0);
  expect(await axeProblems(page)).toEqual([]);
  // A wrong code is refused.
  const next = totp(secret, Date.now() + 30_000);  // the setup spent this step's code
  await page.getByLabel("6-digit code").fill(next === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("alert")).toContainText("not right");
  await page.getByLabel("6-digit code").fill(next);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("tenant-name")).toHaveText(company.companyName);

  // Once more with a recovery code.
  await logOutAndIn(page, company);
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(codes[0]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("tenant-name")).toHaveText(company.companyName);

  // The company requires two-factor of owners; this owner has it, so nothing changes.
  await page.goto("/settings/company");
  const rule = page.getByRole("switch", { name: /Require two-factor authentication for owners/ });
  await expect(rule).not.toBeChecked();
  await rule.focus();
  await page.keyboard.press("Space");
  await expect(rule).toBeChecked();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("tenant-name")).toHaveText(company.companyName);
  await page.reload();
  await expect(page.getByRole("switch", { name: /Require two-factor authentication for owners/ })).toBeChecked();

  // Turning it off: the app sends the owner to set it up again before anything else.
  await page.goto("/account");
  await page.getByTestId("two-factor").getByRole("button", { name: "Turn off" }).click();
  await page.getByLabel("Your password").fill(company.password);
  await page.getByTestId("two-factor").getByRole("button", { name: "Turn off" }).click();
  await expect(page.getByRole("heading", { name: "Set up two-factor authentication" })).toBeVisible();
  await expect(page).toHaveURL(/\/two-factor-setup$/);
  expect(await axeProblems(page)).toEqual([]);
  await page.goto("/settings/users");
  await expect(page).toHaveURL(/\/two-factor-setup$/);
  await setUpTwoFactor(page, "main");
  await expect(page.getByTestId("tenant-name")).toHaveText(company.companyName);
});
