"""GraphQL of personal data (UU PDP): exports of one person's data, for HR and for the person
themselves, and the anonymisation of a former employee."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

import strawberry

from backoffice import sdk

from ..people.graphql import Employee, EmployeePayload
from ..people.services import employee_of_user, get_employee
from . import services

PERMISSION = "hr.personal_data.manage"


@strawberry.type(description="An archive (ZIP) of everything the company's modules hold about one person, "
                             "built in the background and kept for a week.")
class PersonalDataExport:
    id: strawberry.ID
    status: str = strawberry.field(description="building, then ready.")
    records: int = strawberry.field(description="How many records the archive holds.")
    created_at: datetime
    expires_at: datetime = strawberry.field(description="When the archive is deleted.")
    job_id: strawberry.ID | None = strawberry.field(description="The job building it (job(id)).")
    _pk: strawberry.Private[int]
    _filename: strawberry.Private[str]

    @classmethod
    def of(cls, r: dict[str, Any]) -> PersonalDataExport:
        created = services._aware(r["created_at"])
        return cls(id=sdk.encode_id("PersonalDataExport", r["id"]), status=r["status"], records=r["records"],
                   created_at=created, expires_at=created + services.KEEP,
                   job_id=sdk.encode_id("Job", r["job_id"]) if r["job_id"] else None,
                   _pk=r["id"], _filename=r["filename"])

    @strawberry.field(description="The archive, once ready: a ZIP with a README, a manifest, each "
                                  "section as JSON and CSV, and the documents.")
    async def file(self) -> sdk.ExportFile | None:
        if self.status != "ready":
            return None
        content = await services.export_content(self._pk)
        if content is None:
            return None
        return sdk.ExportFile(filename=self._filename, content_type="application/zip",
                              base64=base64.b64encode(content).decode(), rows=self.records)


@strawberry.input
class ExportEmployeePersonalDataInput:
    employee_id: strawberry.ID


@strawberry.input
class AnonymiseEmployeeInput:
    id: strawberry.ID
    confirm: str = strawberry.field(description="The employee's name, typed again.")


@strawberry.type
class PersonalDataExportPayload(sdk.Payload):
    export: PersonalDataExport | None = None


@strawberry.type
class PersonalDataQuery:
    @sdk.field(PERMISSION, description="A personal data export, by id.")
    async def personal_data_export(self, id: strawberry.ID) -> PersonalDataExport:
        return PersonalDataExport.of(await services.get_export(sdk.decode_id(id, "PersonalDataExport")))

    @sdk.field(self_service=True, description="An export of your own personal data that you asked for.")
    async def my_personal_data_export(self, info: sdk.Info, id: strawberry.ID) -> PersonalDataExport:
        pk = sdk.decode_id(id, "PersonalDataExport")
        return PersonalDataExport.of(await services.get_export(pk, own_of_user=info.context.actor.user_id or 0))


@strawberry.type
class PersonalDataMutation:
    @sdk.mutation(PERMISSION, description="Gather everything the company holds about one employee into "
                                          "an archive they can open (UU PDP: access and copy).")
    async def export_employee_personal_data(self, info: sdk.Info,
                                            input: ExportEmployeePersonalDataInput) -> PersonalDataExportPayload:
        pk = await services.start_export(sdk.decode_id(input.employee_id, "Employee"),
                                         requested_by=info.context.actor.user_id, for_self=False)
        return PersonalDataExportPayload(export=PersonalDataExport.of(await services.get_export(pk)))

    @sdk.mutation(self_service=True, description="Gather everything the company holds about you into an "
                                                 "archive; follow it with myPersonalDataExport(id).")
    async def export_my_personal_data(self, info: sdk.Info) -> PersonalDataExportPayload:
        user_id = info.context.actor.user_id
        employee = await employee_of_user(user_id) if user_id else None
        if employee is None:
            raise sdk.BadUserInput(("You have no employee record in this company.",
                                    "Anda tidak memiliki data karyawan di perusahaan ini."),
                                   code="NO_EMPLOYEE_RECORD")
        pk = await services.start_export(employee["id"], requested_by=user_id, for_self=True)
        return PersonalDataExportPayload(export=PersonalDataExport.of(await services.get_export(pk)))

    @sdk.mutation(PERMISSION, audit=False,
                  description="Irreversibly remove what identifies a former employee from every module, "
                              "keeping payroll and bookkeeping amounts that the law requires to be kept. "
                              "`confirm` repeats the employee's name.")
    async def anonymise_employee(self, info: sdk.Info, input: AnonymiseEmployeeInput) -> EmployeePayload:
        pk = sdk.decode_id(input.id, "Employee")
        # The audit entry is written by the service, without the name that `confirm` carries.
        await services.anonymise_employee(pk, input.confirm, ip=info.context.actor.ip)
        return EmployeePayload(employee=Employee.of(await get_employee(pk)))
