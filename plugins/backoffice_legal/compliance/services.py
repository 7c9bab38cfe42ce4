"""Compliance rules: filings are generated for the coming periods; a pending filing past its
due date is overdue; permits and contract deadlines are announced once, ahead of time."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, NotFound, encode_id, publish

from .. import notifications
from .tables import Filing, Obligation, Permit

PERMIT_REMIND_DAYS = 60


def _due(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def periods_ahead(frequency: str, due_day: int, today: date, count: int = 3) -> list[tuple[str, date]]:
    """The next ``count`` periods whose filing is due today or later: (label, due date)."""
    out: list[tuple[str, date]] = []
    year, month = today.year, today.month
    if frequency == "monthly":
        y, m = (year, month - 1) if month > 1 else (year - 1, 12)
        while len(out) < count:
            ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
            due = _due(ny, nm, due_day)
            if due >= today:
                out.append((f"{y}-{m:02d}", due))
            y, m = ny, nm
    elif frequency == "quarterly":
        q, y = (month - 1) // 3, year
        q, y = (q - 1, y) if q > 0 else (3, y - 1)
        while len(out) < count:
            end_month = (q + 1) * 3
            ny, nm = (y + 1, 1) if end_month == 12 else (y, end_month + 1)
            due = _due(ny, nm, due_day)
            if due >= today:
                out.append((f"{y}-Q{q + 1}", due))
            q, y = (q + 1, y) if q < 3 else (0, y + 1)
    else:
        y = year - 1
        while len(out) < count:
            due = _due(y + 1, 3, due_day)  # yearly returns fall due in the first months (SPT by March)
            if due >= today:
                out.append((str(y), due))
            y += 1
    return out


async def add_obligation(name: str, authority: str, frequency: str, due_day: int) -> int:
    if frequency not in ("monthly", "quarterly", "yearly") or not name.strip() or not 1 <= due_day <= 31:
        raise BadUserInput(("Give a name, a frequency (monthly, quarterly, yearly) and a due day.",
                            "Beri nama, frekuensi, dan tanggal jatuh tempo."), field="frequency")
    result = await Obligation.insert(Obligation(name=name.strip()[:200], authority=authority, frequency=frequency,
                                                due_day=due_day))
    await generate(date.today())
    return result[0]["id"]


async def generate(today: date) -> int:
    """Create the filings due in the coming periods that do not exist yet."""
    created = 0
    for ob in await Obligation.select():
        existing = {r["period"] for r in await Filing.select(Filing.period).where(Filing.obligation_id == ob["id"])}
        for label, due in periods_ahead(ob["frequency"], ob["due_day"], today):
            if label not in existing:
                await Filing.insert(Filing(obligation_id=ob["id"], period=label, due_date=due))
                created += 1
    return created


async def mark_filed(pk: int, filed_on: date, evidence: str) -> None:
    row = await Filing.select().where(Filing.id == pk).first()
    if row is None:
        raise NotFound()
    if row["status"] == "filed":
        raise Conflict(("This filing is done already.", "Pelaporan ini sudah selesai."))
    await Filing.update({Filing.status: "filed", Filing.filed_on: filed_on, Filing.evidence: evidence}).where(Filing.id == pk)


async def remind_permits(today: date) -> int:
    count = 0
    for p in await Permit.select().where(Permit.expires_on.is_not_null() & (Permit.expires_on >= today)
                                         & (Permit.expires_on <= today + timedelta(days=PERMIT_REMIND_DAYS))):
        if p["reminded_for"] != p["expires_on"]:
            await publish("legal.deadline_due", {"kind": "permit_expiry", "id": encode_id("Permit", p["id"]),
                                                 "title": p["name"], "due": p["expires_on"].isoformat()})
            await Permit.update({Permit.reminded_for: p["expires_on"]}).where(Permit.id == p["id"])
            await notifications.permit_expiring(p)
            count += 1
    return count


def is_overdue(filing: dict[str, Any], today: date) -> bool:
    return filing["status"] == "pending" and filing["due_date"] < today
