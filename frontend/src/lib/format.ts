// Formatting of money, numbers and dates for the chosen language. Amounts arrive from the API as
// decimal strings and are formatted as such (Intl formats exact decimal strings): never via float.

const LOCALES: Record<string, string> = { en: "en-GB", id: "id-ID" };

function localeOf(lang: string): string {
  return LOCALES[lang] ?? "en-GB";
}

function isDecimal(value: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(value.trim());
}

/** "1234567.50", "IDR", "id" -> "Rp 1.234.567,50"; whole rupiah show no decimals. */
export function formatMoney(value: string | null | undefined, currency = "IDR", lang = "en"): string {
  if (value === null || value === undefined || value === "") return "";
  const text = String(value).trim();
  if (!isDecimal(text)) return text;
  const fraction = text.includes(".") ? text.split(".")[1].replace(/0+$/, "").length : 0;
  const digits = currency === "IDR" ? Math.min(fraction > 0 ? 2 : 0, 2) : 2;
  const formatter = new Intl.NumberFormat(localeOf(lang), {
    style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: Math.max(digits, 2),
  });
  return formatter.format(text as Intl.StringNumericLiteral);
}

/** Plain numbers ("1234.5" -> "1.234,5" in Indonesian). */
export function formatNumber(value: string | number | null | undefined, lang = "en"): string {
  if (value === null || value === undefined || value === "") return "";
  const text = String(value).trim();
  if (!isDecimal(text)) return text;
  return new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 6 })
    .format(text as Intl.StringNumericLiteral);
}

/** "2026-12-01" -> "1 Des 2026" (id) / "1 Dec 2026" (en). Dates are calendar dates: no time zone shift. */
export function formatDate(value: string | null | undefined, lang = "en"): string {
  if (!value) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return formatDateTime(value, lang);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(localeOf(lang), { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })
    .format(date);
}

/** An instant in the viewer's time zone: "1 Des 2026 14.05" in Indonesian. */
export function formatDateTime(value: string | null | undefined, lang = "en"): string {
  if (!value) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(localeOf(lang), {
    day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit",
  }).format(date);
}

/** Format one cell by the kind the module's UI metadata gives its column. */
export function formatCell(value: unknown, kind: string, lang: string, currency = "IDR"): string {
  if (value === null || value === undefined) return "";
  switch (kind) {
    case "money":
      return formatMoney(String(value), currency, lang);
    case "number":
      return formatNumber(value as string, lang);
    case "date":
      return formatDate(String(value), lang);
    case "datetime":
      return formatDateTime(String(value), lang);
    case "boolean":
      return value ? "✓" : "";
    default:
      if (Array.isArray(value)) return value.join(", ");
      return String(value);
  }
}
