// Helpers of the finance screens: report periods, exact sums and differences of decimal strings,
// statement rows with their comparison, chart data, and waiting for a background export.

/** A calendar date as "YYYY-MM-DD" (the viewer's own calendar day, no time zone shift). */
export function isoDate(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, "0");
  const d = String(date.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

function parts(value: string): [number, number, number] {
  const [y, m, d] = value.split("-").map(Number);
  return [y, m, d];
}

function make(y: number, m: number, d: number): string {
  // Month arithmetic through Date.UTC normalises overflows (month 0 is December of the year before).
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.toISOString().slice(0, 10);
}

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Days from one ISO date to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  const [a, b] = [from, to].map((v) => { const [y, m, d] = parts(v); return Date.UTC(y, m - 1, d); });
  return Math.round((b - a) / 86_400_000);
}

export function addDays(value: string, days: number): string {
  const [y, m, d] = parts(value);
  return make(y, m, d + days);
}

export interface Period { from: string; to: string }
export type PeriodPreset = "thisMonth" | "lastMonth" | "thisQuarter" | "lastQuarter" | "yearToDate" | "lastYear";
export const PERIOD_PRESETS: PeriodPreset[] = ["thisMonth", "lastMonth", "thisQuarter", "lastQuarter", "yearToDate", "lastYear"];

/** The dates of a named period, seen from `today` ("YYYY-MM-DD"). */
export function presetPeriod(preset: PeriodPreset, today: string): Period {
  const [y, m] = parts(today);
  const quarterStart = Math.floor((m - 1) / 3) * 3 + 1;
  switch (preset) {
    case "thisMonth":
      return { from: make(y, m, 1), to: make(y, m, lastDayOfMonth(y, m)) };
    case "lastMonth": {
      const from = make(y, m - 1, 1);
      const [py, pm] = parts(from);
      return { from, to: make(py, pm, lastDayOfMonth(py, pm)) };
    }
    case "thisQuarter":
      return { from: make(y, quarterStart, 1), to: make(y, quarterStart + 2, lastDayOfMonth(y, quarterStart + 2)) };
    case "lastQuarter": {
      const from = make(y, quarterStart - 3, 1);
      const [py, pm] = parts(from);
      return { from, to: make(py, pm + 2, lastDayOfMonth(py, pm + 2)) };
    }
    case "yearToDate":
      return { from: make(y, 1, 1), to: today };
    case "lastYear":
      return { from: make(y - 1, 1, 1), to: make(y - 1, 12, 31) };
  }
}

export type Comparison = "none" | "previousPeriod" | "previousYear";

/** Whole calendar months from the first of one month to the last of another: the number of months, else 0. */
function wholeMonths({ from, to }: Period): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  if (fd !== 1 || td !== lastDayOfMonth(ty, tm)) return 0;
  const months = (ty - fy) * 12 + (tm - fm) + 1;
  return months > 0 ? months : 0;
}

/**
 * The period to compare with: the one just before (as many whole months, or as many days), or the
 * same dates a year earlier (29 February becomes the 28th).
 */
export function comparisonPeriod(period: Period, mode: Comparison): Period | null {
  if (mode === "none") return null;
  if (mode === "previousYear") {
    const shift = (value: string) => {
      const [y, m, d] = parts(value);
      return make(y - 1, m, Math.min(d, lastDayOfMonth(y - 1, m)));
    };
    return { from: shift(period.from), to: shift(period.to) };
  }
  const months = wholeMonths(period);
  if (months) {
    const [fy, fm] = parts(period.from);
    const from = make(fy, fm - months, 1);
    const end = addDays(period.from, -1);
    return { from, to: end };
  }
  const length = daysBetween(period.from, period.to) + 1;
  return { from: addDays(period.from, -length), to: addDays(period.from, -1) };
}

// ---- exact decimal arithmetic on the API's decimal strings ----

function scaleOf(value: string): number {
  const dot = value.indexOf(".");
  return dot < 0 ? 0 : value.length - dot - 1;
}

function toScaled(value: string, scale: number): bigint {
  const text = value.trim();
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = text.replace(/^[-+]/, "").split(".");
  const digits = `${whole || "0"}${fraction.padEnd(scale, "0")}`;
  const result = BigInt(digits);
  return negative ? -result : result;
}

function fromScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, "0");
  const whole = scale ? digits.slice(0, -scale) : digits;
  const fraction = scale ? digits.slice(-scale) : "";
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

function isDecimal(value: string | null | undefined): value is string {
  return typeof value === "string" && /^\s*[-+]?\d+(\.\d+)?\s*$/.test(value);
}

