import { describe, expect, it } from "vitest";
import { LEAVE_TEXTS, PAYROLL_TEXTS } from "./texts";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)).sort();
}

describe("HR texts", () => {
  it.each([["leave", LEAVE_TEXTS], ["payroll", PAYROLL_TEXTS]])("%s has the same keys in both languages", (_, texts) => {
    expect(keys(texts.id)).toEqual(keys(texts.en));
    for (const text of [...Object.values(texts.en), ...Object.values(texts.id)]) expect(text).not.toBe("");
  });
});
