import { describe, expect, it } from "vitest";
import { confirmMatches, PERSONAL_DATA_TEXTS, waitForArchive } from "./personalData";

describe("confirming an anonymisation", () => {
  it("accepts the name with other spacing or case, and nothing else", () => {
    expect(confirmMatches("  siti   NURHALIZA rahayu ", "Siti Nurhaliza Rahayu")).toBe(true);
    expect(confirmMatches("Siti Nurhaliza", "Siti Nurhaliza Rahayu")).toBe(false);
    expect(confirmMatches("", "")).toBe(false);
    expect(confirmMatches("   ", "   ")).toBe(false);
  });
});

describe("waiting for an archive", () => {
  const file = { filename: "personal-data.zip", contentType: "application/zip", base64: "UEsFBg==" };

  it("asks until the archive is ready", async () => {
    const states = [{ status: "building" }, { status: "building" }, { status: "ready", file }];
    let asked = 0;
    const got = await waitForArchive(async () => states[asked++], { sleep: async () => undefined });
    expect(got).toEqual(file);
    expect(asked).toBe(3);
  });

  it("gives up when the export is gone or takes too long", async () => {
    await expect(waitForArchive(async () => null, { sleep: async () => undefined })).rejects.toThrow("gone");
    await expect(waitForArchive(async () => ({ status: "building" }), { interval: 10, timeout: 30, sleep: async () => undefined }))
      .rejects.toThrow("timeout");
  });
});

describe("personal data texts", () => {
  it("have the same keys in both languages", () => {
    expect(Object.keys(PERSONAL_DATA_TEXTS.id).sort()).toEqual(Object.keys(PERSONAL_DATA_TEXTS.en).sort());
  });
});
