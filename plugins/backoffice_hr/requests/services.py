"""Requests to HR: an employee asks for an employment letter or asks a question; HR staff
answer and mark it done. A request made twice from the same source is made once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, NotFound, current_tenant_id

from .tables import HrRequest

KINDS = ("employment_letter", "question")


def number(n: int) -> str:
    return f"HRQ-{n:05d}"


async def get(pk: int) -> dict[str, Any]:
    row = await HrRequest.select().where(HrRequest.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def _next_number() -> int:
    if HrRequest._meta.db.engine_type == "postgres":
        await HrRequest.raw("SELECT pg_advisory_xact_lock(hashtext('hr_requests'), {})", current_tenant_id())
    last = await HrRequest.select(HrRequest.number).order_by(HrRequest.number, ascending=False).first()
    return (last["number"] + 1) if last else 1


async def create(*, kind: str, subject: str, details: str, requester: int, source_key: str | None = None) -> int:
    if source_key:
        existing = await HrRequest.select(HrRequest.id).where(HrRequest.source_key == source_key).first()
        if existing:
            return existing["id"]
    if kind not in KINDS:
        raise BadUserInput(("Choose a kind: employment_letter or question.",
                            "Pilih jenis: employment_letter atau question."), field="kind")
    if not subject.strip():
        raise BadUserInput(("Say what the request is about.", "Sebutkan perihal permintaan."), field="subject")
    result = await HrRequest.insert(HrRequest(number=await _next_number(), kind=kind, subject=subject.strip()[:200],
                                              details=details or "", requester_user_id=requester,
                                              source_key=source_key)).returning(HrRequest.id)
    return result[0]["id"]


async def complete(pk: int, *, answer: str, user_id: int | None) -> None:
    """HR answers the request (the letter is ready, the question answered) and closes it."""
    row = await get(pk)
    if row["status"] != "open":
        raise Conflict(("This request is done already.", "Permintaan ini sudah selesai."), field="id")
    if not answer.strip():
        raise BadUserInput(("Write the answer the employee will read.", "Tulis jawaban yang akan dibaca karyawan."),
                           field="answer")
    await HrRequest.update({HrRequest.status: "done", HrRequest.answer: answer.strip(), HrRequest.handled_by: user_id,
                            HrRequest.done_at: datetime.now(UTC)}).where(HrRequest.id == pk)
