import { describe, expect, it } from "vitest";
import { DELIVERY_TEXTS, ISSUE_TEXTS, STOCK_TEXTS } from "./texts";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)).sort();
}

function leaves(value: unknown): string[] {
  if (typeof value !== "object" || value === null) return [String(value)];
  return Object.values(value).flatMap(leaves);
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
}

describe("logistics texts", () => {
  it.each([["stock", STOCK_TEXTS], ["deliveries", DELIVERY_TEXTS], ["issues", ISSUE_TEXTS]])(
    "%s has the same keys in both languages, none empty, with the same placeholders", (_, texts) => {
      expect(keys(texts.id)).toEqual(keys(texts.en));
      for (const text of [...leaves(texts.en), ...leaves(texts.id)]) expect(text.trim()).not.toBe("");
      for (const key of keys(texts.en)) {
        const read = (bundle: unknown) => key.split(".").reduce((v, k) => (v as Record<string, unknown>)[k], bundle) as string;
        expect(placeholders(read(texts.id)), key).toEqual(placeholders(read(texts.en)));
      }
    });
});

describe("logistics screens", () => {
  const screens: [string, Record<string, unknown>][] = [
    ["StockOnHand.tsx", STOCK_TEXTS.en], ["Deliveries.tsx", DELIVERY_TEXTS.en], ["StockIssues.tsx", ISSUE_TEXTS.en],
  ];
  it.each(screens)("%s asks only for texts its bundle has", async (file, bundle) => {
    const { readFile } = await import("node:fs/promises");
    const source = await readFile(`${process.cwd()}/src/screens/logistics/${file}`, "utf-8");
    const used = [...source.matchAll(/\bt\("([\w.]+)"/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    const known = new Set(keys(bundle));
    expect(used.filter((key) => !known.has(key))).toEqual([]);
  });
});
