import { expect, test, type Page } from "@playwright/test";
import { newCompany, setModule, signUp } from "./helpers";

/** The calendar date `days` from today, as the browser's date inputs take it. */
function isoInDays(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

/** A call to the API with the browser's session (for data a screen only reads). */
async function api<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.request.post("/graphql", { data: { query, variables } });
  expect(response.ok()).toBeTruthy();
  const body = await response.json();
  expect(body.errors ?? []).toEqual([]);
  return body.data as T;
}

test("finance, IT and legal: a report with its chart, a ticket conversation, a contract sent to review", async ({ page }) => {
  test.setTimeout(120_000);
  const company = newCompany("Divisi");
  await signUp(page, company);
  for (const key of ["finance", "it", "legal"]) await setModule(page, key, true);

  // A sale posted today, so that the profit and loss has something to draw.
  const { accounts } = await api<{ accounts: { nodes: { id: string; code: string }[] } }>(
    page, "{ accounts(first: 100) { nodes { id code } } }");
  const bank = accounts.nodes.find((a) => a.code === "1110")!;
  const sales = accounts.nodes.find((a) => a.code === "4100")!;
  const posted = await api<{ postJournalEntry: { userErrors: unknown[] } }>(page, `
    mutation($input: PostJournalEntryInput!) { postJournalEntry(input: $input) { userErrors { message } } }`,
  { input: { entryDate: isoInDays(0), memo: "Cash sale", lines: [
    { accountId: bank.id, debit: "1500000" }, { accountId: sales.id, credit: "1500000" },
  ] } });
  expect(posted.postJournalEntry.userErrors).toEqual([]);

  // Finance: the profit and loss with its chart, the cash forecast chart, a report exported as a file.
  await page.goto("/");
  await page.getByTestId("nav-finance").click();
  await page.getByTestId("nav-finance.reports").click();
  await expect(page.getByRole("heading", { name: "Financial reports" })).toBeVisible();
  await expect(page.getByTestId("pl-income")).toContainText("1,500,000");
  const chart = page.getByTestId("pl-chart");
  await expect(chart.locator(".recharts-surface")).toBeVisible();
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("pl-table")).toContainText("4100");

  const download = page.waitForEvent("download");
  await page.getByTestId("export-report").click();
  await page.getByRole("menuitem", { name: "CSV" }).click();
  expect((await download).suggestedFilename()).toMatch(/^profit_and_loss-.*\.csv$/);

  await page.getByRole("tab", { name: "Cash forecast" }).click();
  await expect(page.getByTestId("forecast-chart").locator(".recharts-surface")).toBeVisible();
  await expect(page.getByTestId("forecast-table").locator("tbody tr")).toHaveCount(13);
  await expect(page.getByTestId("forecast-summary")).toContainText("Cash stays positive");

  // IT: open a ticket, reply to it, add an internal note, move it on.
  await page.getByTestId("nav-it").click();
  await page.getByTestId("nav-it.tickets").click();
  await expect(page.getByRole("heading", { name: "IT tickets" })).toBeVisible();
  await page.getByTestId("new-ticket").click();
  const ticketForm = page.getByTestId("ticket-form");
  await ticketForm.getByLabel("Subject").fill("Laptop will not start");
  await ticketForm.getByLabel("What happened").fill("Black screen since this morning.");
  await page.getByTestId("create-ticket").click();
  await expect(page.getByRole("heading", { name: "#1 Laptop will not start" })).toBeVisible();
  await expect(page.getByTestId("sla-resolution")).toContainText("In time");
  await expect(page.getByTestId("conversation")).toContainText("Black screen since this morning.");

  await page.getByTestId("reply-body").fill("Please hold the power button for ten seconds.");
  await page.getByTestId("send-reply").click();
  await expect(page.getByTestId("message").filter({ hasText: "Please hold the power button" })).toBeVisible();
  await expect(page.getByTestId("reply-body")).toHaveValue("");

  await page.getByTestId("reply-mode").getByText("Internal note").click();
  await page.getByTestId("reply-body").fill("Probably the battery; spare in the cupboard.");
  await page.getByTestId("reply-body").press("Control+Enter");
  await expect(page.getByTestId("internal-note").filter({ hasText: "Probably the battery" })).toBeVisible();
  await expect(page.getByTestId("internal-note")).toContainText("Internal note");

  await page.getByTestId("new-status").click();
  await page.getByRole("option", { name: "In progress" }).click();
  await page.getByTestId("update-ticket").click();
  await expect(page.getByTestId("ticket-status")).toHaveText("In progress");
  await page.getByRole("link", { name: "All tickets" }).click();
  await expect(page.getByTestId("ticket-table")).toContainText("Laptop will not start");

  // Legal: a contract with its notice deadline near, a document version, sent to review and approved.
  await page.getByTestId("nav-legal").click();
  await page.getByTestId("nav-legal.contracts").click();
  await expect(page.getByRole("heading", { name: "Contracts" })).toBeVisible();
  await page.getByTestId("new-contract").click();
  const contractForm = page.getByTestId("contract-form");
  await contractForm.getByLabel("Title").fill("Office cleaning 2026");
  await contractForm.getByLabel("Counterparty").fill("PT Bersih Selalu");
  await contractForm.getByLabel("Value", { exact: true }).fill("24000000");
  await contractForm.getByLabel("Starts", { exact: true }).fill(isoInDays(-300));
  await contractForm.getByLabel("Ends", { exact: true }).fill(isoInDays(45));
  await page.getByTestId("create-contract").click();
  await expect(page.getByRole("heading", { name: "Office cleaning 2026" })).toBeVisible();
  await expect(page.getByTestId("contract-status")).toHaveText("Draft");
  // 45 days to the end with 30 days' notice: notice is due in 15 days, highlighted.
  await expect(page.getByTestId("notice-deadline")).toHaveAttribute("data-level", "soon");
  await expect(page.getByTestId("notice-deadline")).toContainText("in 15 days");

  const chooser = page.waitForEvent("filechooser");
  await page.getByTestId("version-file").click();
  await (await chooser).setFiles({ name: "cleaning-v1.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n") });
  await page.getByTestId("upload-version").click();
  await expect(page.getByTestId("versions")).toContainText("cleaning-v1.pdf");

  await page.getByTestId("reviewers").click();
  await page.getByRole("option", { name: /\(you\)/ }).click();
  await page.keyboard.press("Escape");
  await page.getByTestId("send-to-review").click();
  await expect(page.getByTestId("contract-status")).toHaveText("In review");
  await expect(page.getByTestId("reviews")).toContainText("Waiting");

  // The reviewer must say what to change before asking for changes; then approves.
  await page.getByTestId("request-changes").click();
  await expect(page.getByTestId("decision-form")).toContainText("Say what must change.");
  await page.getByTestId("review-comment").fill("Looks fine.");
  await page.getByTestId("approve").click();
  await expect(page.getByTestId("contract-status")).toHaveText("Approved");
  await expect(page.getByTestId("review-progress")).toHaveText("1 of 1 approved");

  // In Indonesian, the same contract page reads in Indonesian.
  await page.getByTestId("language").click();
  await page.getByRole("option", { name: "Bahasa Indonesia" }).click();
  await expect(page.getByTestId("contract-status")).toHaveText("Disetujui");
});
