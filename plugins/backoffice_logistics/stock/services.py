"""Stock rules. A move posts once (an idempotency key returns the first); stock never goes
negative unless the company allows it; the levels of the moved item are locked while a move
posts, so concurrent moves never lose a unit; receipts update the moving-average cost, and
every move's value is published for finance (``logistics.stock_moved``).

Stock is valued in :data:`STOCK_CURRENCY`; a purchase in another currency is converted when it
is received. Each move carries a purpose that tells finance where the value goes: a receipt is
a ``purchase`` (the default) or a customer's ``return``; an issue is a ``sale`` (the default) or
``internal_use`` (consumed inside the company, such as office supplies)."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, NotFound, current_tenant_id, encode_id, publish

from .tables import Item, Location, LogisticsSetting, StockLevel, StockMove, Warehouse

KINDS = ("receipt", "issue", "transfer", "adjustment")
PURPOSES = {"receipt": ("purchase", "return"), "issue": ("sale", "internal_use"), "transfer": ("",),
            "adjustment": ("",)}
STOCK_CURRENCY = "IDR"
ZERO = Decimal(0)


async def _get(table: Any, pk: int) -> dict[str, Any]:
    row = await table.select().where(table.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def setting(key: str, default: str = "") -> str:
    row = await LogisticsSetting.select(LogisticsSetting.value).where(LogisticsSetting.key == key).first()
    return row["value"] if row else default


async def set_setting(key: str, value: str) -> None:
    if await LogisticsSetting.exists().where(LogisticsSetting.key == key):
        await LogisticsSetting.update({LogisticsSetting.value: value}).where(LogisticsSetting.key == key)
    else:
        await LogisticsSetting.insert(LogisticsSetting(key=key, value=value))


async def default_location() -> int | None:
    """Where stock leaves from when nothing else is said: the location chosen in the setting
    ``default_location`` while it exists, else the company's first location (the oldest one,
    so the first location of the first warehouse created); ``None`` without any location."""
    chosen = await setting("default_location")
    if chosen.isdigit() and await Location.exists().where(Location.id == int(chosen)):
        return int(chosen)
    row = await Location.select(Location.id).order_by(Location.id).first()
    return row["id"] if row else None


async def create_item(sku: str, name: str, unit: str, barcode: str, reorder_point: Decimal) -> int:
    if not sku.strip() or not name.strip():
        raise BadUserInput(("Give the item a SKU and a name.", "Beri barang SKU dan nama."), field="sku")
    if await Item.exists().where(Item.sku == sku.strip()):
        raise Conflict((f"SKU {sku} is taken.", f"SKU {sku} sudah dipakai."), field="sku")
    result = await Item.insert(Item(sku=sku.strip()[:64], name=name.strip()[:200], unit=unit or "pcs",
                                    barcode=barcode or "", reorder_point=reorder_point))
    return result[0]["id"]


async def create_warehouse(code: str, name: str, locations: list[str]) -> int:
    if not code.strip() or not name.strip():
        raise BadUserInput(("Give the warehouse a code and a name.", "Beri gudang kode dan nama."), field="code")
    result = await Warehouse.insert(Warehouse(code=code.strip()[:16], name=name.strip()[:200]))
    pk = result[0]["id"]
    for loc in locations or ["MAIN"]:
        await Location.insert(Location(warehouse_id=pk, code=loc.strip()[:32]))
    return pk


async def _level(item_id: int, location_id: int) -> Decimal:
    """The level row of an item at a location, created if missing and locked on PostgreSQL."""
    where = (StockLevel.item_id == item_id) & (StockLevel.location_id == location_id)
    if StockLevel._meta.db.engine_type == "postgres":
        await StockLevel.raw("INSERT INTO logistics_stock_levels (tenant_id, item_id, location_id, quantity) "
                             "VALUES ({}, {}, {}, 0) ON CONFLICT DO NOTHING", current_tenant_id(), item_id, location_id)
        rows = await StockLevel.select(StockLevel.quantity).where(where).lock_rows("UPDATE")
        return Decimal(rows[0]["quantity"])
    row = await StockLevel.select(StockLevel.quantity).where(where).first()
    if row is None:
        await StockLevel.insert(StockLevel(item_id=item_id, location_id=location_id, quantity=ZERO))
        return ZERO
    return Decimal(row["quantity"])


async def _add(item_id: int, location_id: int, delta: Decimal, allow_negative: bool) -> None:
    current = await _level(item_id, location_id)
    if current + delta < 0 and not allow_negative:
        raise Conflict((f"Only {current.normalize()} in stock there.", f"Stok di sana hanya {current.normalize()}."),
                       field="quantity")
    await StockLevel.update({StockLevel.quantity: current + delta}).where(
        (StockLevel.item_id == item_id) & (StockLevel.location_id == location_id))


async def post_move(*, kind: str, item_id: int, quantity: Decimal, from_location: int | None, to_location: int | None,
                    unit_cost: Decimal | None, move_date: date, reference: str, idempotency_key: str | None,
                    allow_negative: bool, purpose: str | None = None) -> tuple[int, bool]:
    """Post one move; returns ``(move id, created)`` (``False`` with a key seen before)."""
    if idempotency_key:
        existing = await StockMove.select(StockMove.id).where(StockMove.idempotency_key == idempotency_key).first()
        if existing:
            return existing["id"], False
    if kind not in KINDS:
        raise BadUserInput((f"Choose one of: {', '.join(KINDS)}.", f"Pilih salah satu: {', '.join(KINDS)}."), field="kind")
    if quantity == 0 or (quantity < 0 and kind != "adjustment"):
        raise BadUserInput(("Move a positive quantity (an adjustment may be negative).",
                            "Pindahkan jumlah positif (penyesuaian boleh negatif)."), field="quantity")
    needs = {"receipt": (False, True), "issue": (True, False), "transfer": (True, True), "adjustment": (False, True)}[kind]
    if (from_location is None) == needs[0] or (to_location is None) == needs[1]:
        raise BadUserInput(("A receipt needs a destination, an issue a source, a transfer both.",
                            "Penerimaan butuh tujuan, pengeluaran butuh asal, pemindahan butuh keduanya."),
                           field="toLocationId")
    purpose = PURPOSES[kind][0] if purpose is None or purpose == "" else purpose
    if purpose not in PURPOSES[kind]:
        raise BadUserInput((f"A {kind} may be for: {', '.join(PURPOSES[kind])}.",
                            f"Tujuan {kind} yang boleh: {', '.join(PURPOSES[kind])}."), field="purpose")
    for loc in (from_location, to_location):
        if loc is not None:
            await _get(Location, loc)
    if Item._meta.db.engine_type == "postgres":
        await Item.select(Item.id).where(Item.id == item_id).lock_rows("NO KEY UPDATE")
    item = await _get(Item, item_id)
    avg = Decimal(item["average_cost"])
    if kind == "receipt":
        cost = Decimal(unit_cost if unit_cost is not None else avg)
        on_hand = sum((Decimal(r["quantity"]) for r in await StockLevel.select(StockLevel.quantity).where(
            StockLevel.item_id == item_id)), ZERO)
        new_avg = ((on_hand * avg + quantity * cost) / (on_hand + quantity)) if on_hand + quantity > 0 else cost
        await Item.update({Item.average_cost: new_avg.quantize(Decimal("0.0001"))}).where(Item.id == item_id)
    else:
        cost = avg
    if from_location is not None:
        await _add(item_id, from_location, -quantity, allow_negative)
    if to_location is not None:
        await _add(item_id, to_location, quantity, allow_negative)
    value = (abs(quantity) * cost).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    result = await StockMove.insert(StockMove(kind=kind, item_id=item_id, quantity=quantity,
                                              from_location_id=from_location, to_location_id=to_location,
                                              unit_cost=cost, value=value, move_date=move_date,
                                              reference=(reference or "")[:100], purpose=purpose,
                                              idempotency_key=idempotency_key))
    pk = result[0]["id"]
    if kind != "transfer":
        # The value is signed as the stock's value changes: negative for an issue and for an
        # adjustment that takes stock away.
        outgoing = kind == "issue" or (kind == "adjustment" and quantity < 0)
        await publish("logistics.stock_moved", {"move_id": encode_id("StockMove", pk), "kind": kind,
                                                "purpose": purpose, "item_sku": item["sku"],
                                                "quantity": str(quantity), "value": str(-value if outgoing else value),
                                                "currency": STOCK_CURRENCY, "date": move_date.isoformat()})
    return pk, True


async def low_stock() -> list[dict[str, Any]]:
    items = await Item.select().where((Item.active == True) & (Item.reorder_point > 0))  # noqa: E712
    levels: dict[int, Decimal] = {}
    for r in await StockLevel.select(StockLevel.item_id, StockLevel.quantity):
        levels[r["item_id"]] = levels.get(r["item_id"], ZERO) + Decimal(r["quantity"])
    return [{"item": i, "on_hand": levels.get(i["id"], ZERO)} for i in items
            if levels.get(i["id"], ZERO) <= Decimal(i["reorder_point"])]
