"""GraphQL of stock issue documents."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry

from backoffice import sdk

from ..stock.graphql import MOVE, READ, Item, StockLocation, load_items, location_of
from ..stock.services import default_location
from . import services
from .tables import StockIssue as IssueTable
from .tables import StockIssueLine as LineTable


async def load_lines(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(LineTable, LineTable.issue_id, keys, order_by=LineTable.position)


@strawberry.type
class StockIssueLine:
    id: strawberry.ID
    quantity: Decimal
    move_id: strawberry.ID | None = strawberry.field(description="The issue move, once posted.")
    _item_id: strawberry.Private[int]

    @strawberry.field
    async def item(self, info: sdk.Info) -> Item | None:
        row = await sdk.loader(info, load_items).load(self._item_id)
        return Item.of(row) if row else None


@strawberry.type
class StockIssue:
    id: strawberry.ID
    status: str = strawberry.field(description="draft, posted or cancelled")
    issue_date: date
    reference: str
    source: str = strawberry.field(description="manual, or ga.supply_request for an approved supply request")
    note: str
    requested_by_id: strawberry.ID | None
    created_at: datetime
    posted_at: datetime | None
    _pk: strawberry.Private[int]
    _location_id: strawberry.Private[int | None]

    @classmethod
    def of(cls, r: dict[str, Any]) -> StockIssue:
        return cls(id=sdk.encode_id("StockIssue", r["id"]), status=r["status"], issue_date=r["issue_date"],
                   reference=r["reference"], source=r["source"], note=r["note"],
                   requested_by_id=sdk.encode_id("User", r["requested_by"]) if r["requested_by"] else None,
                   created_at=r["created_at"], posted_at=r["posted_at"], _pk=r["id"],
                   _location_id=r["from_location_id"])

    @strawberry.field(description="Where the goods leave from.")
    async def from_location(self, info: sdk.Info) -> StockLocation | None:
        return await location_of(info, self._location_id)

    @strawberry.field
    async def lines(self, info: sdk.Info) -> list[StockIssueLine]:
        return [StockIssueLine(id=sdk.encode_id("StockIssueLine", r["id"]), quantity=Decimal(r["quantity"]),
                               move_id=sdk.encode_id("StockMove", r["move_id"]) if r["move_id"] else None,
                               _item_id=r["item_id"])
                for r in await sdk.loader(info, load_lines).load(self._pk)]


@strawberry.input
class StockIssueLineInput:
    item_id: strawberry.ID
    quantity: Decimal


@strawberry.input
class StockIssueInput:
    issue_date: date
    lines: list[StockIssueLineInput]
    from_location_id: strawberry.ID | None = strawberry.field(
        default=None, description="The company's default location when omitted.")
    reference: str = ""
    note: str = ""


@strawberry.input
class StockIssueQuantityInput:
    line_id: strawberry.ID
    quantity: Decimal = strawberry.field(description="Zero leaves the line out.")


@strawberry.input
class PostStockIssueInput:
    id: strawberry.ID
    from_location_id: strawberry.ID | None = strawberry.field(default=None, description="Another location.")
    issue_date: date | None = strawberry.field(default=None, description="Today when omitted.")
    lines: list[StockIssueQuantityInput] | None = strawberry.field(default=None, description="Reviewed quantities.")


@strawberry.input
class StockIssueIdInput:
    id: strawberry.ID


@strawberry.type
class StockIssuePayload(sdk.Payload):
    stock_issue: StockIssue | None = None


async def _payload(pk: int) -> StockIssuePayload:
    return StockIssuePayload(stock_issue=StockIssue.of(await services.get_issue(pk)))


@strawberry.type
class IssueQuery:
    @sdk.field(READ, description="Stock issue documents, newest first.")
    async def stock_issues(self, status: str | None = None, first: int | None = 20,
                           after: str | None = None) -> sdk.Connection[StockIssue]:
        return await sdk.paginate(IssueTable, node=StockIssue.of, first=first, after=after, descending=True,
                                  where=IssueTable.status == status if status else None)

    @sdk.field(READ)
    async def stock_issue(self, id: strawberry.ID) -> StockIssue:
        return StockIssue.of(await services.get_issue(sdk.decode_id(id, "StockIssue")))


@strawberry.type
class IssueMutation:
    @sdk.mutation(MOVE, description="Draft a stock issue document (nothing leaves stock until it is posted).")
    async def create_stock_issue(self, info: sdk.Info, input: StockIssueInput) -> StockIssuePayload:
        if not input.lines:
            raise sdk.BadUserInput(("Add at least one line.", "Tambahkan minimal satu baris."), field="lines")
        location = (sdk.decode_id(input.from_location_id, "Location") if input.from_location_id
                    else await default_location())
        pk, _ = await services.create_draft(services.Draft(
            issue_date=input.issue_date, from_location=location, reference=input.reference, note=input.note,
            lines=[(sdk.decode_id(x.item_id, "Item"), x.quantity) for x in input.lines],
            created_by=info.context.actor.user_id))
        return await _payload(pk)

    @sdk.mutation(MOVE, description="Post a draft: each line issues its goods from stock, once.")
    async def post_stock_issue(self, info: sdk.Info, input: PostStockIssueInput) -> StockIssuePayload:
        pk = sdk.decode_id(input.id, "StockIssue")
        await services.post_issue(
            pk, from_location=sdk.decode_id(input.from_location_id, "Location") if input.from_location_id else None,
            issue_date=input.issue_date, user_id=info.context.actor.user_id,
            quantities=None if input.lines is None else {
                sdk.decode_id(x.line_id, "StockIssueLine"): x.quantity for x in input.lines})
        return await _payload(pk)

    @sdk.mutation(MOVE, description="Cancel a draft.")
    async def cancel_stock_issue(self, input: StockIssueIdInput) -> StockIssuePayload:
        pk = sdk.decode_id(input.id, "StockIssue")
        await services.cancel_issue(pk)
        return await _payload(pk)
