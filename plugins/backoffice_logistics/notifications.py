"""What logistics tells people (``sdk.notify``) and which of its records take comments: the
daily low-stock alert reaches everyone who holds ``logistics.stock.read``."""

from __future__ import annotations

from typing import Any

from backoffice.sdk import Commentable, NotificationKind, Text, notify

from .purchasing.tables import ExpectedDelivery
from .shipping.tables import Shipment
from .stock.tables import Item

KINDS = [
    NotificationKind("logistics.low_stock", Text("Items at or below their reorder point",
                                                 "Barang pada atau di bawah titik pesan ulang"),
                     email_default=True),
]


def _exists(table: Any) -> Any:
    async def exists(pk: int) -> bool:
        return await table.exists().where(table.id == pk)

    return exists


COMMENTABLES = [
    Commentable("Item", "logistics.stock.read", _exists(Item), link="/logistics/items/{id}"),
    Commentable("ExpectedDelivery", "logistics.purchase.read", _exists(ExpectedDelivery),
                link="/logistics/deliveries/{id}"),
    Commentable("Shipment", "logistics.stock.read", _exists(Shipment), link="/logistics"),
]

LISTED = 10


async def low_stock(rows: list[dict[str, Any]]) -> None:
    """``rows`` as :func:`services.low_stock` returns them (``item``, ``on_hand``)."""
    if not rows:
        return
    lines = [f"{r['item']['sku']} {r['item']['name']}: {r['on_hand']} / {r['item']['reorder_point']}"
             for r in rows[:LISTED]]
    more = len(rows) - LISTED
    en = "\n".join(lines) + (f"\n… and {more} more." if more > 0 else "")
    id_ = "\n".join(lines) + (f"\n… dan {more} lainnya." if more > 0 else "")
    count = len(rows)
    await notify("logistics.low_stock",
                 title=(f"{count} item(s) at or below the reorder point",
                        f"{count} barang pada atau di bawah titik pesan ulang"),
                 body=(f"On hand / reorder point:\n{en}", f"Stok / titik pesan ulang:\n{id_}"),
                 link="/logistics/stock", permission="logistics.stock.read")
