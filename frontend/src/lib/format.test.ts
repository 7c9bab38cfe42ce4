import { describe, expect, it } from "vitest";
import { formatCell, formatDate, formatMoney, formatNumber } from "./format";

// Intl may use a no-break space between symbol and digits: compare with spaces normalised.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("formatMoney", () => {
  it("formats rupiah the Indonesian way", () => {
    expect(plain(formatMoney("1234567", "IDR", "id"))).toBe("Rp 1.234.567");
    expect(plain(formatMoney("1234567.50", "IDR", "id"))).toBe("Rp 1.234.567,50");
  });
  it("formats rupiah in English with comma grouping", () => {
    expect(plain(formatMoney("1234567", "IDR", "en"))).toMatch(/^IDR 1,234,567$/);
  });
  it("keeps every digit of large amounts (no float rounding)", () => {
    expect(plain(formatMoney("12345678901234567.89", "IDR", "id"))).toBe("Rp 12.345.678.901.234.567,89");
  });
  it("formats negative amounts and other currencies", () => {
    expect(plain(formatMoney("-1500", "IDR", "id"))).toBe("-Rp 1.500");
    expect(plain(formatMoney("10.5", "USD", "en"))).toBe("US$10.50");
  });
  it("leaves non-numbers and empty values alone", () => {
    expect(formatMoney("", "IDR", "id")).toBe("");
    expect(formatMoney(null)).toBe("");
    expect(formatMoney("n/a")).toBe("n/a");
  });
});

describe("formatDate", () => {
  it("writes calendar dates without a time-zone shift", () => {
    expect(formatDate("2026-12-01", "id")).toBe("1 Des 2026");
    expect(formatDate("2026-12-01", "en")).toBe("1 Dec 2026");
  });
});

describe("formatNumber and formatCell", () => {
  it("groups numbers by language", () => {
    expect(formatNumber("1234.5", "id")).toBe("1.234,5");
    expect(formatNumber("1234.5", "en")).toBe("1,234.5");
  });
  it("formats by column kind", () => {
    expect(plain(formatCell("2500000", "money", "id"))).toBe("Rp 2.500.000");
    expect(formatCell("2026-01-31", "date", "id")).toBe("31 Jan 2026");
    expect(formatCell(["a", "b"], "text", "en")).toBe("a, b");
    expect(formatCell(null, "text", "en")).toBe("");
  });
});
