"""Stand-ins while someone is away: from ``starts_on`` to ``ends_on`` (both included) the
delegate sees and decides what waits for the delegator, and each decision records both. One
person has at most one stand-in on any day; standing in does not pass on (a delegate's own
stand-in does not see the delegator's records)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from backoffice.approvals.tables import ApprovalDelegation
from backoffice.errors import BadUserInput, Conflict, NotFound
from backoffice.identity.tables import Membership

MAX_DAYS = 366


def today() -> date:
    return datetime.now(UTC).date()


def is_active(row: dict[str, Any], on: date | None = None) -> bool:
    on = on or today()
    return row["cancelled_at"] is None and row["starts_on"] <= on <= row["ends_on"]


async def active_delegators(user_id: int) -> list[int]:
    """Who has ``user_id`` stand in for them today, in the order they asked."""
    on = today()
    rows = await ApprovalDelegation.select(ApprovalDelegation.from_user_id).where(
        (ApprovalDelegation.to_user_id == user_id) & ApprovalDelegation.cancelled_at.is_null()
        & (ApprovalDelegation.starts_on <= on) & (ApprovalDelegation.ends_on >= on)).order_by(
        ApprovalDelegation.id)
    seen: list[int] = []
    for r in rows:
        if r["from_user_id"] not in seen and r["from_user_id"] != user_id:
            seen.append(r["from_user_id"])
    return seen


async def delegate(from_user_id: int, to_user_id: int, starts_on: date, ends_on: date) -> int:
    if to_user_id == from_user_id or not await Membership.exists().where(
            (Membership.user_id == to_user_id) & (Membership.is_active == True)):  # noqa: E712
        raise BadUserInput(("Choose an active member of the company other than yourself.",
                            "Pilih anggota aktif perusahaan selain Anda sendiri."), field="toUserId")
    if ends_on < starts_on:
        raise BadUserInput(("The period ends before it starts.", "Periode berakhir sebelum dimulai."),
                           field="endsOn")
    if ends_on < today():
        raise BadUserInput(("The period is already over.", "Periode tersebut sudah lewat."),
                           field="endsOn")
    if ends_on - starts_on > timedelta(days=MAX_DAYS):
        raise BadUserInput((f"A period lasts at most {MAX_DAYS} days.",
                            f"Periode paling lama {MAX_DAYS} hari."), field="endsOn")
    overlapping = await ApprovalDelegation.exists().where(
        (ApprovalDelegation.from_user_id == from_user_id) & ApprovalDelegation.cancelled_at.is_null()
        & (ApprovalDelegation.starts_on <= ends_on) & (ApprovalDelegation.ends_on >= starts_on))
    if overlapping:
        raise Conflict(("You already have someone standing in for you in that period.",
                        "Anda sudah memiliki pengganti pada periode tersebut."), field="startsOn")
    rows = await ApprovalDelegation.insert(ApprovalDelegation(
        from_user_id=from_user_id, to_user_id=to_user_id, starts_on=starts_on, ends_on=ends_on,
    )).returning(ApprovalDelegation.id)
    return rows[0]["id"]


async def get(pk: int) -> dict[str, Any]:
    row = await ApprovalDelegation.select().where(ApprovalDelegation.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def cancel(pk: int, user_id: int) -> None:
    """The delegator calls off a stand-in (one of someone else's reads as NOT_FOUND)."""
    row = await ApprovalDelegation.select().where(ApprovalDelegation.id == pk).first()
    if row is None or row["from_user_id"] != user_id:
        raise NotFound()
    if row["cancelled_at"] is not None:
        raise Conflict(("This stand-in was already cancelled.", "Pengganti ini sudah dibatalkan."),
                       field="id")
    await ApprovalDelegation.update({ApprovalDelegation.cancelled_at: datetime.now(UTC)}).where(
        ApprovalDelegation.id == pk)


def mine(user_id: int | None) -> Any:
    me = user_id or 0
    return (ApprovalDelegation.from_user_id == me) | (ApprovalDelegation.to_user_id == me)
