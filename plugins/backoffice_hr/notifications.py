"""What HR tells people (``sdk.notify``) and which of its records take comments.

A leave request waits for the employee's manager (the person linked to the manager's record),
or, without one, for whoever holds ``hr.leave.approve``; the employee hears of the decision."""

from __future__ import annotations

from typing import Any

from backoffice.sdk import Commentable, NotificationKind, Text, notify

from .leave.tables import LeaveRequest
from .people.tables import Employee
from .recruitment.tables import Applicant

KINDS = [
    NotificationKind("hr.leave_to_approve", Text("Leave waiting for my approval",
                                                 "Cuti menunggu persetujuan saya"), email_default=True),
    NotificationKind("hr.leave_decided", Text("My leave approved or rejected",
                                              "Cuti saya disetujui atau ditolak"), email_default=True),
]


def _exists(table: Any) -> Any:
    async def exists(pk: int) -> bool:
        return await table.exists().where(table.id == pk)

    return exists


COMMENTABLES = [
    Commentable("Employee", "hr.employee.read", _exists(Employee), link="/hr/employees/{id}"),
    Commentable("LeaveRequest", "hr.leave.read", _exists(LeaveRequest), link="/hr/leave"),
    Commentable("Applicant", "hr.recruitment.read", _exists(Applicant), link="/hr/recruitment"),
]


def _days(request: dict[str, Any]) -> str:
    start, end = request["start_date"], request["end_date"]
    return start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}"


async def leave_requested(request_id: int) -> None:
    """Tell the approver of a new leave request: the manager, else HR's approvers."""
    request = await LeaveRequest.select().where(LeaveRequest.id == request_id).first()
    employee = await Employee.select(Employee.full_name, Employee.user_id, Employee.manager_id).where(
        Employee.id == request["employee_id"]).first()
    manager = None
    if employee["manager_id"] is not None:
        manager = await Employee.select(Employee.user_id).where(Employee.id == employee["manager_id"]).first()
    manager_user = manager["user_id"] if manager else None
    name, days = employee["full_name"], _days(request)
    await notify("hr.leave_to_approve",
                 title=(f"{name} asks for leave ({days})", f"{name} mengajukan cuti ({days})"),
                 body=(request["reason"], request["reason"]) if request["reason"] else "",
                 link="/hr/leave", users=[manager_user] if manager_user else (),
                 permission=None if manager_user else "hr.leave.approve",
                 exclude=[employee["user_id"], request["requested_by"]])


async def leave_decided(request_id: int, decided_by: int | None) -> None:
    """Tell the employee that their leave was approved or rejected (not when they decided it)."""
    request = await LeaveRequest.select().where(LeaveRequest.id == request_id).first()
    employee = await Employee.select(Employee.user_id).where(Employee.id == request["employee_id"]).first()
    if employee is None or employee["user_id"] is None:
        return
    days = _days(request)
    if request["status"] == "approved":
        title = (f"Your leave ({days}) is approved", f"Cuti Anda ({days}) disetujui")
    else:
        title = (f"Your leave ({days}) is rejected", f"Cuti Anda ({days}) ditolak")
    note = request["decision_note"]
    await notify("hr.leave_decided", title=title, body=(note, note) if note else "",
                 link="/me/leave", users=[employee["user_id"]], exclude=[decided_by])
