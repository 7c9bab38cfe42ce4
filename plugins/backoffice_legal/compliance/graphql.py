"""GraphQL of permits and regulatory filings."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from backoffice import sdk

from . import services
from .tables import Filing as FilingTable
from .tables import Obligation as ObligationTable
from .tables import Permit as PermitTable

MANAGE = "legal.permit.manage"


@strawberry.type
class Permit:
    id: strawberry.ID
    name: str
    number: str
    authority: str
    issued_on: date | None
    expires_on: date | None

    @classmethod
    def of(cls, r: dict[str, Any]) -> Permit:
        return cls(id=sdk.encode_id("Permit", r["id"]), name=r["name"], number=r["number"], authority=r["authority"],
                   issued_on=r["issued_on"], expires_on=r["expires_on"])


@strawberry.type
class Filing:
    id: strawberry.ID
    obligation: str
    period: str
    due_date: date
    status: str
    filed_on: date | None
    overdue: bool


@strawberry.input
class PermitInput:
    name: str
    number: str = ""
    authority: str = ""
    issued_on: date | None = None
    expires_on: date | None = None


@strawberry.input
class ObligationInput:
    name: str
    frequency: str
    due_day: int = 15
    authority: str = ""


@strawberry.input
class FileFilingInput:
    id: strawberry.ID
    filed_on: date
    evidence: str = strawberry.field(default="", description="A receipt number or where the proof is kept.")


@strawberry.type
class PermitPayload(sdk.Payload):
    permit: Permit | None = None


@strawberry.type
class FilingPayload(sdk.Payload):
    ok: bool = False


@strawberry.type
class ComplianceQuery:
    @sdk.field(MANAGE)
    async def permits(self, first: int | None = 50, after: str | None = None) -> sdk.Connection[Permit]:
        return await sdk.paginate(PermitTable, node=Permit.of, first=first, after=after, order_by=PermitTable.expires_on)

    @sdk.field(MANAGE, description="Filings due, with the overdue ones flagged.")
    async def filings(self, status: str | None = None, overdue_only: bool = False) -> list[Filing]:
        today = date.today()
        names = {r["id"]: r["name"] for r in await ObligationTable.select(ObligationTable.id, ObligationTable.name)}
        query = FilingTable.select().order_by(FilingTable.due_date)
        if status:
            query = query.where(FilingTable.status == status)
        rows = [r for r in await query if not overdue_only or services.is_overdue(r, today)]
        return [Filing(id=sdk.encode_id("Filing", r["id"]), obligation=names.get(r["obligation_id"], ""),
                       period=r["period"], due_date=r["due_date"], status=r["status"], filed_on=r["filed_on"],
                       overdue=services.is_overdue(r, today)) for r in rows]


@strawberry.type
class ComplianceMutation:
    @sdk.mutation(MANAGE)
    async def create_permit(self, input: PermitInput) -> PermitPayload:
        if not input.name.strip():
            raise sdk.BadUserInput(("Name the permit.", "Beri nama izin."), field="name")
        result = await PermitTable.insert(PermitTable(name=input.name.strip()[:200], number=input.number,
                                                      authority=input.authority, issued_on=input.issued_on,
                                                      expires_on=input.expires_on))
        row = await PermitTable.select().where(PermitTable.id == result[0]["id"]).first()
        return PermitPayload(permit=Permit.of(row))

    @sdk.mutation(MANAGE, description="A recurring obligation; its filings are generated ahead.")
    async def create_filing_obligation(self, input: ObligationInput) -> FilingPayload:
        await services.add_obligation(input.name, input.authority, input.frequency, input.due_day)
        return FilingPayload(ok=True)

    @sdk.mutation(MANAGE)
    async def mark_filing_filed(self, input: FileFilingInput) -> FilingPayload:
        await services.mark_filed(sdk.decode_id(input.id, "Filing"), input.filed_on, input.evidence)
        return FilingPayload(ok=True)
