import { describe, expect, it } from "vitest";
import { filterRows, isLow, stockRows, totalValue } from "./stock";

const coffee = { id: "i1", sku: "KOP-ARB", name: "Kopi arabika", unit: "kg", barcode: "899100", reorderPoint: "10" };
const sugar = { id: "i2", sku: "GULA-1KG", name: "Gula", unit: "pcs", barcode: "", reorderPoint: "0" };
const names: Record<string, string> = { a: "JKT · A-01", b: "JKT · B-01" };
const levels = [
  { locationId: "b", quantity: "2.500", item: coffee },
  { locationId: "a", quantity: "6", item: coffee },
  { locationId: "a", quantity: "5", item: sugar },
  { locationId: "a", quantity: "1", item: null },
];

describe("stock on hand", () => {
  it("is low at or below a reorder point, never without one", () => {
    expect(isLow("10", "10")).toBe(true);
    expect(isLow("10.001", "10")).toBe(false);
    expect(isLow("0", "0")).toBe(false);
  });

  it("gives one row per item and location with the item's total", () => {
    const rows = stockRows(levels, (id) => names[id]);
    expect(rows.map((r) => [r.item.sku, r.location, r.quantity, r.itemTotal, r.low])).toEqual([
      ["GULA-1KG", "JKT · A-01", "5", "5", false],
      ["KOP-ARB", "JKT · A-01", "6", "8.5", true],
      ["KOP-ARB", "JKT · B-01", "2.500", "8.5", true],
    ]);
  });

  it("takes the server's low-stock list when given", () => {
    const rows = stockRows(levels, (id) => names[id], new Set(["i2"]));
    expect(rows.filter((r) => r.low).map((r) => r.item.sku)).toEqual(["GULA-1KG"]);
  });

  it("finds rows by SKU, name, location or exact barcode", () => {
    const rows = stockRows(levels, (id) => names[id]);
    expect(filterRows(rows, { search: "kopi" })).toHaveLength(2);
    expect(filterRows(rows, { search: "b-01" }).map((r) => r.item.sku)).toEqual(["KOP-ARB"]);
    expect(filterRows(rows, { search: "899100" })).toHaveLength(2);
    expect(filterRows(rows, { search: "8991" })).toHaveLength(0);
    expect(filterRows(rows, { locationId: "a", lowOnly: true }).map((r) => r.key)).toEqual(["i1@a"]);
  });

  it("totals a valuation exactly", () => {
    expect(totalValue([{ value: "1500000.10" }, { value: "0.20" }, { value: "-0.30" }])).toBe("1500000");
  });
});
