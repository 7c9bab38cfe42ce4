import { describe, expect, it } from "vitest";
import { FINANCE_TEXTS } from "./texts";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)).sort();
}

describe("finance texts", () => {
  it("have the same keys in English and Indonesian, none empty", () => {
    expect(keys(FINANCE_TEXTS.id)).toEqual(keys(FINANCE_TEXTS.en));
    for (const lang of [FINANCE_TEXTS.en, FINANCE_TEXTS.id]) {
      for (const key of keys(lang)) {
        expect(key.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], lang)).not.toBe("");
      }
    }
  });
});
