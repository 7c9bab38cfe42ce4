"""GraphQL of expected deliveries and the purchase receipts recorded against them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry

from backoffice import sdk

from ..stock.graphql import Item, StockLocation, load_items, location_of
from . import services
from .tables import ExpectedDelivery as DeliveryTable
from .tables import ExpectedDeliveryLine as LineTable
from .tables import PurchaseReceipt as ReceiptTable
from .tables import PurchaseReceiptLine as ReceiptLineTable

READ = "logistics.purchase.read"
MANAGE = "logistics.purchase.manage"
RECEIVE = "logistics.purchase.receive"


async def load_lines(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(LineTable, LineTable.delivery_id, keys, order_by=LineTable.position)


async def load_receipts(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(ReceiptTable, ReceiptTable.delivery_id, keys, order_by=ReceiptTable.id)


async def load_receipt_lines(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(ReceiptLineTable, ReceiptLineTable.receipt_id, keys)


@strawberry.type
class ExpectedDeliveryLine:
    id: strawberry.ID
    position: int
    quantity_expected: Decimal
    quantity_received: Decimal
    unit_cost: Decimal = strawberry.field(description="In the delivery's currency.")
    allow_over_receipt: bool
    _item_id: strawberry.Private[int]

    @classmethod
    def of(cls, r: dict[str, Any]) -> ExpectedDeliveryLine:
        return cls(id=sdk.encode_id("ExpectedDeliveryLine", r["id"]), position=r["position"],
                   quantity_expected=Decimal(r["quantity_expected"]), quantity_received=Decimal(r["quantity_received"]),
                   unit_cost=Decimal(r["unit_cost"]), allow_over_receipt=r["allow_over_receipt"], _item_id=r["item_id"])

    @strawberry.field(description="Still expected (never below zero).")
    def quantity_outstanding(self) -> Decimal:
        return max(self.quantity_expected - self.quantity_received, Decimal(0))

    @strawberry.field
    async def item(self, info: sdk.Info) -> Item | None:
        row = await sdk.loader(info, load_items).load(self._item_id)
        return Item.of(row) if row else None


@strawberry.type
class PurchaseReceiptLine:
    delivery_line_id: strawberry.ID
    quantity: Decimal
    unit_cost: Decimal = strawberry.field(description="In the stock currency, as posted.")
    move_id: strawberry.ID = strawberry.field(description="The stock move this line posted.")
    _item_id: strawberry.Private[int]

    @strawberry.field
    async def item(self, info: sdk.Info) -> Item | None:
        row = await sdk.loader(info, load_items).load(self._item_id)
        return Item.of(row) if row else None


@strawberry.type
class PurchaseReceipt:
    id: strawberry.ID
    received_on: date
    reference: str
    exchange_rate: Decimal
    note: str
    created_at: datetime
    _pk: strawberry.Private[int]
    _location_id: strawberry.Private[int]

    @classmethod
    def of(cls, r: dict[str, Any]) -> PurchaseReceipt:
        return cls(id=sdk.encode_id("PurchaseReceipt", r["id"]), received_on=r["received_on"], reference=r["reference"],
                   exchange_rate=Decimal(r["exchange_rate"]), note=r["note"], created_at=r["created_at"], _pk=r["id"],
                   _location_id=r["location_id"])

    @strawberry.field
    async def location(self, info: sdk.Info) -> StockLocation | None:
        return await location_of(info, self._location_id)

    @strawberry.field
    async def lines(self, info: sdk.Info) -> list[PurchaseReceiptLine]:
        return [PurchaseReceiptLine(delivery_line_id=sdk.encode_id("ExpectedDeliveryLine", r["delivery_line_id"]),
                                    quantity=Decimal(r["quantity"]), unit_cost=Decimal(r["unit_cost"]),
                                    move_id=sdk.encode_id("StockMove", r["move_id"]), _item_id=r["item_id"])
                for r in await sdk.loader(info, load_receipt_lines).load(self._pk)]


@strawberry.type
class ExpectedDelivery:
    id: strawberry.ID
    supplier_name: str
    reference: str
    expected_date: date
    currency: str
    status: str = strawberry.field(description="open, partially_received, received or cancelled")
    note: str
    created_at: datetime
    _pk: strawberry.Private[int]

    @classmethod
    def of(cls, r: dict[str, Any]) -> ExpectedDelivery:
        return cls(id=sdk.encode_id("ExpectedDelivery", r["id"]), supplier_name=r["supplier_name"],
                   reference=r["reference"], expected_date=r["expected_date"], currency=r["currency"],
                   status=r["status"], note=r["note"], created_at=r["created_at"], _pk=r["id"])

    @strawberry.field
    async def lines(self, info: sdk.Info) -> list[ExpectedDeliveryLine]:
        return [ExpectedDeliveryLine.of(r) for r in await sdk.loader(info, load_lines).load(self._pk)]

    @strawberry.field(description="Expected quantities at their unit costs, in the delivery's currency.")
    async def expected_value(self, info: sdk.Info) -> Decimal:
        return sum((Decimal(r["quantity_expected"]) * Decimal(r["unit_cost"])
                    for r in await sdk.loader(info, load_lines).load(self._pk)), Decimal(0)).quantize(Decimal("0.01"))

    @strawberry.field(description="The receipts recorded against it, oldest first.")
    async def receipts(self, info: sdk.Info) -> list[PurchaseReceipt]:
        return [PurchaseReceipt.of(r) for r in await sdk.loader(info, load_receipts).load(self._pk)]


@strawberry.input
class ExpectedDeliveryLineInput:
    item_id: strawberry.ID
    quantity: Decimal
    unit_cost: Decimal = strawberry.field(description="In the delivery's currency.")
    allow_over_receipt: bool = strawberry.field(default=False,
                                                description="Accept more than expected on this line.")


@strawberry.input
class ExpectedDeliveryInput:
    supplier_name: str
    reference: str
    expected_date: date
    lines: list[ExpectedDeliveryLineInput]
    currency: str = "IDR"
    note: str = ""


@strawberry.input
class ExpectedDeliveryIdInput:
    id: strawberry.ID


@strawberry.input
class ReceiptLineInput:
    line_id: strawberry.ID
    quantity: Decimal


@strawberry.input
class ReceiveDeliveryInput:
    delivery_id: strawberry.ID
    location_id: strawberry.ID
    received_on: date
    lines: list[ReceiptLineInput]
    reference: str = strawberry.field(default="", description="The supplier's delivery note, for example.")
    note: str = ""
    exchange_rate: Decimal | None = strawberry.field(
        default=None, description="Stock currency per unit of the delivery's currency (only for other currencies).")
    idempotency_key: str | None = None


@strawberry.type
class ExpectedDeliveryPayload(sdk.Payload):
    expected_delivery: ExpectedDelivery | None = None


@strawberry.type
class PurchaseReceiptPayload(sdk.Payload):
    receipt: PurchaseReceipt | None = None
    expected_delivery: ExpectedDelivery | None = None
    created: bool = False


@strawberry.type
class PurchasingQuery:
    @sdk.field(READ, description="Expected deliveries by expected date; search matches supplier or reference.")
    async def expected_deliveries(self, status: str | None = None, search: str | None = None,
                                  expected_from: date | None = None, expected_to: date | None = None,
                                  first: int | None = 20, after: str | None = None) -> sdk.Connection[ExpectedDelivery]:
        where = sdk.all_of(
            DeliveryTable.status == status if status else None,
            (DeliveryTable.supplier_name.ilike(f"%{search}%") | DeliveryTable.reference.ilike(f"%{search}%"))
            if search else None,
            DeliveryTable.expected_date >= expected_from if expected_from else None,
            DeliveryTable.expected_date <= expected_to if expected_to else None)
        return await sdk.paginate(DeliveryTable, node=ExpectedDelivery.of, first=first, after=after, where=where,
                                  order_by=DeliveryTable.expected_date)

    @sdk.field(READ)
    async def expected_delivery(self, id: strawberry.ID) -> ExpectedDelivery:
        return ExpectedDelivery.of(await services.get_delivery(sdk.decode_id(id, "ExpectedDelivery")))


def _user(info: sdk.Info) -> int | None:
    return info.context.actor.user_id


@strawberry.type
class PurchasingMutation:
    @sdk.mutation(MANAGE, description="Record a delivery expected from a supplier.")
    async def create_expected_delivery(self, info: sdk.Info, input: ExpectedDeliveryInput) -> ExpectedDeliveryPayload:
        pk = await services.create_delivery(
            supplier_name=input.supplier_name, reference=input.reference, expected_date=input.expected_date,
            currency=input.currency, note=input.note, user_id=_user(info),
            lines=[services.ExpectedLine(item_id=sdk.decode_id(x.item_id, "Item"), quantity=x.quantity,
                                         unit_cost=x.unit_cost, allow_over_receipt=x.allow_over_receipt)
                   for x in input.lines])
        return ExpectedDeliveryPayload(expected_delivery=ExpectedDelivery.of(await services.get_delivery(pk)))

    @sdk.mutation(MANAGE, description="Stop expecting the rest of a delivery; what was received stays in stock.")
    async def cancel_expected_delivery(self, input: ExpectedDeliveryIdInput) -> ExpectedDeliveryPayload:
        pk = sdk.decode_id(input.id, "ExpectedDelivery")
        await services.cancel_delivery(pk)
        return ExpectedDeliveryPayload(expected_delivery=ExpectedDelivery.of(await services.get_delivery(pk)))

    @sdk.mutation(RECEIVE, description="Receive goods against an expected delivery (partial receipts welcome); "
                                       "each line posts a stock receipt. The same idempotency key returns the first.")
    async def receive_expected_delivery(self, info: sdk.Info, input: ReceiveDeliveryInput) -> PurchaseReceiptPayload:
        delivery_id = sdk.decode_id(input.delivery_id, "ExpectedDelivery")
        pk, created = await services.receive(
            delivery_id=delivery_id, location_id=sdk.decode_id(input.location_id, "Location"),
            received_on=input.received_on, reference=input.reference, note=input.note,
            exchange_rate=input.exchange_rate, idempotency_key=input.idempotency_key, user_id=_user(info),
            lines=[(sdk.decode_id(x.line_id, "ExpectedDeliveryLine"), x.quantity) for x in input.lines])
        receipt = await ReceiptTable.select().where(ReceiptTable.id == pk).first()
        return PurchaseReceiptPayload(receipt=PurchaseReceipt.of(receipt), created=created,
                                      expected_delivery=ExpectedDelivery.of(
                                          await services.get_delivery(receipt["delivery_id"])))
