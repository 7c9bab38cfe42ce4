"""Demo data for ``backoffice seed-demo``: a warehouse with coffee, tea and packaging in stock,
and a supplier's delivery of which part has arrived."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from .purchasing import services as purchasing
from .purchasing.tables import ExpectedDeliveryLine
from .stock import services
from .stock.tables import Location


async def seed() -> None:
    wh = await services.create_warehouse("BKS", "Gudang Bekasi", ["A-01", "A-02", "B-01"])
    locations = [r["id"] for r in await Location.select(Location.id).where(Location.warehouse_id == wh).order_by(Location.id)]
    today = date.today()
    items: dict[str, int] = {}
    for sku, name, reorder, qty, cost in (("KOP-ARB-1", "Kopi arabika 1 kg", 20, 120, 185_000),
                                          ("KOP-ROB-1", "Kopi robusta 1 kg", 20, 15, 95_000),
                                          ("TEH-HJ-250", "Teh hijau 250 g", 30, 80, 32_000),
                                          ("KTK-M", "Kotak kemasan sedang", 200, 150, 2_500)):
        item = items[sku] = await services.create_item(sku, name, "pcs", "", Decimal(reorder))
        await services.post_move(kind="receipt", item_id=item, quantity=Decimal(qty), from_location=None,
                                 to_location=locations[0], unit_cost=Decimal(cost), move_date=today - timedelta(days=30),
                                 reference="Stok awal", idempotency_key=f"demo:{sku}", allow_negative=False)
        if qty > 40:
            await services.post_move(kind="issue", item_id=item, quantity=Decimal(qty // 4), from_location=locations[0],
                                     to_location=None, unit_cost=None, move_date=today - timedelta(days=7),
                                     reference="Penjualan", idempotency_key=f"demo:{sku}:out", allow_negative=False)
    # The robusta is short: 60 kg ordered, 40 kg came with the first truck, the rest is awaited.
    delivery = await purchasing.create_delivery(
        supplier_name="PT Kopi Nusantara", reference="PO-2026-0042", expected_date=today - timedelta(days=2),
        currency="IDR", note="Pembayaran 30 hari setelah faktur.", user_id=None,
        lines=[purchasing.ExpectedLine(items["KOP-ROB-1"], Decimal(60), Decimal(97_500)),
               purchasing.ExpectedLine(items["KTK-M"], Decimal(300), Decimal(2_400))])
    lines = {r["item_id"]: r["id"] for r in await ExpectedDeliveryLine.select().where(
        ExpectedDeliveryLine.delivery_id == delivery)}
    await purchasing.receive(delivery_id=delivery, location_id=locations[1], received_on=today - timedelta(days=1),
                             reference="SJ-118", note="", exchange_rate=None, idempotency_key="demo:PO-2026-0042:1",
                             lines=[(lines[items["KOP-ROB-1"]], Decimal(40)), (lines[items["KTK-M"]], Decimal(300))],
                             user_id=None)
