"""GraphQL of stock: items, warehouses and locations, moves, on hand, valuation, alerts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import strawberry

from backoffice import sdk

from . import services
from .tables import Item as ItemTable
from .tables import Location as LocationTable
from .tables import LogisticsSetting
from .tables import StockLevel as LevelTable
from .tables import StockMove as MoveTable
from .tables import Warehouse as WarehouseTable

READ = "logistics.stock.read"
MOVE = "logistics.stock.move"
MANAGE = "logistics.item.manage"


async def allow_negative() -> bool:
    row = await LogisticsSetting.select(LogisticsSetting.value).where(LogisticsSetting.key == "allow_negative").first()
    return bool(row and row["value"] == "1")


async def load_items(keys: list[int]) -> list[dict[str, Any] | None]:
    return await sdk.rows_by_id(ItemTable, keys)


async def load_locations(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(LocationTable, LocationTable.warehouse_id, keys, order_by=LocationTable.code)


async def load_location_rows(keys: list[int]) -> list[dict[str, Any] | None]:
    return await sdk.rows_by_id(LocationTable, keys)


async def location_of(info: sdk.Info, pk: int | None) -> StockLocation | None:
    row = await sdk.loader(info, load_location_rows).load(pk) if pk else None
    return StockLocation(id=sdk.encode_id("Location", row["id"]), code=row["code"]) if row else None


@strawberry.type
class Item:
    id: strawberry.ID
    sku: str
    name: str
    unit: str
    barcode: str
    reorder_point: Decimal
    average_cost: Decimal

    @classmethod
    def of(cls, r: dict[str, Any]) -> Item:
        return cls(id=sdk.encode_id("Item", r["id"]), sku=r["sku"], name=r["name"], unit=r["unit"], barcode=r["barcode"],
                   reorder_point=Decimal(r["reorder_point"]), average_cost=Decimal(r["average_cost"]))


@strawberry.type
class StockLocation:
    id: strawberry.ID
    code: str


@strawberry.type
class Warehouse:
    id: strawberry.ID
    code: str
    name: str
    _pk: strawberry.Private[int]

    @strawberry.field
    async def locations(self, info: sdk.Info) -> list[StockLocation]:
        return [StockLocation(id=sdk.encode_id("Location", r["id"]), code=r["code"])
                for r in await sdk.loader(info, load_locations).load(self._pk)]


@strawberry.type
class StockLevel:
    location_id: strawberry.ID
    quantity: Decimal
    _item_id: strawberry.Private[int]

    @strawberry.field
    async def item(self, info: sdk.Info) -> Item | None:
        row = await sdk.loader(info, load_items).load(self._item_id)
        return Item.of(row) if row else None


@strawberry.type
class StockMove:
    id: strawberry.ID
    kind: str
    quantity: Decimal
    unit_cost: Decimal
    value: Decimal
    move_date: date
    reference: str
    purpose: str


@strawberry.type(description="The company's stock settings.")
class StockSettings:
    allow_negative: bool
    default_location_id: strawberry.ID | None = strawberry.field(
        description="Where stock issue documents take from: the chosen location, else the first one.")
    currency: str = strawberry.field(description="The currency stock is valued in.")


@strawberry.type
class ItemValuation:
    item: Item
    quantity: Decimal
    value: Decimal


@strawberry.input
class ItemInput:
    sku: str
    name: str
    unit: str = "pcs"
    barcode: str = ""
    reorder_point: Decimal = Decimal(0)


@strawberry.input
class WarehouseInput:
    code: str
    name: str
    locations: list[str] = strawberry.field(default_factory=lambda: ["MAIN"])


@strawberry.input
class StockMoveInput:
    kind: str = strawberry.field(description="receipt, issue, transfer or adjustment")
    item_id: strawberry.ID
    quantity: Decimal
    move_date: date
    from_location_id: strawberry.ID | None = None
    to_location_id: strawberry.ID | None = None
    unit_cost: Decimal | None = strawberry.field(default=None, description="For receipts; the average cost when omitted.")
    reference: str = ""
    idempotency_key: str | None = None
    purpose: str | None = strawberry.field(
        default=None, description="Where finance books the value: purchase (default) or return for a receipt; "
                                  "sale (default) or internal_use for an issue.")


@strawberry.type
class ItemPayload(sdk.Payload):
    item: Item | None = None


@strawberry.type
class WarehousePayload(sdk.Payload):
    warehouse: Warehouse | None = None


@strawberry.type
class StockMovePayload(sdk.Payload):
    move: StockMove | None = None
    created: bool = False


@strawberry.type
class StockSettingsPayload(sdk.Payload):
    settings: StockSettings | None = None


async def _settings() -> StockSettings:
    location = await services.default_location()
    return StockSettings(allow_negative=await allow_negative(), currency=services.STOCK_CURRENCY,
                         default_location_id=sdk.encode_id("Location", location) if location else None)


def _move(r: dict[str, Any]) -> StockMove:
    return StockMove(id=sdk.encode_id("StockMove", r["id"]), kind=r["kind"], quantity=Decimal(r["quantity"]),
                     unit_cost=Decimal(r["unit_cost"]), value=Decimal(r["value"]), move_date=r["move_date"],
                     reference=r["reference"], purpose=r["purpose"])


def _opt(value: strawberry.ID | None, kind: str) -> int | None:
    return sdk.decode_id(value, kind) if value else None


@strawberry.type
class StockQuery:
    @sdk.field(READ)
    async def items(self, first: int | None = 50, after: str | None = None, search: str | None = None) -> sdk.Connection[Item]:
        where = (ItemTable.sku.ilike(f"%{search}%") | ItemTable.name.ilike(f"%{search}%")
                 | (ItemTable.barcode == search)) if search else None
        return await sdk.paginate(ItemTable, node=Item.of, first=first, after=after, where=where, order_by=ItemTable.sku)

    @sdk.field(READ)
    async def warehouses(self, first: int | None = 20, after: str | None = None) -> sdk.Connection[Warehouse]:
        return await sdk.paginate(WarehouseTable, first=first, after=after, order_by=WarehouseTable.code,
                                  node=lambda r: Warehouse(id=sdk.encode_id("Warehouse", r["id"]), code=r["code"],
                                                           name=r["name"], _pk=r["id"]))

    @sdk.field(READ, description="On hand per item and location (the sum of posted moves).")
    async def stock_on_hand(self, item_id: strawberry.ID | None = None) -> list[StockLevel]:
        query = LevelTable.select().where(LevelTable.quantity != 0)
        if item_id:
            query = query.where(LevelTable.item_id == sdk.decode_id(item_id, "Item"))
        return [StockLevel(location_id=sdk.encode_id("Location", r["location_id"]), quantity=Decimal(r["quantity"]),
                           _item_id=r["item_id"]) for r in await query]

    @sdk.field(READ)
    async def stock_moves(self, item_id: strawberry.ID, first: int | None = 50,
                          after: str | None = None) -> sdk.Connection[StockMove]:
        return await sdk.paginate(MoveTable, node=_move, first=first, after=after, descending=True,
                                  where=MoveTable.item_id == sdk.decode_id(item_id, "Item"))

    @sdk.field(READ)
    async def stock_settings(self) -> StockSettings:
        return await _settings()

    @sdk.field(READ, description="Items at or below their reorder point.")
    async def low_stock_items(self) -> list[ItemValuation]:
        return [ItemValuation(item=Item.of(r["item"]), quantity=r["on_hand"],
                              value=r["on_hand"] * Decimal(r["item"]["average_cost"])) for r in await services.low_stock()]

    @sdk.field(READ, description="Quantity and value (moving average) of each item as of a date.")
    async def stock_valuation(self, as_of: date) -> list[ItemValuation]:
        moves = await MoveTable.select().where(MoveTable.move_date <= as_of)
        totals: dict[int, list[Decimal]] = {}
        for m in moves:
            if m["kind"] == "transfer":
                continue
            qty, value = Decimal(m["quantity"]), Decimal(m["value"])
            sign = -1 if m["kind"] == "issue" else (1 if qty > 0 else -1)
            t = totals.setdefault(m["item_id"], [Decimal(0), Decimal(0)])
            t[0] += qty if m["kind"] != "issue" else -qty
            t[1] += sign * value
        items = {i["id"]: i for i in await ItemTable.select().where(ItemTable.id.is_in(list(totals) or [0]))}
        return [ItemValuation(item=Item.of(items[k]), quantity=v[0], value=v[1]) for k, v in sorted(totals.items())]


@strawberry.type
class StockExportQuery:
    @sdk.field(READ, description="Stock on hand, or one item's moves, as CSV or XLSX.")
    async def export_stock(self, format: sdk.FileFormat = sdk.FileFormat.XLSX,
                           item_id: strawberry.ID | None = None) -> sdk.ExportFile:
        items = {r["id"]: r for r in await ItemTable.select()}
        locations = {r["id"]: r["code"] for r in await LocationTable.select(LocationTable.id, LocationTable.code)}
        if item_id:
            pk = sdk.decode_id(item_id, "Item")
            if pk not in items:
                raise sdk.NotFound()
            moves = await MoveTable.select().where(MoveTable.item_id == pk).order_by(MoveTable.move_date)
            return sdk.export_file(f"moves-{items[pk]['sku']}", ["date", "kind", "quantity", "from", "to", "unit_cost",
                                                                   "value", "reference"],
                                   [[m["move_date"], m["kind"], m["quantity"], locations.get(m["from_location_id"] or 0, ""),
                                     locations.get(m["to_location_id"] or 0, ""), m["unit_cost"], m["value"], m["reference"]]
                                    for m in moves], format)
        levels = await LevelTable.select().where(LevelTable.quantity != 0)
        return sdk.export_file("stock-on-hand", ["sku", "item", "location", "quantity", "average_cost"],
                               [[items[r["item_id"]]["sku"], items[r["item_id"]]["name"], locations.get(r["location_id"], ""),
                                 r["quantity"], items[r["item_id"]]["average_cost"]] for r in levels], format)


@strawberry.type
class StockMutation:
    @sdk.mutation(MANAGE)
    async def create_item(self, input: ItemInput) -> ItemPayload:
        pk = await services.create_item(input.sku, input.name, input.unit, input.barcode, input.reorder_point)
        return ItemPayload(item=Item.of(await services._get(ItemTable, pk)))

    @sdk.mutation(MANAGE)
    async def create_warehouse(self, input: WarehouseInput) -> WarehousePayload:
        pk = await services.create_warehouse(input.code, input.name, input.locations)
        r = await services._get(WarehouseTable, pk)
        return WarehousePayload(warehouse=Warehouse(id=sdk.encode_id("Warehouse", pk), code=r["code"], name=r["name"], _pk=pk))

    @sdk.mutation(MOVE, description="Post a stock move once; the same idempotency key returns the first.")
    async def post_stock_move(self, input: StockMoveInput) -> StockMovePayload:
        pk, created = await services.post_move(
            kind=input.kind, item_id=sdk.decode_id(input.item_id, "Item"), quantity=input.quantity,
            from_location=_opt(input.from_location_id, "Location"), to_location=_opt(input.to_location_id, "Location"),
            unit_cost=input.unit_cost, move_date=input.move_date, reference=input.reference,
            idempotency_key=input.idempotency_key, allow_negative=await allow_negative(), purpose=input.purpose)
        return StockMovePayload(move=_move(await services._get(MoveTable, pk)), created=created)

    @sdk.mutation(MANAGE, description="Whether stock may go below zero (off by default).")
    async def set_negative_stock_allowed(self, allowed: bool) -> StockMovePayload:
        await services.set_setting("allow_negative", "1" if allowed else "0")
        return StockMovePayload()

    @sdk.mutation(MANAGE, description="The location stock issue documents take from unless told otherwise "
                                       "(null: the company's first location).")
    async def set_default_stock_location(self, location_id: strawberry.ID | None = None) -> StockSettingsPayload:
        if location_id:
            pk = sdk.decode_id(location_id, "Location")
            await services._get(LocationTable, pk)
            await services.set_setting("default_location", str(pk))
        else:
            await services.set_setting("default_location", "")
        return StockSettingsPayload(settings=await _settings())
