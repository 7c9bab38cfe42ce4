import { afterEach, describe, expect, it, vi } from "vitest";
import { base64ToBytes, downloadBase64, fileName, formatMonth, weekdayNames } from "./files";

describe("base64 files", () => {
  const saved = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
  afterEach(() => {
    vi.restoreAllMocks();
    URL.createObjectURL = saved.create;
    URL.revokeObjectURL = saved.revoke;
  });

  it("decodes base64 into the exact bytes, binary included", () => {
    expect(Array.from(base64ToBytes("JVBERi0="))).toEqual([0x25, 0x50, 0x44, 0x46, 0x2d]); // "%PDF-"
    expect(Array.from(base64ToBytes("AP+A\nfw=="))).toEqual([0x00, 0xff, 0x80, 0x7f]);
  });

  it("offers the file as a download under its name", () => {
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => { created.push(blob); return "blob:x"; });
    URL.revokeObjectURL = vi.fn();
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) { clicked.push(this); });
    downloadBase64("payslip.pdf", "JVBERi0=", "application/pdf");
    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toBe("payslip.pdf");
    expect(created[0].type).toBe("application/pdf");
    expect(created[0].size).toBe(5);
    expect(document.querySelector("a[download]")).toBeNull();
  });

  it("makes safe file names", () => {
    expect(fileName("payslip", "2026-12", "Siti Rahmawati / HR")).toBe("payslip-2026-12-Siti-Rahmawati-HR");
  });
});

describe("months and weekdays in both languages", () => {
  it("names a month", () => {
    expect(formatMonth("2026-12", "en")).toBe("December 2026");
    expect(formatMonth("2026-12", "id")).toBe("Desember 2026");
    expect(formatMonth("soon", "en")).toBe("soon");
  });

  it("lists weekdays from Monday", () => {
    expect(weekdayNames("en")[0]).toBe("Mon");
    expect(weekdayNames("id", "long")[6]).toBe("Minggu");
  });
});
