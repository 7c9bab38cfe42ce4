"""GraphQL of recruitment: openings, applicants, their notes, and hiring."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry

from backoffice import sdk

from ..people.graphql import Department, Employee, Position, load_departments, load_employees, load_positions
from . import services
from .tables import Applicant as ApplicantTable
from .tables import ApplicantNote as NoteTable
from .tables import JobOpening as OpeningTable


async def load_openings(keys: list[int]) -> list[dict[str, Any] | None]:
    return await sdk.rows_by_id(OpeningTable, keys)


async def load_stage_counts(keys: list[int]) -> list[dict[str, int]]:
    rows = await ApplicantTable.select(ApplicantTable.opening_id, ApplicantTable.stage).where(
        ApplicantTable.opening_id.is_in(list(set(keys))))
    counts: dict[int, dict[str, int]] = {}
    for r in rows:
        per = counts.setdefault(r["opening_id"], {})
        per[r["stage"]] = per.get(r["stage"], 0) + 1
    return [counts.get(k, {}) for k in keys]


async def load_notes(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(NoteTable, NoteTable.applicant_id, keys, order_by=NoteTable.id)


@strawberry.type
class StageCount:
    stage: str
    count: int


@strawberry.type
class JobOpening:
    id: strawberry.ID
    title: str
    headcount: int
    status: str
    description: str
    created_at: datetime
    _row: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, row: dict[str, Any]) -> JobOpening:
        return cls(id=sdk.encode_id("JobOpening", row["id"]), title=row["title"],
                   headcount=row["headcount"], status=row["status"],
                   description=row["description"], created_at=row["created_at"], _row=row)

    @strawberry.field
    async def department(self, info: sdk.Info) -> Department | None:
        pk = self._row["department_id"]
        row = await sdk.loader(info, load_departments).load(pk) if pk else None
        return Department.of(row) if row else None

    @strawberry.field
    async def position(self, info: sdk.Info) -> Position | None:
        pk = self._row["position_id"]
        row = await sdk.loader(info, load_positions).load(pk) if pk else None
        return Position.of(row) if row else None

    @strawberry.field(description="How many applicants are at each stage of the pipeline.")
    async def pipeline(self, info: sdk.Info) -> list[StageCount]:
        counts = await sdk.loader(info, load_stage_counts).load(self._row["id"])
        return [StageCount(stage=s, count=counts.get(s, 0)) for s in services.STAGES]


@strawberry.type
class ApplicantNote:
    id: strawberry.ID
    body: str
    created_at: datetime


@strawberry.type
class Applicant:
    id: strawberry.ID
    full_name: str
    email: str
    phone: str
    source: str
    stage: str
    created_at: datetime
    _row: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, row: dict[str, Any]) -> Applicant:
        return cls(id=sdk.encode_id("Applicant", row["id"]), full_name=row["full_name"],
                   email=row["email"], phone=row["phone"], source=row["source"], stage=row["stage"],
                   created_at=row["created_at"], _row=row)

    @strawberry.field
    async def opening(self, info: sdk.Info) -> JobOpening | None:
        row = await sdk.loader(info, load_openings).load(self._row["opening_id"])
        return JobOpening.of(row) if row else None

    @strawberry.field
    async def notes(self, info: sdk.Info) -> list[ApplicantNote]:
        rows = await sdk.loader(info, load_notes).load(self._row["id"])
        return [ApplicantNote(id=sdk.encode_id("ApplicantNote", r["id"]), body=r["body"],
                              created_at=r["created_at"]) for r in rows]

    @strawberry.field(description="The employee this applicant became, once hired.")
    async def employee(self, info: sdk.Info) -> Employee | None:
        pk = self._row["employee_id"]
        row = await sdk.loader(info, load_employees).load(pk) if pk else None
        return Employee.of(row) if row else None


@strawberry.input
class JobOpeningInput:
    title: str
    headcount: int = 1
    description: str = ""
    department_id: strawberry.ID | None = None
    position_id: strawberry.ID | None = None


@strawberry.input
class UpdateJobOpeningInput:
    id: strawberry.ID
    title: str | None = None
    headcount: int | None = None
    status: str | None = None
    description: str | None = None


@strawberry.input
class ApplicantInput:
    opening_id: strawberry.ID
    full_name: str
    email: str = ""
    phone: str = ""
    source: str = ""


@strawberry.input
class MoveApplicantInput:
    id: strawberry.ID
    stage: str


@strawberry.input
class ApplicantNoteInput:
    id: strawberry.ID
    body: str


@strawberry.input
class HireApplicantInput:
    id: strawberry.ID
    start_date: date
    employment_type: str = "permanent"
    work_email: str | None = None


@strawberry.type
class JobOpeningPayload(sdk.Payload):
    job_opening: JobOpening | None = None


@strawberry.type
class ApplicantPayload(sdk.Payload):
    applicant: Applicant | None = None


@strawberry.type
class HireApplicantPayload(sdk.Payload):
    applicant: Applicant | None = None
    employee: Employee | None = None


def _opt(value: strawberry.ID | None, type_name: str) -> int | None:
    return sdk.decode_id(value, type_name) if value else None


async def _applicant(pk: int) -> ApplicantPayload:
    return ApplicantPayload(applicant=Applicant.of(await services.get_applicant(pk)))


@strawberry.type
class RecruitmentQuery:
    @sdk.field("hr.recruitment.read")
    async def job_openings(self, first: int | None = 20, after: str | None = None,
                           status: str | None = None) -> sdk.Connection[JobOpening]:
        where = OpeningTable.status == status if status else None
        return await sdk.paginate(OpeningTable, node=JobOpening.of, first=first, after=after,
                                  where=where, order_by=OpeningTable.id, descending=True)

    @sdk.field("hr.recruitment.read")
    async def job_opening(self, id: strawberry.ID) -> JobOpening:
        return JobOpening.of(await services.get_opening(sdk.decode_id(id, "JobOpening")))

    @sdk.field("hr.recruitment.read")
    async def applicants(self, first: int | None = 20, after: str | None = None,
                         opening_id: strawberry.ID | None = None, stage: str | None = None,
                         search: str | None = None) -> sdk.Connection[Applicant]:
        clauses = []
        if opening_id:
            clauses.append(ApplicantTable.opening_id == sdk.decode_id(opening_id, "JobOpening"))
        if stage:
            clauses.append(ApplicantTable.stage == stage)
        if search:
            clauses.append(ApplicantTable.full_name.ilike(f"%{search.strip()}%"))
        where = sdk.all_of(*clauses)
        return await sdk.paginate(ApplicantTable, node=Applicant.of, first=first, after=after,
                                  where=where, order_by=ApplicantTable.id, descending=True)

    @sdk.field("hr.recruitment.read")
    async def applicant(self, id: strawberry.ID) -> Applicant:
        return Applicant.of(await services.get_applicant(sdk.decode_id(id, "Applicant")))


@strawberry.type
class RecruitmentMutation:
    @sdk.mutation("hr.recruitment.manage")
    async def create_job_opening(self, input: JobOpeningInput) -> JobOpeningPayload:
        pk = await services.save_opening(None, {
            "title": input.title, "headcount": input.headcount, "description": input.description,
            "department_id": _opt(input.department_id, "Department"),
            "position_id": _opt(input.position_id, "Position")})
        return JobOpeningPayload(job_opening=JobOpening.of(await services.get_opening(pk)))

    @sdk.mutation("hr.recruitment.manage")
    async def update_job_opening(self, input: UpdateJobOpeningInput) -> JobOpeningPayload:
        pk = sdk.decode_id(input.id, "JobOpening")
        data = {k: v for k, v in {"title": input.title, "headcount": input.headcount,
                                  "status": input.status, "description": input.description}.items()
                if v is not None}
        await services.save_opening(pk, data)
        return JobOpeningPayload(job_opening=JobOpening.of(await services.get_opening(pk)))

    @sdk.mutation("hr.recruitment.manage")
    async def create_applicant(self, input: ApplicantInput) -> ApplicantPayload:
        pk = await services.add_applicant(sdk.decode_id(input.opening_id, "JobOpening"),
                                          full_name=input.full_name, email=input.email,
                                          phone=input.phone, source=input.source)
        return await _applicant(pk)

    @sdk.mutation("hr.recruitment.manage", description="Move an applicant to another stage.")
    async def move_applicant(self, input: MoveApplicantInput) -> ApplicantPayload:
        pk = sdk.decode_id(input.id, "Applicant")
        await services.move(pk, input.stage)
        return await _applicant(pk)

    @sdk.mutation("hr.recruitment.manage")
    async def add_applicant_note(self, info: sdk.Info, input: ApplicantNoteInput) -> ApplicantPayload:
        pk = sdk.decode_id(input.id, "Applicant")
        await services.add_note(pk, input.body, info.context.actor.user_id)
        return await _applicant(pk)

    @sdk.mutation("hr.recruitment.manage",
                  description="Hire an applicant: creates the employee and tells IT, finance and "
                              "the others (hr.employee_hired).")
    async def hire_applicant(self, input: HireApplicantInput) -> HireApplicantPayload:
        pk = sdk.decode_id(input.id, "Applicant")
        employee_id = await services.hire(pk, start_date=input.start_date,
                                          employment_type=input.employment_type,
                                          work_email=input.work_email)
        from ..people.services import get_employee

        return HireApplicantPayload(applicant=Applicant.of(await services.get_applicant(pk)),
                                    employee=Employee.of(await get_employee(employee_id)))
