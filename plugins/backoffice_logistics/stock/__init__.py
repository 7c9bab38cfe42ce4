"""Stock: items, warehouses and locations, stock moves posted once, on-hand quantities and
moving-average valuation."""
