"""Training rules: capacity, no double enrolment, completion, certificate expiry reminders."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, NotFound, encode_id, publish

from ..people.services import get_employee
from .tables import Certificate, Enrolment, TrainingProgramme, TrainingSession

REMIND_DAYS = 30


async def _get(table: Any, pk: int) -> dict[str, Any]:
    row = await table.select().where(table.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def create_programme(title: str, description: str, provider: str) -> int:
    if not title.strip():
        raise BadUserInput(("Enter the programme's title.", "Masukkan judul program."), field="title")
    result = await TrainingProgramme.insert(TrainingProgramme(
        title=title.strip()[:200], description=description or "", provider=(provider or "")[:200]))
    return result[0]["id"]


async def create_session(programme_id: int, starts_on: date, ends_on: date, location: str,
                         capacity: int) -> int:
    await _get(TrainingProgramme, programme_id)
    if ends_on < starts_on:
        raise BadUserInput(("The session ends before it starts.", "Sesi berakhir sebelum dimulai."),
                           field="endsOn")
    if capacity < 1:
        raise BadUserInput(("Capacity must be at least 1.", "Kapasitas minimal 1."), field="capacity")
    result = await TrainingSession.insert(TrainingSession(
        programme_id=programme_id, starts_on=starts_on, ends_on=ends_on,
        location=(location or "")[:200], capacity=capacity))
    return result[0]["id"]


async def enrol(session_id: int, employee_id: int) -> int:
    session = await _get(TrainingSession, session_id)
    await get_employee(employee_id)
    if TrainingSession._meta.db.engine_type == "postgres":
        # Enrolments in one session queue behind each other, so capacity holds under load.
        await TrainingSession.select(TrainingSession.id).where(
            TrainingSession.id == session_id).lock_rows("NO KEY UPDATE")
    active = Enrolment.status != "cancelled"
    if await Enrolment.exists().where((Enrolment.session_id == session_id)
                                      & (Enrolment.employee_id == employee_id) & active):
        raise Conflict(("This employee is already enrolled.", "Karyawan ini sudah terdaftar."),
                       field="employeeId")
    taken = await Enrolment.count().where((Enrolment.session_id == session_id) & active)
    if taken >= session["capacity"]:
        raise Conflict(("This session is full.", "Sesi ini sudah penuh."), field="sessionId")
    result = await Enrolment.insert(Enrolment(session_id=session_id, employee_id=employee_id))
    return result[0]["id"]


async def complete(enrolment_id: int, completed_on: date, certificate: dict[str, Any] | None) -> None:
    enrolment = await _get(Enrolment, enrolment_id)
    if enrolment["status"] != "enrolled":
        raise Conflict(("Only an open enrolment can be completed.",
                        "Hanya pendaftaran aktif yang dapat diselesaikan."))
    await Enrolment.update({Enrolment.status: "completed", Enrolment.completed_on: completed_on}).where(
        Enrolment.id == enrolment_id)
    if certificate:
        await add_certificate(enrolment["employee_id"], certificate["name"], certificate.get("issuer", ""),
                              completed_on, certificate.get("expires_on"))


async def add_certificate(employee_id: int, name: str, issuer: str, issued_on: date,
                          expires_on: date | None) -> int:
    await get_employee(employee_id)
    if not name.strip():
        raise BadUserInput(("Enter the certificate's name.", "Masukkan nama sertifikat."), field="name")
    if expires_on and expires_on < issued_on:
        raise BadUserInput(("It expires before it was issued.", "Kedaluwarsa sebelum diterbitkan."),
                           field="expiresOn")
    result = await Certificate.insert(Certificate(employee_id=employee_id, name=name.strip()[:200],
                                                  issuer=(issuer or "")[:200], issued_on=issued_on,
                                                  expires_on=expires_on))
    return result[0]["id"]


async def remind_expiring(today: date | None = None) -> int:
    """Publish ``hr.certificate_expiring`` once for each certificate that expires within 30
    days. Returns how many were announced; running again the same day announces none."""
    today = today or date.today()
    due = await Certificate.select().where(
        Certificate.expires_on.is_not_null() & (Certificate.expires_on >= today)
        & (Certificate.expires_on <= today + timedelta(days=REMIND_DAYS))
        & Certificate.reminded_at.is_null())
    for cert in due:
        await publish("hr.certificate_expiring", {
            "certificate_id": encode_id("Certificate", cert["id"]),
            "employee_id": encode_id("Employee", cert["employee_id"]),
            "name": cert["name"], "expires_on": cert["expires_on"].isoformat()})
        await Certificate.update({Certificate.reminded_at: datetime.now(UTC)}).where(
            Certificate.id == cert["id"])
    return len(due)
