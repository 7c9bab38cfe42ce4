"""GraphQL of training: programmes, sessions, enrolments, completions and certificates."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import strawberry

from backoffice import sdk

from ..people.graphql import Employee, load_employees
from . import services
from .tables import Certificate as CertificateTable
from .tables import Enrolment as EnrolmentTable
from .tables import TrainingProgramme as ProgrammeTable
from .tables import TrainingSession as SessionTable


async def load_session_enrolments(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(EnrolmentTable, EnrolmentTable.session_id, keys)


async def load_programme_sessions(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(SessionTable, SessionTable.programme_id, keys, order_by=SessionTable.starts_on)


@strawberry.type
class Enrolment:
    id: strawberry.ID
    status: str
    completed_on: date | None
    _employee_id: strawberry.Private[int]

    @strawberry.field
    async def employee(self, info: sdk.Info) -> Employee | None:
        row = await sdk.loader(info, load_employees).load(self._employee_id)
        return Employee.of(row) if row else None


def _enrolment(r: dict[str, Any]) -> Enrolment:
    return Enrolment(id=sdk.encode_id("Enrolment", r["id"]), status=r["status"],
                     completed_on=r["completed_on"], _employee_id=r["employee_id"])


@strawberry.type
class TrainingSession:
    id: strawberry.ID
    starts_on: date
    ends_on: date
    location: str
    capacity: int
    _pk: strawberry.Private[int]

    @strawberry.field
    async def enrolments(self, info: sdk.Info) -> list[Enrolment]:
        return [_enrolment(r) for r in await sdk.loader(info, load_session_enrolments).load(self._pk)]

    @strawberry.field
    async def seats_left(self, info: sdk.Info) -> int:
        rows = await sdk.loader(info, load_session_enrolments).load(self._pk)
        return self.capacity - sum(1 for r in rows if r["status"] != "cancelled")


def _session(r: dict[str, Any]) -> TrainingSession:
    return TrainingSession(id=sdk.encode_id("TrainingSession", r["id"]), starts_on=r["starts_on"],
                           ends_on=r["ends_on"], location=r["location"], capacity=r["capacity"],
                           _pk=r["id"])


@strawberry.type
class TrainingProgramme:
    id: strawberry.ID
    title: str
    description: str
    provider: str
    _pk: strawberry.Private[int]

    @classmethod
    def of(cls, r: dict[str, Any]) -> TrainingProgramme:
        return cls(id=sdk.encode_id("TrainingProgramme", r["id"]), title=r["title"],
                   description=r["description"], provider=r["provider"], _pk=r["id"])

    @strawberry.field
    async def sessions(self, info: sdk.Info) -> list[TrainingSession]:
        return [_session(r) for r in await sdk.loader(info, load_programme_sessions).load(self._pk)]


@strawberry.type
class Certificate:
    id: strawberry.ID
    name: str
    issuer: str
    issued_on: date
    expires_on: date | None
    _employee_id: strawberry.Private[int]

    @classmethod
    def of(cls, r: dict[str, Any]) -> Certificate:
        return cls(id=sdk.encode_id("Certificate", r["id"]), name=r["name"], issuer=r["issuer"],
                   issued_on=r["issued_on"], expires_on=r["expires_on"], _employee_id=r["employee_id"])

    @strawberry.field
    async def employee(self, info: sdk.Info) -> Employee | None:
        row = await sdk.loader(info, load_employees).load(self._employee_id)
        return Employee.of(row) if row else None


@strawberry.input
class ProgrammeInput:
    title: str
    description: str = ""
    provider: str = ""


@strawberry.input
class SessionInput:
    programme_id: strawberry.ID
    starts_on: date
    ends_on: date
    location: str = ""
    capacity: int = 20


@strawberry.input
class EnrolInput:
    session_id: strawberry.ID
    employee_id: strawberry.ID


@strawberry.input
class CertificateInput:
    employee_id: strawberry.ID
    name: str
    issued_on: date
    issuer: str = ""
    expires_on: date | None = None


@strawberry.input
class CompleteEnrolmentInput:
    id: strawberry.ID
    completed_on: date
    certificate_name: str | None = None
    certificate_expires_on: date | None = None


@strawberry.type
class ProgrammePayload(sdk.Payload):
    programme: TrainingProgramme | None = None


@strawberry.type
class SessionPayload(sdk.Payload):
    session: TrainingSession | None = None


@strawberry.type
class EnrolmentPayload(sdk.Payload):
    enrolment: Enrolment | None = None


@strawberry.type
class CertificatePayload(sdk.Payload):
    certificate: Certificate | None = None


@strawberry.type
class TrainingQuery:
    @sdk.field("hr.training.read")
    async def training_programmes(self, first: int | None = 20,
                                  after: str | None = None) -> sdk.Connection[TrainingProgramme]:
        return await sdk.paginate(ProgrammeTable, node=TrainingProgramme.of, first=first, after=after,
                                  order_by=ProgrammeTable.title)

    @sdk.field("hr.training.read")
    async def certificates(self, first: int | None = 20, after: str | None = None,
                           employee_id: strawberry.ID | None = None,
                           expiring_within_days: int | None = None) -> sdk.Connection[Certificate]:
        clauses = []
        if employee_id:
            clauses.append(CertificateTable.employee_id == sdk.decode_id(employee_id, "Employee"))
        if expiring_within_days is not None:
            if not 0 <= expiring_within_days <= 3660:
                raise sdk.BadUserInput((
                    "expiringWithinDays must be between 0 and 3660 (ten years).",
                    "expiringWithinDays harus antara 0 dan 3660 (sepuluh tahun)."),
                    field="expiringWithinDays")
            today = date.today()
            clauses.append(CertificateTable.expires_on.is_not_null()
                           & (CertificateTable.expires_on >= today)
                           & (CertificateTable.expires_on <= today + timedelta(days=expiring_within_days)))
        where = sdk.all_of(*clauses)
        return await sdk.paginate(CertificateTable, node=Certificate.of, first=first, after=after,
                                  where=where, order_by=CertificateTable.expires_on)


@strawberry.type
class TrainingMutation:
    @sdk.mutation("hr.training.manage")
    async def create_training_programme(self, input: ProgrammeInput) -> ProgrammePayload:
        pk = await services.create_programme(input.title, input.description, input.provider)
        row = await ProgrammeTable.select().where(ProgrammeTable.id == pk).first()
        return ProgrammePayload(programme=TrainingProgramme.of(row))

    @sdk.mutation("hr.training.manage")
    async def create_training_session(self, input: SessionInput) -> SessionPayload:
        pk = await services.create_session(sdk.decode_id(input.programme_id, "TrainingProgramme"),
                                           input.starts_on, input.ends_on, input.location, input.capacity)
        return SessionPayload(session=_session(await SessionTable.select().where(SessionTable.id == pk).first()))

    @sdk.mutation("hr.training.manage")
    async def enrol_employee(self, input: EnrolInput) -> EnrolmentPayload:
        pk = await services.enrol(sdk.decode_id(input.session_id, "TrainingSession"),
                                  sdk.decode_id(input.employee_id, "Employee"))
        return EnrolmentPayload(enrolment=_enrolment(
            await EnrolmentTable.select().where(EnrolmentTable.id == pk).first()))

    @sdk.mutation("hr.training.manage", description="Record completion, with a certificate if any.")
    async def complete_enrolment(self, input: CompleteEnrolmentInput) -> EnrolmentPayload:
        pk = sdk.decode_id(input.id, "Enrolment")
        certificate = ({"name": input.certificate_name, "expires_on": input.certificate_expires_on}
                       if input.certificate_name else None)
        await services.complete(pk, input.completed_on, certificate)
        return EnrolmentPayload(enrolment=_enrolment(
            await EnrolmentTable.select().where(EnrolmentTable.id == pk).first()))

    @sdk.mutation("hr.training.manage")
    async def add_certificate(self, input: CertificateInput) -> CertificatePayload:
        pk = await services.add_certificate(sdk.decode_id(input.employee_id, "Employee"), input.name,
                                            input.issuer, input.issued_on, input.expires_on)
        return CertificatePayload(certificate=Certificate.of(
            await CertificateTable.select().where(CertificateTable.id == pk).first()))
