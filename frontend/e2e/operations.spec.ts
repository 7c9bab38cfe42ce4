import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { newCompany, setModule, signUp } from "./helpers";

// General affairs and logistics: a room booked (and a clash refused with the server's message), a
// trip requested by a member and approved and settled by the owner, and goods expected, received
// in part and seen on hand.

async function gql<T = Record<string, unknown>>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.request.post("/graphql", { data: { query, variables }, headers: { "accept-language": "en" } });
  expect(response.ok()).toBeTruthy();
  const body = await response.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

/** Serious or critical accessibility problems in the screen's own content. */
async function axeProblems(page: Page): Promise<string[]> {
  const scan = await new AxeBuilder({ page }).include("#main").withTags(["wcag2a", "wcag2aa"]).analyze();
  return scan.violations.filter((v) => v.impact === "critical" || v.impact === "serious")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Open a navigation entry, unfolding its group when it is folded. */
async function openNav(page: Page, group: string, key: string) {
  const folder = page.getByTestId(`nav-${group}`);
  await expect(folder).toBeVisible();
  if ((await folder.getAttribute("data-expanded")) === null) await folder.click();
  await page.getByTestId(`nav-${key}`).click();
}

function localIso(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function daysFromNow(days: number): Date {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return d;
}

test("a room is booked without overlaps, a trip is approved and settled, a delivery is received in part into stock", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const company = newCompany("Operasi");
  await signUp(page, company);
  await setModule(page, "ga", true);
  await setModule(page, "logistics", true);

  // --- Set-up: a building with a floor (through the API); the room through the generic form.
  const building = await gql<{ createBuilding: { building: { id: string } } }>(page,
    'mutation { createBuilding(input: {code: "MSD", name: "Menara Sudirman"}) { building { id } userErrors { message } } }');
  await gql(page, "mutation($b: ID!) { createFloor(input: {buildingId: $b, name: \"Lantai 3\", level: 3}) { userErrors { message } } }",
    { b: building.createBuilding.building.id });
  await openNav(page, "ga", "ga.bookables");
  await expect(page.getByRole("heading", { name: "Rooms and vehicles" })).toBeVisible();
  await page.getByTestId("new-record").click();
  const roomForm = page.getByTestId("record-form");
  await roomForm.getByRole("textbox", { name: "Kind" }).click();
  await page.getByRole("option", { name: "Room" }).click();
  await roomForm.getByLabel("Name").fill("Ruang Merapi");
  await roomForm.getByRole("textbox", { name: "Floor" }).click();
  await page.getByRole("option", { name: "Lantai 3" }).click();
  await roomForm.getByLabel("Capacity").fill("8");
  await roomForm.getByLabel("Equipment (comma separated)").fill("TV, whiteboard");
  await page.getByTestId("save-record").click();
  await expect(page.getByTestId("resource-table")).toContainText("Ruang Merapi");
  await expect(page.getByTestId("resource-table")).toContainText("TV, whiteboard");

  // --- Booking: tomorrow at 10:00 from the calendar, then a clash refused.
  await page.getByTestId("nav-me.bookings").click();
  await expect(page.getByRole("heading", { name: "Book a room or car" })).toBeVisible();
  await expect(page.getByTestId("resource-info")).toContainText("Menara Sudirman");
  await page.getByText("Day", { exact: true }).click();
  const today = await page.getByTestId("calendar-range").textContent();
  await page.getByRole("button", { name: "Next day" }).click();
  await expect(page.getByTestId("calendar-range")).not.toHaveText(today ?? "");
  const calendar = page.getByTestId("booking-calendar");
  await calendar.getByRole("button", { name: /^Book Ruang Merapi on .+ at 10:00$/ }).click();
  const form = page.getByTestId("booking-form");
  await expect(form.getByLabel("From")).toHaveValue("10:00");
  await expect(form.getByLabel("Until")).toHaveValue("11:00");
  await expect(form.getByLabel("Date")).toHaveValue(localIso(daysFromNow(1)));
  await form.getByLabel("Purpose").fill("Weekly sync");
  await form.getByRole("button", { name: "Book", exact: true }).click();
  const booked = calendar.getByTestId("booking");
  await expect(booked).toHaveCount(1);
  await expect(booked).toContainText("Weekly sync");
  await expect(booked).toHaveAttribute("data-mine", "true");
  await expect(page.getByTestId("my-bookings")).toContainText("Ruang Merapi");
  await expect(calendar.getByRole("button", { name: /at 10:30$/ })).toHaveCount(0);

  // By keyboard: the slot half an hour earlier, overlapping by thirty minutes.
  await calendar.getByRole("button", { name: /at 09:30$/ }).focus();
  await page.keyboard.press("Enter");
  await expect(form.getByLabel("From")).toHaveValue("09:30");
  await form.getByLabel("Purpose").fill("Clashing call");
  await form.getByRole("button", { name: "Book", exact: true }).click();
  await expect(form.getByRole("alert")).toHaveText("This time overlaps another booking.");
  await expect(form.getByLabel("From")).toHaveAttribute("aria-invalid", "true");
  await expect(booked).toHaveCount(1);
  // Back to back is fine.
  await form.getByLabel("From").fill("11:00");
  await form.getByLabel("Until").fill("11:30");
  await form.getByRole("button", { name: "Book", exact: true }).click();
  await expect(calendar.getByTestId("booking")).toHaveCount(2);
  await expect(form.getByRole("alert")).toHaveCount(0);

  // On a phone the week scrolls sideways inside its frame; nothing runs past the screen's edge.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByText("Week", { exact: true }).click();
  await expect(async () => {
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect((await calendar.boundingBox())!.width).toBeGreaterThan(390);
  }).toPass();
  expect(await axeProblems(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });

  // --- Travel: a member asks, the owner approves and settles.
  const stamp = Date.now().toString(36);
  const member = { email: `rina-${stamp}@operasi.example`, password: "another horse battery staple", fullName: "Rina Wijaya" };
  await gql(page, "mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { message } } }", { input: member });
  const staff = await browser.newContext({ locale: "en-GB" });
  try {
    const me = await staff.newPage();
    await me.goto("/login");
    await me.getByLabel("Email").fill(member.email);
    await me.getByLabel("Password").fill(member.password);
    await me.getByRole("button", { name: "Log in" }).click();
    await expect(me.getByTestId("tenant-name")).toHaveText(company.companyName);
    await me.getByTestId("nav-me.travel").click();
    await expect(me.getByRole("heading", { name: "My trips", level: 1 })).toBeVisible();
    const trip = me.getByTestId("trip-form");
    await trip.getByRole("textbox", { name: "Destination 1" }).fill("Surabaya");
    await trip.getByRole("button", { name: "Add a destination" }).click();
    await trip.getByRole("textbox", { name: "Destination 2" }).fill("Malang");
    await trip.getByLabel("Departure").fill(localIso(daysFromNow(14)));
    await trip.getByLabel("Return").fill(localIso(daysFromNow(16)));
    await trip.getByLabel("Estimated cost (IDR)").fill("4500000");
    await trip.getByLabel("Cash advance (IDR)").fill("5000000");
    await trip.getByLabel("Purpose").fill("Branch audit");
    await trip.getByRole("button", { name: "Send request" }).click();
    await expect(trip.getByText("The cash advance cannot be more than the estimated cost.")).toBeVisible();
    await trip.getByLabel("Cash advance (IDR)").fill("3000000");
    await trip.getByRole("button", { name: "Send request" }).click();
    const myTrip = me.getByTestId("my-trip").filter({ hasText: "Surabaya, Malang" });
    await expect(myTrip).toContainText("Waiting");
    await expect(myTrip).toContainText("4,500,000");

    await openNav(page, "ga", "ga.travel");
    await expect(page.getByRole("heading", { name: "Travel requests" })).toBeVisible();
    const request = page.getByTestId("travel-request").filter({ hasText: "Surabaya, Malang" });
    await expect(request).toContainText("Rina Wijaya");
    await request.getByRole("button", { name: "Approve the trip of Rina Wijaya, Surabaya, Malang" }).click();
    await expect(page.getByTestId("no-travel-requests")).toHaveText("No trips are waiting for a decision.");

    await me.reload();
    await expect(myTrip).toContainText("Approved");

    // After the trip: settled at its actual cost; the member sees what is owed.
    await page.getByText("Approved", { exact: true }).click();
    await page.getByTestId("travel-request").filter({ hasText: "Surabaya, Malang" }).getByRole("link", { name: /Open the trip/ }).click();
    await expect(page.getByRole("heading", { name: "Trip to Surabaya, Malang" })).toBeVisible();
    await expect(page.getByTestId("trip-stops")).toHaveText("Surabaya → Malang");
    const settle = page.getByTestId("settle-form");
    await settle.getByLabel(/Actual cost/).fill("4550000");
    await settle.getByRole("button", { name: "Settle" }).click();
    await expect(page.getByTestId("trip-status")).toHaveText("Settled");
    await expect(page.getByTestId("settlement-balance")).toContainText("1,550,000");
    await expect(page.getByTestId("settlement-balance")).toContainText("to pay the traveller");
  } finally {
    await staff.close();
  }

  // --- Logistics: an item and a warehouse through the generic forms.
  await openNav(page, "logistics", "logistics.items");
  await expect(page.getByRole("heading", { name: "Items" })).toBeVisible();
  await page.getByTestId("new-record").click();
  const itemForm = page.getByTestId("record-form");
  await itemForm.getByLabel("SKU").fill("KOP-ARB");
  await itemForm.getByLabel("Name").fill("Kopi arabika");
  await itemForm.getByLabel("Unit (pcs when empty)").fill("kg");
  await itemForm.getByLabel("Reorder at").fill("10");
  await page.getByTestId("save-record").click();
  await expect(page.getByTestId("resource-table")).toContainText("KOP-ARB");
  await openNav(page, "logistics", "logistics.warehouses");
  await page.getByTestId("new-record").click();
  await page.getByTestId("record-form").getByLabel("Code").fill("JKT");
  await page.getByTestId("record-form").getByLabel("Name").fill("Gudang Jakarta");
  await page.getByTestId("save-record").click();
  await expect(page.getByTestId("resource-table")).toContainText("Gudang Jakarta");

  // Nothing on hand yet, and the item is below its reorder point.
  await openNav(page, "logistics", "logistics.stock");
  await expect(page.getByRole("heading", { name: "Stock on hand" })).toBeVisible();
  await expect(page.getByTestId("no-stock")).toBeVisible();
  await expect(page.getByTestId("low-stock")).toContainText("KOP-ARB");

  // An expected delivery of ten, received four now.
  await openNav(page, "logistics", "logistics.deliveries");
  await page.getByTestId("new-delivery").click();
  const delivery = page.getByTestId("delivery-form");
  await delivery.getByLabel("Supplier").fill("PT Sumber Kopi");
  await delivery.getByLabel("Reference").fill("PO-001");
  await delivery.getByRole("textbox", { name: "Item 1" }).fill("KOP");
  await page.getByRole("option", { name: "KOP-ARB · Kopi arabika" }).click();
  await delivery.getByLabel("Quantity 1").fill("10");
  await delivery.getByLabel("Unit cost 1 (IDR)").fill("150000");
  await delivery.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { name: "Delivery PO-001" })).toBeVisible();
  await expect(page.getByTestId("delivery-status")).toHaveText("Open");

  const receive = page.getByTestId("receive-form");
  await expect(receive.getByRole("textbox", { name: "Into location" })).toHaveValue("JKT · MAIN");
  await receive.getByLabel("Arrived now of KOP-ARB").fill("11");
  await receive.getByRole("button", { name: "Receive into stock" }).click();
  await expect(receive.getByText("More than is still expected.")).toBeVisible();
  await receive.getByLabel("Arrived now of KOP-ARB").fill("4");
  await receive.getByLabel("Delivery note").fill("SJ-1");
  await receive.getByRole("button", { name: "Receive into stock" }).click();
  await expect(page.getByTestId("delivery-status")).toHaveText("Partially received");
  const line = page.getByTestId("delivery-line").filter({ hasText: "KOP-ARB" });
  await expect(line.getByTestId("line-received")).toHaveText("4");
  await expect(line.getByTestId("line-outstanding")).toHaveText("6");
  await expect(page.getByTestId("delivery-receipts")).toContainText("SJ-1");

  // On hand now: four at JKT · MAIN, still low (reorder at ten), valued at cost.
  await openNav(page, "logistics", "logistics.stock");
  const row = page.getByTestId("stock-row").filter({ hasText: "KOP-ARB" });
  await expect(row).toContainText("JKT · MAIN");
  await expect(row.getByTestId("on-hand-quantity")).toHaveText("4 kg");
  await expect(row).toHaveAttribute("data-low", "true");
  await expect(page.getByTestId("valuation-total")).toContainText("600,000");
  await page.getByLabel("Find by SKU, name, barcode or location").fill("nothing like it");
  await expect(page.getByTestId("stock-row")).toHaveCount(0);
  await page.getByLabel("Find by SKU, name, barcode or location").fill("kopi");
  await expect(page.getByTestId("stock-row")).toHaveCount(1);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    (async () => {
      await page.getByRole("button", { name: "Export", exact: true }).click();
      await page.getByRole("menuitem", { name: "Export CSV" }).click();
    })(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  expect(await axeProblems(page)).toEqual([]);
});