/** The exact sum of decimal strings ("0.1" + "0.2" = "0.3"); empty or missing values count as zero. */
export function sumDecimals(values: readonly (string | null | undefined)[]): string {
  const present = values.filter(isDecimal).map((v) => v.trim());
  const scale = Math.max(0, ...present.map(scaleOf));
  return fromScaled(present.reduce((total, v) => total + toScaled(v, scale), 0n), scale);
}

/** a − b, exactly. */
export function subtractDecimals(a: string, b: string): string {
  return sumDecimals([a, isDecimal(b) ? (b.trim().startsWith("-") ? b.trim().slice(1) : `-${b.trim()}`) : "0"]);
}

/** -1, 0 or 1. */
export function signOf(value: string | null | undefined): number {
  if (!isDecimal(value)) return 0;
  const scaled = toScaled(value.trim(), scaleOf(value.trim()));
  return scaled === 0n ? 0 : scaled < 0n ? -1 : 1;
}

/** The change from `previous` to `current` as a fraction (0.25 = +25%); null when there is nothing to compare with. */
export function relativeChange(current: string, previous: string | null | undefined): number | null {
  if (!isDecimal(previous) || signOf(previous) === 0) return null;
  return (Number(current) - Number(previous)) / Math.abs(Number(previous));
}

/** A decimal string as a number, for drawing only (never for sums shown as money). */
export function chartNumber(value: string | null | undefined): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

// ---- statements ----

export interface AccountRef { id: string; code: string; name: string; kind: string }
export interface StatementLineLike { account: AccountRef; amount: string }
export interface StatementRow { account: AccountRef; amount: string; previous: string | null; change: string | null }

/**
 * The lines of a statement with the comparison period's amount of the same account beside them
 * (accounts that moved only in the comparison period appear with zero), ordered by account code.
 */
export function compareLines(current: readonly StatementLineLike[], previous: readonly StatementLineLike[] | null): StatementRow[] {
  const rows = new Map<string, StatementRow>();
  for (const line of current) {
    rows.set(line.account.id, { account: line.account, amount: line.amount, previous: previous ? "0" : null, change: null });
  }
  for (const line of previous ?? []) {
    const row = rows.get(line.account.id);
    if (row) row.previous = line.amount;
    else rows.set(line.account.id, { account: line.account, amount: "0", previous: line.amount, change: null });
  }
  return [...rows.values()]
    .map((row) => ({ ...row, change: row.previous === null ? null : subtractDecimals(row.amount, row.previous) }))
    .sort((a, b) => a.account.code.localeCompare(b.account.code, undefined, { numeric: true }));
}

/** Rows of the given account kinds, in their order. */
export function rowsOfKind<T extends { account: AccountRef }>(rows: readonly T[], kind: string): T[] {
  return rows.filter((row) => row.account.kind === kind);
}

export interface ForecastWeekLike { weekStart: string; opening: string; inflow: string; outflow: string; closing: string }

/** Chart points of the cash forecast: money in up, money out down, and the closing cash as a line. */
export function forecastSeries(weeks: readonly ForecastWeekLike[], label: (weekStart: string) => string) {
  return weeks.map((w) => ({
    week: label(w.weekStart),
    inflow: chartNumber(w.inflow),
    outflow: -Math.abs(chartNumber(w.outflow)),
    closing: chartNumber(w.closing),
  }));
}

/** The first week whose closing cash is below zero, if any. */
export function firstShortfall<T extends ForecastWeekLike>(weeks: readonly T[]): T | undefined {
  return weeks.find((w) => signOf(w.closing) < 0);
}

// ---- background exports ----

export interface JobState { status: string; progress: number; message?: string; lastError?: string }

export class JobFailed extends Error {}

/**
 * Ask for a job's state until it has succeeded (resolves) or failed (rejects), waiting `interval`
 * milliseconds between questions and giving up after `timeout`. `onProgress` hears every state.
 */
export async function waitForJob(
  fetchState: () => Promise<JobState>,
  { interval = 800, timeout = 120_000, onProgress, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)) }: {
    interval?: number; timeout?: number; onProgress?: (state: JobState) => void; sleep?: (ms: number) => Promise<unknown>;
  } = {},
): Promise<JobState> {
  let waited = 0;
  for (;;) {
    const state = await fetchState();
    onProgress?.(state);
    if (state.status === "succeeded") return state;
    if (state.status === "failed" || state.status === "cancelled") throw new JobFailed(state.lastError || state.message || state.status);
    if (waited >= timeout) throw new JobFailed("timeout");
    await sleep(interval);
    waited += interval;
  }
}

/** Offer a file that came from the API as base64 for download. */
export function downloadBase64(filename: string, base64: string, type: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Bytes as base64. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A file's content as base64 (without the data: prefix), for upload mutations. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(bytesToBase64(new Uint8Array(reader.result as ArrayBuffer)));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}
