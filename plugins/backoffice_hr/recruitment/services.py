"""Recruitment rules: the pipeline's stages, and hiring, which creates the employee and tells
the other departments (``hr.employee_hired``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, NotFound, encode_id, publish

from ..people import services as people
from .tables import Applicant, ApplicantNote, JobOpening

STAGES = ("applied", "screening", "interview", "offer", "hired", "rejected")
OPENING_STATUSES = ("open", "on_hold", "closed")


async def get_opening(pk: int) -> dict[str, Any]:
    row = await JobOpening.select().where(JobOpening.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def get_applicant(pk: int) -> dict[str, Any]:
    row = await Applicant.select().where(Applicant.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def save_opening(pk: int | None, data: dict[str, Any]) -> int:
    values: dict[Any, Any] = {}
    if pk is None or "title" in data:
        title = (data.get("title") or "").strip()
        if not title:
            raise BadUserInput(("Enter the opening's title.", "Masukkan judul lowongan."), field="title")
        values[JobOpening.title] = title[:200]
    if "headcount" in data and data["headcount"] is not None:
        if data["headcount"] < 1:
            raise BadUserInput(("Hire at least one person.", "Minimal satu orang."), field="headcount")
        values[JobOpening.headcount] = data["headcount"]
    if "status" in data and data["status"] is not None:
        if data["status"] not in OPENING_STATUSES:
            raise BadUserInput((f"Choose one of: {', '.join(OPENING_STATUSES)}.",
                                f"Pilih salah satu: {', '.join(OPENING_STATUSES)}."), field="status")
        values[JobOpening.status] = data["status"]
    if "description" in data and data["description"] is not None:
        values[JobOpening.description] = data["description"]
    if "department_id" in data:
        if data["department_id"] is not None:
            await people.get_department(data["department_id"])
        values[JobOpening.department_id] = data["department_id"]
    if "position_id" in data:
        if data["position_id"] is not None:
            await people.get_position(data["position_id"])
        values[JobOpening.position_id] = data["position_id"]
    if pk is None:
        result = await JobOpening.insert(JobOpening(**{c._meta.name: v for c, v in values.items()}))
        return result[0]["id"]
    await get_opening(pk)
    if values:
        await JobOpening.update(values).where(JobOpening.id == pk)
    return pk


async def add_applicant(opening_id: int, *, full_name: str, email: str, phone: str,
                        source: str) -> int:
    opening = await get_opening(opening_id)
    if opening["status"] != "open":
        raise Conflict(("This opening is not taking applicants.",
                        "Lowongan ini tidak menerima pelamar."), field="openingId")
    if not full_name.strip():
        raise BadUserInput(("Enter the applicant's name.", "Masukkan nama pelamar."), field="fullName")
    result = await Applicant.insert(Applicant(opening_id=opening_id, full_name=full_name.strip()[:200],
                                              email=(email or "").strip(), phone=(phone or "").strip(),
                                              source=(source or "").strip()[:64]))
    return result[0]["id"]


async def move(pk: int, stage: str) -> None:
    applicant = await get_applicant(pk)
    if stage not in STAGES or stage == "hired":
        raise BadUserInput(("Hire through hireApplicant; other stages: "
                            + ", ".join(s for s in STAGES if s != "hired") + ".",
                            "Gunakan hireApplicant untuk merekrut; tahap lain: "
                            + ", ".join(s for s in STAGES if s != "hired") + "."), field="stage")
    if applicant["stage"] in ("hired",):
        raise Conflict(("This applicant has been hired.", "Pelamar ini sudah direkrut."))
    await Applicant.update({Applicant.stage: stage}).where(Applicant.id == pk)


async def add_note(pk: int, body: str, author_user_id: int | None) -> None:
    await get_applicant(pk)
    if not body.strip():
        raise BadUserInput(("The note is empty.", "Catatan kosong."), field="body")
    await ApplicantNote.insert(ApplicantNote(applicant_id=pk, body=body.strip(),
                                             author_user_id=author_user_id))


async def hire(pk: int, *, start_date: date, employment_type: str,
               work_email: str | None) -> int:
    """Hire an applicant: the employee is created and ``hr.employee_hired`` published in the
    same transaction. Returns the new employee's key."""
    applicant = await get_applicant(pk)
    if applicant["stage"] == "hired":
        raise Conflict(("This applicant has been hired already.", "Pelamar ini sudah direkrut."))
    if applicant["stage"] == "rejected":
        raise Conflict(("This applicant was rejected.", "Pelamar ini sudah ditolak."))
    opening = await get_opening(applicant["opening_id"])
    employee_id = await people.save_employee(None, {
        "full_name": applicant["full_name"], "start_date": start_date,
        "employment_type": employment_type, "work_email": work_email or applicant["email"],
        "phone": applicant["phone"], "department_id": opening["department_id"],
        "position_id": opening["position_id"],
    })
    await Applicant.update({Applicant.stage: "hired", Applicant.employee_id: employee_id}).where(
        Applicant.id == pk)
    hired = await Applicant.count().where((Applicant.opening_id == opening["id"])
                                          & (Applicant.stage == "hired"))
    if hired >= opening["headcount"]:
        await JobOpening.update({JobOpening.status: "closed"}).where(JobOpening.id == opening["id"])
    employee = await people.get_employee(employee_id)
    await publish("hr.employee_hired", {
        "employee_id": encode_id("Employee", employee_id),
        "employee_number": employee["employee_number"],
        "full_name": employee["full_name"],
        "work_email": employee["work_email"],
        "department_id": encode_id("Department", opening["department_id"]) if opening["department_id"] else None,
        "position_id": encode_id("Position", opening["position_id"]) if opening["position_id"] else None,
        "start_date": start_date.isoformat(),
        "employment_type": employment_type,
    })
    return employee_id
