// Files the API returns as base64 (payslip PDFs, exports), offered as downloads in the browser,
// and the names of months in the chosen language.

/** Decode base64 (line breaks and spaces allowed) into bytes. */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64.replace(/\s+/g, ""));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Offer a base64 file as a download. */
export function downloadBase64(filename: string, base64: string, contentType: string): void {
  const blob = new Blob([base64ToBytes(base64)], { type: contentType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name from free text: letters, digits, dots and dashes only. */
export function fileName(...parts: string[]): string {
  return parts
    .map((p) => p.normalize("NFKD").replace(/[^\w.-]+/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, ""))
    .filter(Boolean)
    .join("-");
}

function localeOf(lang: string): string {
  return lang === "id" ? "id-ID" : "en-GB";
}

/** "2026-12" -> "December 2026" / "Desember 2026"; anything else is shown as it is. */
export function formatMonth(period: string, lang = "en"): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  if (!match) return period;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(localeOf(lang), { month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}

/** Short weekday names, Monday first. */
export function weekdayNames(lang = "en", width: "short" | "narrow" | "long" = "short"): string[] {
  const format = new Intl.DateTimeFormat(localeOf(lang), { weekday: width, timeZone: "UTC" });
  // 5 January 2026 was a Monday.
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2026, 0, 5 + i))));
}
