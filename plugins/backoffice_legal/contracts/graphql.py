"""GraphQL of contracts."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry

from backoffice import sdk

from . import services
from .tables import Contract as ContractTable
from .tables import ContractReview as ReviewTable
from .tables import ContractVersion as VersionTable

READ = "legal.contract.read"
MANAGE = "legal.contract.manage"


async def _scope_where(info: sdk.Info) -> Any:
    if await sdk.has_permission(info, READ):
        return None
    return ContractTable.id.is_in(await services.visible_ids(info.context.actor.user_id) or [0])


async def load_versions(keys: list[int]) -> list[list[dict[str, Any]]]:
    rows = await VersionTable.select(VersionTable.id, VersionTable.contract_id, VersionTable.version, VersionTable.name,
                                     VersionTable.content_type, VersionTable.uploaded_at).where(
        VersionTable.contract_id.is_in(list(set(keys)))).order_by(VersionTable.version)
    grouped: dict[int, list[dict[str, Any]]] = {}
    for r in rows:
        grouped.setdefault(r["contract_id"], []).append(r)
    return [grouped.get(k, []) for k in keys]


async def load_reviews(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(ReviewTable, ReviewTable.contract_id, keys)


@strawberry.type
class ContractVersion:
    version: int
    name: str
    content_type: str
    uploaded_at: datetime


@strawberry.type
class ContractReview:
    reviewer_id: strawberry.ID
    decision: str
    comment: str


@strawberry.type
class Contract:
    id: strawberry.ID
    title: str
    counterparty: str
    kind: str
    value: Decimal
    currency: str
    start_date: date | None
    end_date: date | None
    renewal_terms: str
    notice_days: int
    status: str
    _pk: strawberry.Private[int]

    @classmethod
    def of(cls, r: dict[str, Any]) -> Contract:
        return cls(id=sdk.encode_id("Contract", r["id"]), title=r["title"], counterparty=r["counterparty"],
                   kind=r["kind"], value=Decimal(r["value"]), currency=r["currency"], start_date=r["start_date"],
                   end_date=r["end_date"], renewal_terms=r["renewal_terms"], notice_days=r["notice_days"],
                   status=r["status"], _pk=r["id"])

    @strawberry.field
    def notice_deadline(self) -> date | None:
        from datetime import timedelta

        return self.end_date - timedelta(days=self.notice_days) if self.end_date else None

    @strawberry.field
    async def versions(self, info: sdk.Info) -> list[ContractVersion]:
        return [ContractVersion(version=r["version"], name=r["name"], content_type=r["content_type"],
                                uploaded_at=r["uploaded_at"]) for r in await sdk.loader(info, load_versions).load(self._pk)]

    @strawberry.field
    async def reviews(self, info: sdk.Info) -> list[ContractReview]:
        return [ContractReview(reviewer_id=sdk.encode_id("User", r["reviewer_user_id"]), decision=r["decision"],
                               comment=r["comment"]) for r in await sdk.loader(info, load_reviews).load(self._pk)]


@strawberry.input
class ContractInput:
    title: str
    counterparty: str
    kind: str = "service"
    value: Decimal = Decimal(0)
    currency: str = "IDR"
    start_date: date | None = None
    end_date: date | None = None
    renewal_terms: str = ""
    notice_days: int = 30
    owner_id: strawberry.ID | None = None


@strawberry.input
class ContractVersionInput:
    contract_id: strawberry.ID
    name: str
    file: str = strawberry.field(description="PDF, PNG or JPEG, base64, at most 5 MB.")


@strawberry.input
class ContractReviewInput:
    contract_id: strawberry.ID
    reviewer_ids: list[strawberry.ID]


@strawberry.input
class ContractDecisionInput:
    contract_id: strawberry.ID
    approve: bool
    comment: str = ""


@strawberry.input
class ContractStatusInput:
    contract_id: strawberry.ID
    status: str


@strawberry.type
class ContractPayload(sdk.Payload):
    contract: Contract | None = None


async def _contract(pk: int) -> ContractPayload:
    return ContractPayload(contract=Contract.of(await ContractTable.select().where(ContractTable.id == pk).first()))


@strawberry.type
class ContractQuery:
    @sdk.field(self_service=True, description="Contracts: all for legal roles, otherwise those you own or review.")
    async def contracts(self, info: sdk.Info, first: int | None = 20, after: str | None = None,
                        status: str | None = None) -> sdk.Connection[Contract]:
        where = sdk.all_of(await _scope_where(info), ContractTable.status == status if status else None)
        return await sdk.paginate(ContractTable, node=Contract.of, first=first, after=after, where=where,
                                  order_by=ContractTable.end_date)

    @sdk.field(self_service=True)
    async def contract(self, info: sdk.Info, id: strawberry.ID) -> Contract:
        return Contract.of(await services.get(sdk.decode_id(id, "Contract"), user_id=info.context.actor.user_id,
                                              legal=await sdk.has_permission(info, READ)))


@strawberry.type
class ContractMutation:
    @sdk.mutation(MANAGE)
    async def create_contract(self, info: sdk.Info, input: ContractInput) -> ContractPayload:
        pk = await services.create({
            "title": input.title.strip()[:200], "counterparty": input.counterparty.strip()[:200], "kind": input.kind,
            "value": input.value, "currency": input.currency.upper()[:3], "start_date": input.start_date,
            "end_date": input.end_date, "renewal_terms": input.renewal_terms, "notice_days": input.notice_days,
            "owner_user_id": sdk.decode_id(input.owner_id, "User") if input.owner_id else info.context.actor.user_id})
        return await _contract(pk)

    @sdk.mutation(MANAGE, description="Add a new version of the contract's document.")
    async def add_contract_version(self, info: sdk.Info, input: ContractVersionInput) -> ContractPayload:
        pk = sdk.decode_id(input.contract_id, "Contract")
        await services.add_version(pk, input.name, input.file, info.context.actor.user_id)
        return await _contract(pk)

    @sdk.mutation(MANAGE, description="Send a draft to its reviewers.")
    async def request_contract_review(self, input: ContractReviewInput) -> ContractPayload:
        pk = sdk.decode_id(input.contract_id, "Contract")
        await services.request_review(pk, [sdk.decode_id(r, "User") for r in input.reviewer_ids])
        return await _contract(pk)

    @sdk.mutation(self_service=True, description="A reviewer approves, or asks for changes with a comment.")
    async def review_contract(self, info: sdk.Info, input: ContractDecisionInput) -> ContractPayload:
        pk = sdk.decode_id(input.contract_id, "Contract")
        await services.get(pk, user_id=info.context.actor.user_id, legal=await sdk.has_permission(info, READ))
        await services.decide(pk, info.context.actor.user_id, input.approve, input.comment)
        return await _contract(pk)

    @sdk.mutation(MANAGE, description="Signed, active, terminated or expired.")
    async def set_contract_status(self, input: ContractStatusInput) -> ContractPayload:
        pk = sdk.decode_id(input.contract_id, "Contract")
        await services.move(pk, input.status)
        return await _contract(pk)
