import { createHash, createHmac, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { newCompany, setModule, signUp } from "./helpers";

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

test("an owner subscribes a webhook; a hire arrives signed and shows as delivered", async ({ page }) => {
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => { body += chunk; });
    req.on("end", () => { received.push({ headers: req.headers, body }); res.writeHead(204).end(); });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const port = (receiver.address() as AddressInfo).port;
  try {
    await signUp(page, newCompany("Hooks"));
    await setModule(page, "hr", true);
    await page.goto("/settings/webhooks");
    await page.getByRole("button", { name: "New webhook" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Endpoint").fill(`http://127.0.0.1:${port}/hook`);
    await dialog.getByLabel("Events").click();
    await page.getByRole("option", { name: "hr.employee_hired" }).click();
    await dialog.getByLabel("Events").press("Escape");
    await dialog.getByRole("button", { name: "Create" }).click();
    const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await page.keyboard.press("Escape");
    await expect(page.getByText(`http://127.0.0.1:${port}/hook`)).toBeVisible();

    // A hire in HR publishes hr.employee_hired.
    const gql = async (query: string, variables: Record<string, unknown> = {}) =>
      (await (await page.request.post("/graphql", { data: { query, variables } })).json()).data;
    const opening = (await gql('mutation { createJobOpening(input: {title: "Clerk", headcount: 5}) { jobOpening { id } } }'))
      .createJobOpening.jobOpening.id;
    const applicant = (await gql("mutation($o: ID!) { createApplicant(input: {openingId: $o, fullName: \"Sari Wulandari\"}) { applicant { id } } }", { o: opening }))
      .createApplicant.applicant.id;
    expect((await gql('mutation($a: ID!) { hireApplicant(input: {id: $a, startDate: "2026-12-01"}) { userErrors { code } } }', { a: applicant }))
      .hireApplicant.userErrors).toEqual([]);

    await expect.poll(() => received.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const [delivery] = received;
    const id = String(delivery.headers["webhook-id"]);
    const timestamp = String(delivery.headers["webhook-timestamp"]);
    const expected = createHmac("sha256", Buffer.from(secret.slice("whsec_".length), "base64"))
      .update(`${id}.${timestamp}.${delivery.body}`).digest("base64");
    expect(String(delivery.headers["webhook-signature"]).split(" ")).toContain(`v1,${expected}`);
    expect(JSON.parse(delivery.body).type).toBe("hr.employee_hired");

    await page.getByRole("button", { name: "Deliveries" }).click();
    await expect(page.getByText("Delivered")).toBeVisible();
    await expect(page.getByRole("cell", { name: /204/ })).toBeVisible();
  } finally {
    receiver.close();
  }
});
