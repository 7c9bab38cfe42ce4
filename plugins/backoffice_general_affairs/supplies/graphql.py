"""GraphQL of the supply catalogue and supply requests."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry

from backoffice import sdk

from ..common import get_row, person, user_gid, user_pk
from . import services
from .tables import SupplyItem as ItemTable
from .tables import SupplyRequest as RequestTable
from .tables import SupplyRequestLine as LineTable

MANAGE = "ga.inventory.manage"
APPROVE = "ga.supply.approve"


async def load_lines(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(LineTable, LineTable.supply_request_id, keys, order_by=LineTable.id)


@strawberry.type(description="An office supply members may ask for.")
class SupplyItem:
    id: strawberry.ID
    sku: str
    name: str
    unit: str
    active: bool

    @classmethod
    def of(cls, r: dict[str, Any]) -> SupplyItem:
        return cls(id=sdk.encode_id("SupplyItem", r["id"]), sku=r["sku"], name=r["name"], unit=r["unit"],
                   active=r["active"])


@strawberry.type
class SupplyRequestLine:
    sku: str
    name: str
    unit: str
    quantity: Decimal
    note: str


@strawberry.type
class SupplyRequest:
    id: strawberry.ID
    number: str
    status: str = strawberry.field(description="submitted, approved, rejected or cancelled")
    note: str
    requested_by_id: strawberry.ID | None
    decided_by_id: strawberry.ID | None
    decided_at: datetime | None
    decision_reason: str
    approved_on: date | None
    created_at: datetime
    _pk: strawberry.Private[int]

    @classmethod
    def of(cls, r: dict[str, Any]) -> SupplyRequest:
        return cls(id=sdk.encode_id("SupplyRequest", r["id"]), number=services.number(r["number"]), status=r["status"],
                   note=r["note"], requested_by_id=user_gid(r["requested_by"]),
                   decided_by_id=user_gid(r["decided_by"]), decided_at=r["decided_at"],
                   decision_reason=r["decision_reason"], approved_on=r["approved_on"], created_at=r["created_at"],
                   _pk=r["id"])

    @strawberry.field
    async def lines(self, info: sdk.Info) -> list[SupplyRequestLine]:
        return [SupplyRequestLine(sku=r["sku"], name=r["name"], unit=r["unit"], quantity=Decimal(r["quantity"]),
                                  note=r["note"]) for r in await sdk.loader(info, load_lines).load(self._pk)]


@strawberry.input
class SupplyItemInput:
    sku: str = strawberry.field(description="The item's SKU in the stock room (logistics).")
    name: str
    unit: str = "pcs"


@strawberry.input
class UpdateSupplyItemInput:
    id: strawberry.ID
    sku: str | None = None
    name: str | None = None
    unit: str | None = None
    active: bool | None = strawberry.field(default=None, description="False takes it off the catalogue.")


@strawberry.input
class SupplyRequestLineInput:
    sku: str
    quantity: Decimal
    note: str = ""


@strawberry.input
class SupplyRequestInput:
    lines: list[SupplyRequestLineInput]
    note: str = ""


@strawberry.input
class SupplyDecisionInput:
    id: strawberry.ID
    approve: bool
    reason: str = strawberry.field(default="", description="Required when rejecting.")


@strawberry.type
class SupplyItemPayload(sdk.Payload):
    supply_item: SupplyItem | None = None


@strawberry.type
class SupplyRequestPayload(sdk.Payload):
    supply_request: SupplyRequest | None = None


@strawberry.type
class SuppliesQuery:
    @sdk.field(self_service=True, description="The supply catalogue (items in use unless includeInactive).")
    async def supply_items(self, include_inactive: bool = False, search: str | None = None, first: int | None = 100,
                           after: str | None = None) -> sdk.Connection[SupplyItem]:
        where = sdk.all_of(None if include_inactive else ItemTable.active == True,  # noqa: E712
                           (ItemTable.sku.ilike(f"%{search.strip()}%") | ItemTable.name.ilike(f"%{search.strip()}%"))
                           if search and search.strip() else None)
        return await sdk.paginate(ItemTable, node=SupplyItem.of, first=first, after=after, where=where,
                                  order_by=ItemTable.sku)

    @sdk.field(self_service=True)
    async def supply_item(self, id: strawberry.ID) -> SupplyItem:
        return SupplyItem.of(await get_row(ItemTable, sdk.decode_id(id, "SupplyItem")))

    @sdk.field(APPROVE, description="Every supply request, newest first.")
    async def supply_requests(self, status: str | None = None, requested_by_id: strawberry.ID | None = None,
                              first: int | None = 20, after: str | None = None) -> sdk.Connection[SupplyRequest]:
        where = sdk.all_of(RequestTable.status == status if status else None,
                           RequestTable.requested_by == user_pk(requested_by_id) if requested_by_id else None)
        return await sdk.paginate(RequestTable, node=SupplyRequest.of, first=first, after=after, where=where,
                                  descending=True)

    @sdk.field(self_service=True, description="Your supply requests, newest first.")
    async def my_supply_requests(self, info: sdk.Info, first: int | None = 20,
                                 after: str | None = None) -> sdk.Connection[SupplyRequest]:
        return await sdk.paginate(RequestTable, node=SupplyRequest.of, first=first, after=after, descending=True,
                                  where=RequestTable.requested_by == (info.context.actor.user_id or 0))

    @sdk.field(self_service=True, description="One supply request: yours, or any for who decides them.")
    async def supply_request(self, info: sdk.Info, id: strawberry.ID) -> SupplyRequest:
        row = await get_row(RequestTable, sdk.decode_id(id, "SupplyRequest"))
        if not services.visible(row, info.context.actor.user_id, await sdk.has_permission(info, APPROVE)):
            raise sdk.NotFound()
        return SupplyRequest.of(row)


@strawberry.type
class SuppliesMutation:
    @sdk.mutation(MANAGE, description="Add an office supply to the catalogue.")
    async def create_supply_item(self, input: SupplyItemInput) -> SupplyItemPayload:
        pk = await services.create_item(input.sku, input.name, input.unit)
        return SupplyItemPayload(supply_item=SupplyItem.of(await get_row(ItemTable, pk)))

    @sdk.mutation(MANAGE)
    async def update_supply_item(self, input: UpdateSupplyItemInput) -> SupplyItemPayload:
        pk = sdk.decode_id(input.id, "SupplyItem")
        await services.update_item(pk, sku=input.sku, name=input.name, unit=input.unit, active=input.active)
        return SupplyItemPayload(supply_item=SupplyItem.of(await get_row(ItemTable, pk)))

    @sdk.mutation(self_service=True, description="Ask general affairs for office supplies from the catalogue.")
    async def request_supplies(self, info: sdk.Info, input: SupplyRequestInput) -> SupplyRequestPayload:
        pk = await services.request_supplies(lines=[(x.sku, x.quantity, x.note) for x in input.lines],
                                             note=input.note, user_id=person(info))
        return SupplyRequestPayload(supply_request=SupplyRequest.of(await get_row(RequestTable, pk)))

    @sdk.mutation(APPROVE, description="Approve (logistics is told: ga.supply_request_approved) or reject with a "
                                       "reason.")
    async def decide_supply_request(self, info: sdk.Info, input: SupplyDecisionInput) -> SupplyRequestPayload:
        pk = sdk.decode_id(input.id, "SupplyRequest")
        await services.decide(pk, approve=input.approve, reason=input.reason, user_id=info.context.actor.user_id)
        return SupplyRequestPayload(supply_request=SupplyRequest.of(await get_row(RequestTable, pk)))

    @sdk.mutation(self_service=True, description="Take back your supply request while it waits for a decision.")
    async def cancel_supply_request(self, info: sdk.Info, id: strawberry.ID) -> SupplyRequestPayload:
        pk = sdk.decode_id(id, "SupplyRequest")
        await services.cancel(pk, info.context.actor.user_id)
        return SupplyRequestPayload(supply_request=SupplyRequest.of(await get_row(RequestTable, pk)))
