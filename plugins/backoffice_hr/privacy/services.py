"""Personal data of one employee (UU PDP): the export they or HR may ask for, and the
anonymisation of someone who has left. Plain values in and out; no GraphQL here.

The export is built by a job (``jobs.build_personal_data_export``) from every enabled
module's ``personal_data_export`` hook and kept for a week. Anonymising keeps what the law
requires to be kept: payslip and salary amounts (tax records, kept 10 years under KUP) and the
bookkeeping of other modules; names, numbers, contacts, documents and free text go.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from backoffice.sdk import (
    BadUserInput,
    Conflict,
    NotFound,
    anonymise_personal_data,
    audit,
    encode_id,
    enqueue,
    publish,
)

from ..leave.tables import LeaveRequest
from ..people.tables import EmergencyContact, Employee, EmployeeDocument
from ..performance.tables import Review
from ..recruitment.tables import Applicant, ApplicantNote
from ..requests.tables import HrRequest
from .tables import PersonalDataExport

KEEP = timedelta(days=7)  # an export is deleted a week after it was asked for
LEFT = ("terminated",)


def now() -> datetime:
    return datetime.now(UTC)


def label_of(employee: dict[str, Any]) -> str:
    return f"Former employee #{employee['id']}"


async def _employee(pk: int) -> dict[str, Any]:
    row = await Employee.select().where(Employee.id == pk).first()
    if row is None:
        raise NotFound()
    return row


# -- export ----------------------------------------------------------------------------------


async def purge_expired() -> None:
    await PersonalDataExport.delete().where(PersonalDataExport.created_at < now() - KEEP)


async def start_export(employee_id: int, *, requested_by: int | None, for_self: bool) -> int:
    """Record an export of the employee's data and queue the job that builds it."""
    from .jobs import build_personal_data_export  # noqa: PLC0415

    employee = await _employee(employee_id)
    if employee["anonymised_at"] is not None:
        raise Conflict(("This employee's personal data was anonymised: there is nothing left to export.",
                        "Data pribadi karyawan ini sudah dianonimkan: tidak ada lagi yang dapat diekspor."),
                       code="EMPLOYEE_ANONYMISED")
    await purge_expired()
    rows = await PersonalDataExport.insert(PersonalDataExport(
        employee_id=employee_id, requested_by=requested_by, for_self=for_self, created_at=now()))
    pk = rows[0]["id"]
    job_id = await enqueue(build_personal_data_export, export_id=pk)
    await PersonalDataExport.update({PersonalDataExport.job_id: job_id}).where(PersonalDataExport.id == pk)
    return pk


async def get_export(pk: int, *, own_of_user: int | None = None) -> dict[str, Any]:
    """One export; with ``own_of_user``, only one that user asked for about themselves."""
    where = PersonalDataExport.id == pk
    if own_of_user is not None:
        where = where & (PersonalDataExport.requested_by == own_of_user) & (PersonalDataExport.for_self == True)  # noqa: E712
    row = await PersonalDataExport.select(
        *[c for c in PersonalDataExport.all_columns() if c._meta.name != "content"]).where(where).first()
    if row is None or _aware(row["created_at"]) < now() - KEEP:
        raise NotFound()
    return row


async def export_content(pk: int) -> bytes | None:
    row = await PersonalDataExport.select(PersonalDataExport.content).where(PersonalDataExport.id == pk).first()
    return bytes(row["content"]) if row and row["content"] is not None else None


async def build(export_id: int, progress: Any) -> dict[str, Any]:
    """The job's work: gather the person's data from every enabled module into one ZIP."""
    from backoffice.sdk import personal_data_archive  # noqa: PLC0415

    row = await PersonalDataExport.select(PersonalDataExport.id, PersonalDataExport.employee_id).where(
        PersonalDataExport.id == export_id).first()
    if row is None:
        return {"records": 0}  # deleted meanwhile (anonymised, expired)
    employee = await _employee(row["employee_id"])
    await progress(20, ("Gathering the data of every module", "Mengumpulkan data dari setiap modul"))
    content, records = await personal_data_archive(employee_id=employee["id"], user_id=employee["user_id"],
                                                   person=employee["full_name"])
    await progress(90, ("Keeping the archive", "Menyimpan arsip"))
    filename = f"personal-data-{employee['employee_number']}-{now().date().isoformat()}.zip"
    await PersonalDataExport.update({PersonalDataExport.content: content, PersonalDataExport.filename: filename,
                                     PersonalDataExport.records: records,
                                     PersonalDataExport.status: "ready"}).where(
        PersonalDataExport.id == export_id)
    return {"records": records}


