"""Rules of expected deliveries and purchase receipts.

An expected delivery lists what a supplier should bring: items, quantities and unit costs in
the delivery's currency. Goods are received against it in as many receipts as it takes, each
into one location; a receipt never takes a line beyond what is still expected unless that line
allows it (the error code is ``OVER_RECEIPT``). Every received line posts a stock receipt
through the stock rules (on hand, moving average, ``logistics.stock_moved``), once: a receipt
with an idempotency key seen before returns the first. The delivery's status follows its
lines: open, partially_received, received; cancelled stops further receipts. Receipts against
one delivery queue on its row (PostgreSQL) or in SQLite's serialised write transactions, so two
at once cannot both take the last units.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, NotFound

from ..stock import services as stock
from ..stock.tables import Item, Location
from .tables import ExpectedDelivery, ExpectedDeliveryLine, PurchaseReceipt, PurchaseReceiptLine

STATUSES = ("open", "partially_received", "received", "cancelled")
RECEIVABLE = ("open", "partially_received")
ZERO = Decimal(0)
COST = Decimal("0.0001")


@dataclass
class ExpectedLine:
    item_id: int
    quantity: Decimal
    unit_cost: Decimal
    allow_over_receipt: bool = False


def _qty(value: Decimal) -> str:
    return f"{value.normalize():f}"


async def get_delivery(pk: int, *, lock: bool = False) -> dict[str, Any]:
    query = ExpectedDelivery.select().where(ExpectedDelivery.id == pk)
    if lock and ExpectedDelivery._meta.db.engine_type == "postgres":
        rows = await query.lock_rows("UPDATE")
        row = rows[0] if rows else None
    else:
        row = await query.first()
    if row is None:
        raise NotFound()
    return row


async def create_delivery(*, supplier_name: str, reference: str, expected_date: date, currency: str, note: str,
                          lines: list[ExpectedLine], user_id: int | None) -> int:
    if not supplier_name.strip() or not reference.strip():
        raise BadUserInput(("Give the supplier and a reference.", "Beri nama pemasok dan referensi."),
                           field="supplierName")
    currency = (currency or stock.STOCK_CURRENCY).strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        raise BadUserInput(("Give a three-letter currency.", "Beri kode mata uang tiga huruf."), field="currency")
    if not lines:
        raise BadUserInput(("Expect at least one line.", "Isi minimal satu baris."), field="lines")
    for i, line in enumerate(lines):
        if line.quantity <= 0:
            raise BadUserInput(("Expect a positive quantity.", "Jumlah yang diharapkan harus positif."),
                               field=f"lines.{i}.quantity")
        if line.unit_cost < 0:
            raise BadUserInput(("A unit cost cannot be negative.", "Harga satuan tidak boleh negatif."),
                               field=f"lines.{i}.unitCost")
    items = {r["id"] for r in await Item.select(Item.id).where(Item.id.is_in([x.item_id for x in lines]))}
    for line in lines:
        if line.item_id not in items:
            raise NotFound()
    result = await ExpectedDelivery.insert(ExpectedDelivery(
        supplier_name=supplier_name.strip()[:200], reference=reference.strip()[:64], expected_date=expected_date,
        currency=currency, note=note or "", created_by=user_id))
    pk = result[0]["id"]
    await ExpectedDeliveryLine.insert(*[ExpectedDeliveryLine(
        delivery_id=pk, position=i + 1, item_id=x.item_id, quantity_expected=x.quantity, unit_cost=x.unit_cost,
        allow_over_receipt=x.allow_over_receipt) for i, x in enumerate(lines)])
    return pk


async def cancel_delivery(pk: int) -> None:
    """Cancel what is still expected; what was received stays in stock."""
    from datetime import UTC, datetime  # noqa: PLC0415

    row = await get_delivery(pk, lock=True)
    if row["status"] not in RECEIVABLE:
        raise Conflict(("Only an open or partially received delivery can be cancelled.",
                        "Hanya pengiriman yang terbuka atau diterima sebagian yang dapat dibatalkan."),
                       field="id")
    await ExpectedDelivery.update({ExpectedDelivery.status: "cancelled",
                                   ExpectedDelivery.cancelled_at: datetime.now(UTC)}).where(ExpectedDelivery.id == pk)


def status_of(lines: list[dict[str, Any]]) -> str:
    if all(Decimal(x["quantity_received"]) >= Decimal(x["quantity_expected"]) for x in lines):
        return "received"
    if any(Decimal(x["quantity_received"]) > 0 for x in lines):
        return "partially_received"
    return "open"


async def receive(*, delivery_id: int, location_id: int, received_on: date, reference: str, note: str,
                  exchange_rate: Decimal | None, idempotency_key: str | None, lines: list[tuple[int, Decimal]],
                  user_id: int | None) -> tuple[int, bool]:
    """Record a receipt and post its stock receipts. Returns ``(receipt id, created)``."""
    if idempotency_key:
        existing = await PurchaseReceipt.select(PurchaseReceipt.id).where(
            PurchaseReceipt.idempotency_key == idempotency_key).first()
        if existing:
            return existing["id"], False
    delivery = await get_delivery(delivery_id, lock=True)
    if idempotency_key:  # a twin request may have committed while this one waited for the lock
        existing = await PurchaseReceipt.select(PurchaseReceipt.id).where(
            PurchaseReceipt.idempotency_key == idempotency_key).first()
        if existing:
            return existing["id"], False
    if delivery["status"] == "cancelled":
        raise Conflict(("This delivery is cancelled: nothing more can be received.",
                        "Pengiriman ini dibatalkan: tidak ada lagi yang dapat diterima."), field="deliveryId")
    if delivery["status"] not in RECEIVABLE:
        raise Conflict(("This delivery is fully received.", "Pengiriman ini sudah diterima seluruhnya."),
                       field="deliveryId")
    if not await Location.exists().where(Location.id == location_id):
        raise NotFound()
    rate = await _rate(delivery["currency"], exchange_rate)
    own = {r["id"]: r for r in await ExpectedDeliveryLine.select().where(
        ExpectedDeliveryLine.delivery_id == delivery_id)}
    wanted: list[tuple[dict[str, Any], Decimal]] = []
    seen: set[int] = set()
    for i, (line_id, quantity) in enumerate(lines):
        line = own.get(line_id)
        if line is None:
            raise BadUserInput(("This line is not part of the delivery.", "Baris ini bukan bagian dari pengiriman."),
                               field=f"lines.{i}.lineId")
        if line_id in seen:
            raise BadUserInput(("Give each line once.", "Sebutkan setiap baris sekali saja."), field=f"lines.{i}.lineId")
        seen.add(line_id)
        if quantity < 0:
            raise BadUserInput(("Receive a positive quantity.", "Terima jumlah positif."), field=f"lines.{i}.quantity")
        outstanding = Decimal(line["quantity_expected"]) - Decimal(line["quantity_received"])
        if quantity > outstanding and not line["allow_over_receipt"]:
            left = max(outstanding, ZERO)
            raise Conflict((f"Line {line['position']} expects only {_qty(left)} more; {_qty(quantity)} would be "
                            "more than ordered.",
                            f"Baris {line['position']} hanya menunggu {_qty(left)} lagi; {_qty(quantity)} melebihi "
                            "pesanan."), code="OVER_RECEIPT", field=f"lines.{i}.quantity")
        if quantity > 0:
            wanted.append((line, quantity))
    if not wanted:
        raise BadUserInput(("Receive at least one line.", "Terima minimal satu baris."), field="lines")
    result = await PurchaseReceipt.insert(PurchaseReceipt(
        delivery_id=delivery_id, location_id=location_id, received_on=received_on, reference=(reference or "")[:64],
        exchange_rate=rate, note=note or "", idempotency_key=idempotency_key, received_by=user_id))
    receipt_id = result[0]["id"]
    allow_negative = await stock.setting("allow_negative") == "1"
    # Items lock in one order (their ids), so two receipts sharing items cannot deadlock.
    for line, quantity in sorted(wanted, key=lambda x: (x[0]["item_id"], x[0]["id"])):
        unit_cost = (Decimal(line["unit_cost"]) * rate).quantize(COST)
        move_id, _ = await stock.post_move(
            kind="receipt", purpose="purchase", item_id=line["item_id"], quantity=quantity, from_location=None,
            to_location=location_id, unit_cost=unit_cost, move_date=received_on, reference=delivery["reference"],
            idempotency_key=f"purchase-receipt:{receipt_id}:{line['id']}", allow_negative=allow_negative)
        await PurchaseReceiptLine.insert(PurchaseReceiptLine(
            receipt_id=receipt_id, delivery_line_id=line["id"], item_id=line["item_id"], quantity=quantity,
            unit_cost=unit_cost, move_id=move_id))
        line["quantity_received"] = Decimal(line["quantity_received"]) + quantity
        await ExpectedDeliveryLine.update({ExpectedDeliveryLine.quantity_received: line["quantity_received"]}).where(
            ExpectedDeliveryLine.id == line["id"])
    await ExpectedDelivery.update({ExpectedDelivery.status: status_of(list(own.values()))}).where(
        ExpectedDelivery.id == delivery_id)
    return receipt_id, True


async def _rate(currency: str, given: Decimal | None) -> Decimal:
    if currency == stock.STOCK_CURRENCY:
        if given is not None and given != 1:
            raise BadUserInput((f"This delivery is in {currency}: it needs no exchange rate.",
                                f"Pengiriman ini dalam {currency}: tidak perlu kurs."), field="exchangeRate")
        return Decimal(1)
    if given is None or given <= 0:
        raise BadUserInput((f"Give the {currency} to {stock.STOCK_CURRENCY} exchange rate of the receipt.",
                            f"Beri kurs {currency} ke {stock.STOCK_CURRENCY} untuk penerimaan ini."),
                           field="exchangeRate")
    return given
