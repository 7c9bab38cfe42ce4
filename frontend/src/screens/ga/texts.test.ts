import { describe, expect, it } from "vitest";
import { BOOKING_TEXTS, EVENT_TEXTS, TRAVEL_TEXTS } from "./texts";

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

describe("general affairs texts", () => {
  it.each([["bookings", BOOKING_TEXTS], ["travel", TRAVEL_TEXTS], ["events", EVENT_TEXTS]])(
    "%s has the same keys in both languages, none empty, with the same placeholders", (_, texts) => {
      expect(keys(texts.id)).toEqual(keys(texts.en));
      for (const text of [...leaves(texts.en), ...leaves(texts.id)]) expect(text.trim()).not.toBe("");
      for (const key of keys(texts.en)) {
        const read = (bundle: unknown) => key.split(".").reduce((v, k) => (v as Record<string, unknown>)[k], bundle) as string;
        expect(placeholders(read(texts.id)), key).toEqual(placeholders(read(texts.en)));
      }
    });
});

describe("general affairs screens", () => {
  const screens: [string, Record<string, unknown>][] = [
    ["Bookings.tsx", BOOKING_TEXTS.en], ["MyTravel.tsx", TRAVEL_TEXTS.en], ["TravelDetail.tsx", TRAVEL_TEXTS.en],
    ["TravelRequests.tsx", TRAVEL_TEXTS.en], ["Events.tsx", EVENT_TEXTS.en], ["EventPage.tsx", EVENT_TEXTS.en],
    ["EventForm.tsx", EVENT_TEXTS.en], ["MyEvents.tsx", EVENT_TEXTS.en],
  ];
  it.each(screens)("%s asks only for texts its bundle has", async (file, bundle) => {
    const { readFile } = await import("node:fs/promises");
    const source = await readFile(`${process.cwd()}/src/screens/ga/${file}`, "utf-8");
    const used = [...source.matchAll(/\bt\("([\w.]+)"/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    const known = new Set(keys(bundle));
    expect(used.filter((key) => !known.has(key))).toEqual([]);
  });
});
