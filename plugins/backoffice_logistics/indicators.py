"""Logistics' figure on the operations dashboard: items at or below their reorder point."""

from __future__ import annotations

from datetime import date

from backoffice.sdk import Indicator, Text, current_tenant_id

from .stock.tables import Item

# One statement whatever the number of items: on-hand per item is summed in a correlated
# subquery. Raw SQL is not filtered by the table helpers, so it names the company itself (and
# on PostgreSQL row level security stands behind it).
STOCK_ALERTS = (
    "SELECT COUNT(*) AS n FROM logistics_items i WHERE i.tenant_id = {} AND i.active = {} "
    "AND i.reorder_point > 0 AND COALESCE((SELECT SUM(l.quantity) FROM logistics_stock_levels l "
    "WHERE l.tenant_id = i.tenant_id AND l.item_id = i.id), 0) <= i.reorder_point"
)


async def stock_alerts(as_of: date) -> int:
    """Active items with a reorder point whose stock on hand is at or below it (today's stock:
    levels are kept current, not by date)."""
    rows = await Item.raw(STOCK_ALERTS, current_tenant_id(), True)
    return int(rows[0]["n"]) if rows else 0


INDICATORS = [
    Indicator(key="logistics.stock_alerts", label=Text("Items to reorder", "Barang perlu dipesan ulang"),
              permission="logistics.stock.read", compute=stock_alerts, link="/logistics/items", good="down"),
]
