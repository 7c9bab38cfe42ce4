"""GraphQL of permits and regulatory filings."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from backoffice import sdk

from . import services
from .tables import Filing as FilingTable
from .tables import Obligation as ObligationTable
from .tables import LegalDocument
from .tables import Permit as PermitTable
from .tables import PermitTask

MANAGE = "legal.permit.manage"


async def load_tasks(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(PermitTask, PermitTask.permit_id, keys, order_by=PermitTask.id)


@strawberry.type
class RenewalTask:
    id: strawberry.ID
    title: str
    due_date: date | None
    done: bool


@strawberry.type
class Permit:
    id: strawberry.ID
    name: str
    number: str
    authority: str
    issued_on: date | None
    expires_on: date | None
    responsible_id: strawberry.ID | None
    _pk: strawberry.Private[int]

    @classmethod
    def of(cls, r: dict[str, Any]) -> Permit:
        return cls(id=sdk.encode_id("Permit", r["id"]), name=r["name"], number=r["number"], authority=r["authority"],
                   issued_on=r["issued_on"], expires_on=r["expires_on"], _pk=r["id"],
                   responsible_id=sdk.encode_id("User", r["responsible_user_id"]) if r["responsible_user_id"] else None)

    @strawberry.field
    async def renewal_tasks(self, info: sdk.Info) -> list[RenewalTask]:
        return [RenewalTask(id=sdk.encode_id("PermitTask", r["id"]), title=r["title"], due_date=r["due_date"],
                            done=bool(r["done"])) for r in await sdk.loader(info, load_tasks).load(self._pk)]


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
    responsible_id: strawberry.ID | None = None


@strawberry.input
class RenewalTaskInput:
    permit_id: strawberry.ID
    title: str
    due_date: date | None = None


@strawberry.input
class TaskDoneInput:
    id: strawberry.ID


@strawberry.input
class LegalDocumentInput:
    owner_id: strawberry.ID = strawberry.field(description="A LegalMatter or Filing id.")
    name: str
    file: str = strawberry.field(description="PDF, PNG or JPEG, base64, at most 5 MB.")


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
        result = await PermitTable.insert(PermitTable(
            name=input.name.strip()[:200], number=input.number, authority=input.authority, issued_on=input.issued_on,
            expires_on=input.expires_on,
            responsible_user_id=sdk.decode_id(input.responsible_id, "User") if input.responsible_id else None))
        row = await PermitTable.select().where(PermitTable.id == result[0]["id"]).first()
        return PermitPayload(permit=Permit.of(row))

    @sdk.mutation(MANAGE, description="A step towards renewing a permit.")
    async def add_permit_renewal_task(self, input: RenewalTaskInput) -> PermitPayload:
        pk = sdk.decode_id(input.permit_id, "Permit")
        row = await PermitTable.select().where(PermitTable.id == pk).first()
        if row is None:
            raise sdk.NotFound()
        if not input.title.strip():
            raise sdk.BadUserInput(("Describe the task.", "Jelaskan tugasnya."), field="title")
        await PermitTask.insert(PermitTask(permit_id=pk, title=input.title.strip()[:200], due_date=input.due_date))
        return PermitPayload(permit=Permit.of(row))

    @sdk.mutation(MANAGE)
    async def complete_permit_renewal_task(self, input: TaskDoneInput) -> FilingPayload:
        pk = sdk.decode_id(input.id, "PermitTask")
        if not await PermitTask.exists().where(PermitTask.id == pk):
            raise sdk.NotFound()
        await PermitTask.update({PermitTask.done: 1}).where(PermitTask.id == pk)
        return FilingPayload(ok=True)

    @sdk.mutation("legal.matter.manage", description="Keep a document with a legal matter or a filing.")
    async def add_legal_document(self, input: LegalDocumentInput) -> FilingPayload:
        from ..matters.tables import Matter

        kind, pk = sdk.decode_any_id(input.owner_id)
        owners = {"LegalMatter": ("matter", Matter), "Filing": ("filing", FilingTable)}
        if kind not in owners or not await owners[kind][1].exists().where(owners[kind][1].id == pk):
            raise sdk.NotFound()
        content, content_type = sdk.checked_upload(input.file)
        await LegalDocument.insert(LegalDocument(owner_kind=owners[kind][0], owner_id=pk,
                                                 name=sdk.safe_filename(input.name), content_type=content_type,
                                                 content=content))
        return FilingPayload(ok=True)

    @sdk.mutation(MANAGE, description="A recurring obligation; its filings are generated ahead.")
    async def create_filing_obligation(self, input: ObligationInput) -> FilingPayload:
        await services.add_obligation(input.name, input.authority, input.frequency, input.due_day)
        return FilingPayload(ok=True)

    @sdk.mutation(MANAGE)
    async def mark_filing_filed(self, input: FileFilingInput) -> FilingPayload:
        await services.mark_filed(sdk.decode_id(input.id, "Filing"), input.filed_on, input.evidence)
        return FilingPayload(ok=True)
