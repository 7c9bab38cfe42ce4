"""Leave rules: working days, entitlements, balances, overlap, approval and cancellation."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, Forbidden, NotFound

from .. import notifications
from ..people.services import get_employee
from ..people.tables import Employee
from .tables import LeaveBalance, LeaveRequest, LeaveType

OPEN = ("pending", "approved")

DEFAULT_TYPES = [
    # code, English, Indonesian, days a year, months of service, allow negative, tracks, paid
    ("annual", "Annual leave", "Cuti tahunan", Decimal(12), 12, False, True, True),
    ("sick", "Sick leave", "Cuti sakit", Decimal(0), 0, True, False, True),
    ("marriage", "Own marriage", "Cuti menikah", Decimal(3), 0, False, True, True),
    ("maternity", "Maternity leave", "Cuti melahirkan", Decimal(65), 0, False, True, True),
    ("unpaid", "Unpaid leave", "Cuti di luar tanggungan", Decimal(0), 0, True, False, False),
]


async def seed_default_types() -> None:
    existing = {r["code"] for r in await LeaveType.select(LeaveType.code)}
    rows = [LeaveType(code=c, name=en, name_id=id_, yearly_entitlement=days, months_of_service=m,
                      allow_negative=neg, tracks_balance=tracks, paid=paid)
            for c, en, id_, days, m, neg, tracks, paid in DEFAULT_TYPES if c not in existing]
    if rows:
        await LeaveType.insert(*rows)


def working_days(start: date, end: date) -> Decimal:
    """Monday to Friday between the dates, both included (public holidays are not known)."""
    days = 0
    current = start
    while current <= end:
        if current.weekday() < 5:
            days += 1
        current += timedelta(days=1)
    return Decimal(days)


async def get_type(pk: int) -> dict[str, Any]:
    row = await LeaveType.select().where(LeaveType.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def get_request(pk: int) -> dict[str, Any]:
    row = await LeaveRequest.select().where(LeaveRequest.id == pk).first()
    if row is None:
        raise NotFound()
    return row


def _months_between(start: date, when: date) -> int:
    return (when.year - start.year) * 12 + (when.month - start.month) - (when.day < start.day)


async def entitlement(employee: dict[str, Any], leave_type: dict[str, Any], year: int) -> Decimal:
    override = await LeaveBalance.select(LeaveBalance.entitled).where(
        (LeaveBalance.employee_id == employee["id"]) & (LeaveBalance.leave_type_id == leave_type["id"])
        & (LeaveBalance.year == year)).first()
    if override is not None:
        return Decimal(override["entitled"])
    if _months_between(employee["start_date"], date(year, 12, 31)) < leave_type["months_of_service"]:
        return Decimal(0)
    return Decimal(leave_type["yearly_entitlement"])


async def used(employee_id: int, leave_type_id: int, year: int, *, exclude: int | None = None) -> Decimal:
    rows = await LeaveRequest.select(LeaveRequest.days, LeaveRequest.id).where(
        (LeaveRequest.employee_id == employee_id) & (LeaveRequest.leave_type_id == leave_type_id)
        & LeaveRequest.status.is_in(list(OPEN))
        & (LeaveRequest.start_date >= date(year, 1, 1)) & (LeaveRequest.start_date <= date(year, 12, 31)))
    return sum((Decimal(r["days"]) for r in rows if r["id"] != exclude), Decimal(0))


async def balances(employee_id: int, year: int) -> list[dict[str, Any]]:
    employee = await get_employee(employee_id)
    out = []
    for t in await LeaveType.select().where(LeaveType.active == True).order_by(LeaveType.id):  # noqa: E712
        entitled = await entitlement(employee, t, year) if t["tracks_balance"] else Decimal(0)
        taken = await used(employee_id, t["id"], year)
        out.append({"leave_type": t, "year": year, "entitled": entitled, "used": taken,
                    "remaining": entitled - taken if t["tracks_balance"] else None})
    return out


async def _lock_employee(employee_id: int) -> None:
    """Requests for one employee queue behind each other, so two can never overlap."""
    if Employee._meta.db.engine_type == "postgres":
        await Employee.select(Employee.id).where(Employee.id == employee_id).lock_rows("NO KEY UPDATE")


async def request_leave(*, employee_id: int, leave_type_id: int, start: date, end: date,
                        reason: str, requested_by: int | None) -> int:
    if end < start:
        raise BadUserInput(("The leave ends before it starts.", "Cuti berakhir sebelum dimulai."),
                           field="endDate")
    if start.year != end.year:
        raise BadUserInput(("Split leave that crosses the new year into two requests.",
                            "Pisahkan cuti yang melewati tahun baru menjadi dua permintaan."),
                           field="endDate")
    employee = await get_employee(employee_id)
    if employee["status"] == "terminated":
        raise Conflict(("This employee has left.", "Karyawan ini sudah keluar."))
    leave_type = await get_type(leave_type_id)
    if not leave_type["active"]:
        raise BadUserInput(("This leave type is no longer used.", "Jenis cuti ini tidak dipakai lagi."),
                           field="leaveTypeId")
    days = working_days(start, end)
    if days == 0:
        raise BadUserInput(("Those dates hold no working day.", "Tanggal tersebut tidak berisi hari kerja."),
                           field="startDate")
    await _lock_employee(employee_id)
    overlapping = await LeaveRequest.exists().where(
        (LeaveRequest.employee_id == employee_id) & LeaveRequest.status.is_in(list(OPEN))
        & (LeaveRequest.start_date <= end) & (LeaveRequest.end_date >= start))
    if overlapping:
        raise Conflict(("These dates overlap another leave request.",
                        "Tanggal ini bertabrakan dengan permintaan cuti lain."), field="startDate")
    if leave_type["tracks_balance"] and not leave_type["allow_negative"]:
        remaining = await entitlement(employee, leave_type, start.year) - await used(
            employee_id, leave_type_id, start.year)
        if days > remaining:
            raise BadUserInput((f"Only {remaining} days are left of this leave for {start.year}.",
                                f"Sisa cuti ini untuk {start.year} hanya {remaining} hari."),
                               field="endDate")
    result = await LeaveRequest.insert(LeaveRequest(
        employee_id=employee_id, leave_type_id=leave_type_id, start_date=start, end_date=end,
        days=days, reason=(reason or "").strip(), requested_by=requested_by))
    await notifications.leave_requested(result[0]["id"])
    return result[0]["id"]


async def may_decide(request: dict[str, Any], user_id: int | None, can_approve_all: bool) -> bool:
    employee = await get_employee(request["employee_id"])
    if user_id is not None and employee["user_id"] == user_id:
        return False  # nobody approves their own leave
    if can_approve_all:
        return True
    if employee["manager_id"] is None or user_id is None:
        return False
    manager = await Employee.select(Employee.user_id).where(Employee.id == employee["manager_id"]).first()
    return bool(manager and manager["user_id"] == user_id)


async def decide(pk: int, *, approve: bool, user_id: int | None, can_approve_all: bool,
                 note: str) -> None:
    request = await get_request(pk)
    if not await may_decide(request, user_id, can_approve_all):
        raise Forbidden()
    if request["status"] != "pending":
        raise Conflict(("This request has already been decided.",
                        "Permintaan ini sudah diputuskan."))
    if not approve and not (note or "").strip():
        raise BadUserInput(("Say why the request is rejected.", "Sebutkan alasan penolakan."),
                           field="reason")
    await LeaveRequest.update({
        LeaveRequest.status: "approved" if approve else "rejected",
        LeaveRequest.decided_by: user_id, LeaveRequest.decided_at: datetime.now(UTC),
        LeaveRequest.decision_note: (note or "").strip(),
    }).where(LeaveRequest.id == pk)
    await notifications.leave_decided(pk, user_id)


async def cancel(pk: int, *, user_id: int | None, can_manage: bool) -> None:
    request = await get_request(pk)
    employee = await get_employee(request["employee_id"])
    own = user_id is not None and employee["user_id"] == user_id
    if not (own or can_manage):
        raise Forbidden()
    if request["status"] not in OPEN:
        raise Conflict(("Only pending or approved leave can be cancelled.",
                        "Hanya cuti yang menunggu atau disetujui yang dapat dibatalkan."))
    if own and not can_manage and request["status"] == "approved" and request["start_date"] <= date.today():
        raise Conflict(("Leave that has started can only be cancelled by HR.",
                        "Cuti yang sudah berjalan hanya dapat dibatalkan oleh SDM."))
    # The balance is the entitlement less open requests, so cancelling gives the days back.
    await LeaveRequest.update({LeaveRequest.status: "cancelled"}).where(LeaveRequest.id == pk)


async def set_balance(employee_id: int, leave_type_id: int, year: int, entitled: Decimal) -> None:
    await get_employee(employee_id)
    await get_type(leave_type_id)
    if entitled < 0:
        raise BadUserInput(("An entitlement cannot be negative.", "Hak cuti tidak boleh negatif."),
                           field="entitled")
    where = ((LeaveBalance.employee_id == employee_id) & (LeaveBalance.leave_type_id == leave_type_id)
             & (LeaveBalance.year == year))
    if await LeaveBalance.exists().where(where):
        await LeaveBalance.update({LeaveBalance.entitled: entitled}).where(where)
    else:
        await LeaveBalance.insert(LeaveBalance(employee_id=employee_id, leave_type_id=leave_type_id,
                                               year=year, entitled=entitled))
