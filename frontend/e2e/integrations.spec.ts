import { createHash, randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { newCompany, signUp } from "./helpers";

const CALLBACK = "http://127.0.0.1:9/callback";

test("an owner registers an app, allows it on the consent page, and withdraws it from their account", async ({ page, playwright, baseURL }) => {
  await signUp(page, newCompany("Apps"));
  await page.goto("/settings/api-clients");
  await page.getByRole("button", { name: "New API client" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Timesheet app");
  await dialog.getByText("App (public)").click();
  await dialog.getByLabel("Redirect addresses").fill(CALLBACK);
  await dialog.getByLabel("Scopes").click();
  await page.getByRole("option", { name: "core.user.read" }).click();
  await dialog.getByLabel("Scopes").press("Escape");
  await dialog.getByRole("button", { name: "Create" }).click();
  // A public app gets no secret: it proves itself with PKCE.
  await expect(dialog.getByText("A public app has no secret")).toBeVisible();
  await expect(page.getByTestId("client-secret")).toHaveCount(0);
  const clientId = (await page.getByTestId("client-id").textContent())!.trim();
  expect(clientId).toMatch(/^bo_/);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("cell", { name: /Timesheet app/ })).toBeVisible();

  // The app sends the person to the consent page; the app's own address answers the redirect.
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  let arrived: URL | null = null;
  await page.route(`${CALLBACK}**`, async (route) => {
    arrived = new URL(route.request().url());
    await route.fulfill({ status: 200, contentType: "text/html", body: "<p>Back in the app</p>" });
  });
  const query = new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK,
    scope: "core.user.read", state: "s-123", code_challenge: challenge, code_challenge_method: "S256" });
  await page.goto(`/oauth/authorize?${query}`);
  await expect(page.getByRole("heading", { name: "Authorize an app" })).toBeVisible();
  await expect(page.getByText("Timesheet app").first()).toBeVisible();
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("Back in the app")).toBeVisible();
  expect(arrived).not.toBeNull();
  expect(arrived!.searchParams.get("state")).toBe("s-123");
  const code = arrived!.searchParams.get("code");
  expect(code).toBeTruthy();

  // The app exchanges the code (with its verifier) for a token that acts for the person; it is a
  // client of its own, without the person's cookies.
  const app = await playwright.request.newContext({ baseURL });
  const exchange = await app.post("/oauth/token", {
    form: { grant_type: "authorization_code", code: code!, redirect_uri: CALLBACK, client_id: clientId, code_verifier: verifier },
  });
  expect(exchange.status()).toBe(200);
  const { access_token: access } = await exchange.json();
  const asApp = await app.post("/graphql", {
    headers: { authorization: `Bearer ${access}`, "content-type": "application/json" },
    data: { query: "{ users { totalCount } }" },
  });
  expect((await asApp.json()).data.users.totalCount).toBe(1);

  // The person sees the app on their account page and withdraws it; its token stops at once.
  await page.goto("/account");
  const row = page.getByRole("row", { name: /Timesheet app/ });
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "Withdraw" }).click();
  await expect(page.getByText("No app acts for you.")).toBeVisible();
  const after = await app.post("/graphql", {
    headers: { authorization: `Bearer ${access}`, "content-type": "application/json" },
    data: { query: "{ users { totalCount } }" },
  });
  expect((await after.json()).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  await app.dispose();
});