def _aware(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# -- anonymisation ------------------------------------------------------------------------------


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


async def anonymise_employee(pk: int, confirm: str, ip: str = "") -> None:
    """Irreversibly remove what identifies a former employee, in HR and in every other enabled
    module. ``confirm`` must repeat the employee's name."""
    employee = await _employee(pk)
    if employee["anonymised_at"] is not None:
        raise Conflict(("This employee was already anonymised.", "Karyawan ini sudah dianonimkan."),
                       code="EMPLOYEE_ANONYMISED")
    if employee["status"] not in LEFT:
        raise Conflict(("Only someone who has left can be anonymised: record their leaving first.",
                        "Hanya karyawan yang sudah keluar yang dapat dianonimkan: catat dulu tanggal keluarnya."),
                       code="EMPLOYEE_NOT_LEFT")
    if not _same_name(confirm or "", employee["full_name"]):
        raise BadUserInput(("Type the employee's name exactly to confirm.",
                            "Ketik nama karyawan dengan tepat untuk mengonfirmasi."),
                           code="CONFIRMATION_MISMATCH", field="confirm")
    names = [employee["full_name"], employee["work_email"]]
    changed = await anonymise_personal_data(employee_id=pk, user_id=employee["user_id"],
                                            label=label_of(employee), names=names)
    gid = encode_id("Employee", pk)
    # Recorded after the values about the person were removed, and without any of them.
    await audit("anonymiseEmployee", target_ids=[gid], changes={"records_changed": len(changed)}, ip=ip)
    await publish("hr.employee_anonymised", {"employee_id": gid})


async def anonymise_hr(employee_id: int | None, user_id: int | None, label: str) -> list[str]:
    """HR's part (the ``personal_data_anonymise`` hook): the record keeps its number, dates,
    department, position and the payroll amounts; everything else that identifies the person,
    their documents, contacts and the free text written about them goes."""
    changed: list[str] = []
    if employee_id is not None:
        await Employee.update({
            Employee.full_name: label, Employee.work_email: "", Employee.phone: "",
            Employee.birth_date: None, Employee.gender: "", Employee.address: "",
            Employee.national_id: "", Employee.tax_id: "", Employee.bank_name: "",
            Employee.bank_account: "", Employee.ptkp_status: "", Employee.user_id: None,
            Employee.anonymised_at: now()}).where(Employee.id == employee_id)
        changed.append(encode_id("Employee", employee_id))
        for table, type_name in ((EmergencyContact, "EmergencyContact"),
                                 (EmployeeDocument, "EmployeeDocument"),
                                 (PersonalDataExport, "PersonalDataExport")):
            ids = [r["id"] for r in await table.select(table.id).where(table.employee_id == employee_id)]
            changed += [encode_id(type_name, i) for i in ids]
            await table.delete().where(table.employee_id == employee_id)
        leave = [r["id"] for r in await LeaveRequest.select(LeaveRequest.id).where(
            LeaveRequest.employee_id == employee_id)]
        await LeaveRequest.update({LeaveRequest.reason: "", LeaveRequest.decision_note: ""}).where(
            LeaveRequest.employee_id == employee_id)
        changed += [encode_id("LeaveRequest", i) for i in leave]
        reviews = [r["id"] for r in await Review.select(Review.id).where(Review.employee_id == employee_id)]
        await Review.update({Review.comments: ""}).where(Review.employee_id == employee_id)
        changed += [encode_id("Review", i) for i in reviews]
        applicants = [r["id"] for r in await Applicant.select(Applicant.id).where(
            Applicant.employee_id == employee_id)]
        if applicants:
            await Applicant.update({Applicant.full_name: label, Applicant.email: "", Applicant.phone: ""}).where(
                Applicant.id.is_in(applicants))
            notes = [r["id"] for r in await ApplicantNote.select(ApplicantNote.id).where(
                ApplicantNote.applicant_id.is_in(applicants))]
            await ApplicantNote.delete().where(ApplicantNote.applicant_id.is_in(applicants))
            changed += [encode_id("ApplicantNote", i) for i in notes]
        changed += [encode_id("Applicant", i) for i in applicants]
    if user_id is not None:
        requests = [r["id"] for r in await HrRequest.select(HrRequest.id).where(
            HrRequest.requester_user_id == user_id)]
        await HrRequest.update({HrRequest.subject: label, HrRequest.details: "", HrRequest.answer: ""}).where(
            HrRequest.requester_user_id == user_id)
        changed += [encode_id("HrRequest", i) for i in requests]
    return changed
