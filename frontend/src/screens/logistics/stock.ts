// Stock on hand as the screen shows it: one row per item and location with the item's total over
// every location, found by SKU, name, barcode or location, and the items at or below their reorder
// point marked.

import { compareDecimal, sumDecimals } from "./decimal";

export interface ItemLike {
  id: string;
  sku: string;
  name: string;
  unit: string;
  barcode?: string;
  reorderPoint: string;
}

export interface LevelLike<I extends ItemLike = ItemLike> {
  locationId: string;
  quantity: string;
  item?: I | null;
}

export interface StockRow<I extends ItemLike = ItemLike> {
  key: string;
  item: I;
  locationId: string;
  location: string;
  quantity: string;
  /** On hand over every location. */
  itemTotal: string;
  low: boolean;
}

/** At or below the reorder point, for items that have one (as the server's low-stock alert counts). */
export function isLow(total: string, reorderPoint: string): boolean {
  return compareDecimal(reorderPoint, "0") > 0 && compareDecimal(total, reorderPoint) <= 0;
}

/** Rows by SKU, then location name; `lowIds` (the server's list) marks low items when given. */
export function stockRows<I extends ItemLike>(levels: readonly LevelLike<I>[], locationName: (id: string) => string,
  lowIds?: ReadonlySet<string>): StockRow<I>[] {
  const totals = new Map<string, string[]>();
  for (const level of levels) {
    if (!level.item) continue;
    totals.set(level.item.id, [...(totals.get(level.item.id) ?? []), level.quantity]);
  }
  return levels
    .filter((level): level is LevelLike<I> & { item: I } => Boolean(level.item))
    .map((level) => {
      const itemTotal = sumDecimals(totals.get(level.item.id) ?? []);
      return {
        key: `${level.item.id}@${level.locationId}`,
        item: level.item,
        locationId: level.locationId,
        location: locationName(level.locationId),
        quantity: level.quantity,
        itemTotal,
        low: lowIds ? lowIds.has(level.item.id) : isLow(itemTotal, level.item.reorderPoint),
      };
    })
    .sort((a, b) => a.item.sku.localeCompare(b.item.sku) || a.location.localeCompare(b.location));
}

/** Rows whose SKU, name, barcode (exactly) or location match the search, at a location, low ones only. */
export function filterRows<R extends StockRow>(rows: readonly R[], { search = "", locationId = null, lowOnly = false }: {
  search?: string; locationId?: string | null; lowOnly?: boolean;
}): R[] {
  const needle = search.trim().toLocaleLowerCase();
  return rows.filter((row) => (!locationId || row.locationId === locationId) && (!lowOnly || row.low)
    && (!needle || row.item.sku.toLocaleLowerCase().includes(needle) || row.item.name.toLocaleLowerCase().includes(needle)
      || row.location.toLocaleLowerCase().includes(needle) || (row.item.barcode ?? "").toLocaleLowerCase() === needle));
}

/** Total value of a valuation (decimal strings), exactly. */
export function totalValue(rows: readonly { value: string }[]): string {
  return sumDecimals(rows.map((r) => r.value));
}
