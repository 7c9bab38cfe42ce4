"""The daily low-stock alert."""

from __future__ import annotations

from typing import Any

from backoffice.sdk import encode_id, publish, transaction

from .. import notifications
from . import services


async def alert_low_stock(ctx: Any) -> dict[str, int]:
    """Publish ``logistics.low_stock`` with every item at or below its reorder point."""
    async with transaction():
        low = await services.low_stock()
        if low:
            await publish("logistics.low_stock", {"items": [
                {"item_id": encode_id("Item", r["item"]["id"]), "sku": r["item"]["sku"], "on_hand": str(r["on_hand"]),
                 "reorder_point": str(r["item"]["reorder_point"])} for r in low]})
            await notifications.low_stock(low)
    return {"low": len(low)}
