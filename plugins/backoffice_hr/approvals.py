"""What HR puts in the approvals inbox: leave requests and calculated payroll runs.

Deciding there does what the module's own mutations do: a leave request is approved or rejected
through the leave rules; a payroll run is approved (finance is told through
``hr.payroll_approved``) or sent back as ``rejected``, to be recalculated, which puts it back in
the inbox."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from backoffice.sdk import Approvable, ApprovalItem, Conflict, Text, decode_id, encode_id, get_locale

from .leave import services as leave
from .leave.tables import LeaveRequest, LeaveType
from .payroll import services as payroll
from .payroll.tables import PayrollRun
from .people.tables import Employee


def _by_id(rows: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    return {r["id"]: r for r in rows}


def _days(value: Any) -> str:
    text = format(Decimal(value).normalize(), "f")
    return text


async def pending_leave() -> list[ApprovalItem]:
    rows = await LeaveRequest.select().where(LeaveRequest.status == "pending").order_by(LeaveRequest.id)
    if not rows:
        return []
    employees = _by_id(await Employee.select(
        Employee.id, Employee.full_name, Employee.user_id, Employee.manager_id).where(
        Employee.id.is_in(list({r["employee_id"] for r in rows}))))
    manager_ids = list({e["manager_id"] for e in employees.values() if e["manager_id"]})
    managers = _by_id(await Employee.select(Employee.id, Employee.user_id).where(
        Employee.id.is_in(manager_ids))) if manager_ids else {}
    types = _by_id(await LeaveType.select(LeaveType.id, LeaveType.name, LeaveType.name_id).where(
        LeaveType.id.is_in(list({r["leave_type_id"] for r in rows}))))
    indonesian = get_locale() == "id"
    items = []
    for r in rows:
        employee = employees.get(r["employee_id"], {})
        manager = managers.get(employee.get("manager_id") or 0, {})
        kind = types.get(r["leave_type_id"], {})
        kind_name = (kind.get("name_id") if indonesian else None) or kind.get("name", "")
        days = _days(r["days"])
        span = f"{r['start_date'].isoformat()} – {r['end_date'].isoformat()}"
        title = (f"{employee.get('full_name', '')}: {kind_name}, {span} ({days} hari)" if indonesian
                 else f"{employee.get('full_name', '')}: {kind_name}, {span} ({days} days)")
        gid = encode_id("LeaveRequest", r["id"])
        items.append(ApprovalItem(
            id=gid, title=title, requester_user_id=employee.get("user_id") or r["requested_by"],
            submitted_at=r["created_at"], link=f"/hr/leave/{gid}",
            manager_user_id=manager.get("user_id")))
    return items


async def decide_leave(record_id: str, approve: bool, reason: str, decided_by: int) -> None:
    # The approvals inbox has applied the company's rules: the decider may decide any request
    # but their own, which the leave rules refuse anyway.
    await leave.decide(decode_id(record_id, "LeaveRequest"), approve=approve, user_id=decided_by,
                       can_approve_all=True, note=reason)


def _totals(row: dict[str, Any]) -> dict[str, Any]:
    totals = row["totals"]
    return (json.loads(totals) if isinstance(totals, str) else totals) or {}


async def pending_payroll() -> list[ApprovalItem]:
    rows = await PayrollRun.select().where(PayrollRun.status == "calculated").order_by(PayrollRun.id)
    items = []
    for r in rows:
        gid = encode_id("PayrollRun", r["id"])
        count = r["employee_count"]
        title = (f"Penggajian {r['period']}: {count} karyawan" if get_locale() == "id"
                 else f"Payroll {r['period']}: {count} employee{'' if count == 1 else 's'}")
        items.append(ApprovalItem(
            id=gid, title=title, requester_user_id=None, submitted_at=r["created_at"],
            amount=Decimal(_totals(r).get("gross", "0")), link=f"/hr/payroll/{gid}"))
    return items


async def decide_payroll(record_id: str, approve: bool, reason: str, decided_by: int) -> None:
    pk = decode_id(record_id, "PayrollRun")
    if approve:
        await payroll.approve(pk, decided_by)
        return
    run = await payroll.get_run(pk)
    if run["status"] != "calculated":
        raise Conflict(("Only a calculated payroll can be sent back.",
                        "Hanya penggajian yang sudah dihitung yang dapat dikembalikan."))
    # Sent back: recalculating it (recalculatePayrollRun) brings it to the inbox again.
    await PayrollRun.update({PayrollRun.status: "rejected"}).where(PayrollRun.id == pk)


APPROVABLES = [
    Approvable(kind="hr.leave_request", label=Text("Leave request", "Permintaan cuti"),
               permission="hr.leave.approve", pending=pending_leave, decide=decide_leave),
    Approvable(kind="hr.payroll_run", label=Text("Payroll run", "Penggajian"),
               permission="hr.payroll.approve", pending=pending_payroll, decide=decide_payroll),
]


async def managers_of(user_ids: list[int]) -> dict[int, int]:
    """The user of each user's manager, from the organisation chart (two queries)."""
    if not user_ids:
        return {}
    employees = await Employee.select(Employee.user_id, Employee.manager_id).where(
        Employee.user_id.is_in(list(user_ids)) & Employee.manager_id.is_not_null()
        & (Employee.status != "terminated"))
    manager_ids = list({e["manager_id"] for e in employees})
    managers = _by_id(await Employee.select(Employee.id, Employee.user_id).where(
        Employee.id.is_in(manager_ids or [0]) & Employee.user_id.is_not_null()))
    return {e["user_id"]: managers[e["manager_id"]]["user_id"] for e in employees
            if e["manager_id"] in managers}
