"""GraphQL of leave: types, balances, requests, approval and cancellation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import strawberry

from backoffice import sdk

from ..people.graphql import Employee, load_employees
from ..people.services import employee_of_user
from . import services
from .tables import LeaveRequest as RequestTable
from .tables import LeaveType as TypeTable


async def load_types(keys: list[int]) -> list[dict[str, Any] | None]:
    return await sdk.rows_by_id(TypeTable, keys)


@strawberry.type
class LeaveType:
    id: strawberry.ID
    code: str
    name: str
    yearly_entitlement: Decimal
    months_of_service: int
    allow_negative: bool
    tracks_balance: bool
    paid: bool
    active: bool

    @classmethod
    def of(cls, row: dict[str, Any]) -> LeaveType:
        name = row["name_id"] if sdk.get_locale() == "id" and row["name_id"] else row["name"]
        return cls(id=sdk.encode_id("LeaveType", row["id"]), code=row["code"], name=name,
                   yearly_entitlement=Decimal(row["yearly_entitlement"]),
                   months_of_service=row["months_of_service"], allow_negative=row["allow_negative"],
                   tracks_balance=row["tracks_balance"], paid=row["paid"], active=row["active"])


@strawberry.type
class LeaveBalance:
    leave_type: LeaveType
    year: int
    entitled: Decimal
    used: Decimal = strawberry.field(description="Days of pending and approved requests.")
    remaining: Decimal | None = strawberry.field(description="Null for types without a quota.")


@strawberry.type
class LeaveRequest:
    id: strawberry.ID
    start_date: date
    end_date: date
    days: Decimal
    reason: str
    status: str
    decision_note: str
    _row: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, row: dict[str, Any]) -> LeaveRequest:
        return cls(id=sdk.encode_id("LeaveRequest", row["id"]), start_date=row["start_date"],
                   end_date=row["end_date"], days=Decimal(row["days"]), reason=row["reason"],
                   status=row["status"], decision_note=row["decision_note"], _row=row)

    @strawberry.field
    async def employee(self, info: sdk.Info) -> Employee | None:
        row = await sdk.loader(info, load_employees).load(self._row["employee_id"])
        return Employee.of(row) if row else None

    @strawberry.field
    async def leave_type(self, info: sdk.Info) -> LeaveType | None:
        row = await sdk.loader(info, load_types).load(self._row["leave_type_id"])
        return LeaveType.of(row) if row else None


def _balance(b: dict[str, Any]) -> LeaveBalance:
    return LeaveBalance(leave_type=LeaveType.of(b["leave_type"]), year=b["year"],
                        entitled=b["entitled"], used=b["used"], remaining=b["remaining"])


@strawberry.input
class LeaveRequestFilter:
    status: str | None = None
    employee_id: strawberry.ID | None = None
    starts_after: date | None = None
    starts_before: date | None = None


def _where(f: LeaveRequestFilter | None) -> Any:
    clauses = []
    if f is not None:
        if f.status:
            clauses.append(RequestTable.status == f.status)
        if f.employee_id:
            clauses.append(RequestTable.employee_id == sdk.decode_id(f.employee_id, "Employee"))
        if f.starts_after:
            clauses.append(RequestTable.start_date >= f.starts_after)
        if f.starts_before:
            clauses.append(RequestTable.start_date <= f.starts_before)
    where = sdk.all_of(*clauses)
    return where


async def _my_employee(info: sdk.Info) -> dict[str, Any]:
    user_id = info.context.actor.user_id
    row = await employee_of_user(user_id) if user_id else None
    if row is None:
        raise sdk.NotFound(("You have no employee record in this company.",
                            "Anda tidak memiliki data karyawan di perusahaan ini."))
    return row


@strawberry.input
class RequestLeaveInput:
    leave_type_id: strawberry.ID
    start_date: date
    end_date: date
    reason: str = ""


@strawberry.input
class CreateLeaveRequestInput:
    employee_id: strawberry.ID
    leave_type_id: strawberry.ID
    start_date: date
    end_date: date
    reason: str = ""


@strawberry.input
class DecideLeaveInput:
    id: strawberry.ID
    note: str = ""


@strawberry.input
class RejectLeaveInput:
    id: strawberry.ID
    reason: str


@strawberry.input
class CancelLeaveInput:
    id: strawberry.ID


@strawberry.input
class SetLeaveBalanceInput:
    employee_id: strawberry.ID
    leave_type_id: strawberry.ID
    year: int
    entitled: Decimal


@strawberry.type
class LeaveRequestPayload(sdk.Payload):
    leave_request: LeaveRequest | None = None


@strawberry.type
class LeaveBalancePayload(sdk.Payload):
    balances: list[LeaveBalance] | None = None


async def _payload(pk: int) -> LeaveRequestPayload:
    return LeaveRequestPayload(leave_request=LeaveRequest.of(await services.get_request(pk)))


@strawberry.type
class LeaveQuery:
    @sdk.field(self_service=True, description="Leave types of the company.")
    async def leave_types(self, first: int | None = 50,
                          after: str | None = None) -> sdk.Connection[LeaveType]:
        return await sdk.paginate(TypeTable, node=LeaveType.of, first=first, after=after,
                                  where=TypeTable.active == True)  # noqa: E712

    @sdk.field("hr.leave.read", description="Everyone's leave requests.")
    async def leave_requests(self, first: int | None = 20, after: str | None = None,
                             filter: LeaveRequestFilter | None = None) -> sdk.Connection[LeaveRequest]:
        return await sdk.paginate(RequestTable, node=LeaveRequest.of, first=first, after=after,
                                  where=_where(filter), order_by=RequestTable.start_date,
                                  descending=True)

    @sdk.field("hr.leave.read")
    async def leave_balances(self, employee_id: strawberry.ID,
                             year: int | None = None) -> list[LeaveBalance]:
        rows = await services.balances(sdk.decode_id(employee_id, "Employee"),
                                       year or date.today().year)
        return [_balance(b) for b in rows]

    @sdk.field(self_service=True, description="Your own leave requests.")
    async def my_leave_requests(self, info: sdk.Info, first: int | None = 20,
                                after: str | None = None) -> sdk.Connection[LeaveRequest]:
        me = await _my_employee(info)
        return await sdk.paginate(RequestTable, node=LeaveRequest.of, first=first, after=after,
                                  where=RequestTable.employee_id == me["id"],
                                  order_by=RequestTable.start_date, descending=True)

    @sdk.field(self_service=True, description="Your own leave balances.")
    async def my_leave_balances(self, info: sdk.Info, year: int | None = None) -> list[LeaveBalance]:
        me = await _my_employee(info)
        return [_balance(b) for b in await services.balances(me["id"], year or date.today().year)]

    @sdk.field(self_service=True,
               description="Pending requests of the people you manage, waiting for you.")
    async def leave_requests_to_approve(self, info: sdk.Info, first: int | None = 20,
                                        after: str | None = None) -> sdk.Connection[LeaveRequest]:
        from ..people.tables import Employee as EmployeeTable

        me = await employee_of_user(info.context.actor.user_id) if info.context.actor.user_id else None
        reports = [] if me is None else [r["id"] for r in await EmployeeTable.select(
            EmployeeTable.id).where(EmployeeTable.manager_id == me["id"])]
        where = (RequestTable.status == "pending") & RequestTable.employee_id.is_in(reports or [0])
        return await sdk.paginate(RequestTable, node=LeaveRequest.of, first=first, after=after,
                                  where=where, order_by=RequestTable.start_date)


@strawberry.type
class LeaveMutation:
    @sdk.mutation(self_service=True, description="Ask for leave for yourself.")
    async def request_leave(self, info: sdk.Info, input: RequestLeaveInput) -> LeaveRequestPayload:
        me = await _my_employee(info)
        pk = await services.request_leave(
            employee_id=me["id"], leave_type_id=sdk.decode_id(input.leave_type_id, "LeaveType"),
            start=input.start_date, end=input.end_date, reason=input.reason,
            requested_by=info.context.actor.user_id)
        return await _payload(pk)

    @sdk.mutation("hr.leave.manage", description="Record leave for an employee.")
    async def create_leave_request(self, info: sdk.Info,
                                   input: CreateLeaveRequestInput) -> LeaveRequestPayload:
        pk = await services.request_leave(
            employee_id=sdk.decode_id(input.employee_id, "Employee"),
            leave_type_id=sdk.decode_id(input.leave_type_id, "LeaveType"),
            start=input.start_date, end=input.end_date, reason=input.reason,
            requested_by=info.context.actor.user_id)
        return await _payload(pk)

    @sdk.mutation(self_service=True,
                  description="Approve a request: the employee's manager, or HR with hr.leave.approve.")
    async def approve_leave_request(self, info: sdk.Info, input: DecideLeaveInput) -> LeaveRequestPayload:
        pk = sdk.decode_id(input.id, "LeaveRequest")
        await services.decide(pk, approve=True, user_id=info.context.actor.user_id,
                              can_approve_all=await sdk.has_permission(info, "hr.leave.approve"),
                              note=input.note)
        return await _payload(pk)

    @sdk.mutation(self_service=True, description="Reject a request, with the reason.")
    async def reject_leave_request(self, info: sdk.Info, input: RejectLeaveInput) -> LeaveRequestPayload:
        pk = sdk.decode_id(input.id, "LeaveRequest")
        await services.decide(pk, approve=False, user_id=info.context.actor.user_id,
                              can_approve_all=await sdk.has_permission(info, "hr.leave.approve"),
                              note=input.reason)
        return await _payload(pk)

    @sdk.mutation(self_service=True,
                  description="Cancel your own request (or anyone's, with hr.leave.manage).")
    async def cancel_leave_request(self, info: sdk.Info, input: CancelLeaveInput) -> LeaveRequestPayload:
        pk = sdk.decode_id(input.id, "LeaveRequest")
        await services.cancel(pk, user_id=info.context.actor.user_id,
                              can_manage=await sdk.has_permission(info, "hr.leave.manage"))
        return await _payload(pk)

    @sdk.mutation("hr.leave.manage", description="Set an employee's entitlement for a year.")
    async def set_leave_balance(self, input: SetLeaveBalanceInput) -> LeaveBalancePayload:
        employee_id = sdk.decode_id(input.employee_id, "Employee")
        await services.set_balance(employee_id, sdk.decode_id(input.leave_type_id, "LeaveType"),
                                   input.year, input.entitled)
        return LeaveBalancePayload(balances=[_balance(b) for b in await services.balances(
            employee_id, input.year)])


@strawberry.type
class LeaveExportQuery:
    @sdk.field("hr.leave.read", description="Leave requests as CSV or XLSX.")
    async def export_leave_requests(self, format: sdk.FileFormat = sdk.FileFormat.XLSX,
                                    filter: LeaveRequestFilter | None = None) -> sdk.ExportFile:
        from ..people.tables import Employee as EmployeeTable

        query = RequestTable.select().order_by(RequestTable.start_date)
        where = _where(filter)
        if where is not None:
            query = query.where(where)
        rows = await query
        people = {r["id"]: r for r in await EmployeeTable.select(
            EmployeeTable.id, EmployeeTable.employee_number, EmployeeTable.full_name)}
        types = {r["id"]: r["code"] for r in await TypeTable.select(TypeTable.id, TypeTable.code)}
        headers = ["employee_number", "full_name", "leave_type", "start_date", "end_date", "days",
                   "status", "reason"]
        data = [[people.get(r["employee_id"], {}).get("employee_number", ""),
                 people.get(r["employee_id"], {}).get("full_name", ""), types.get(r["leave_type_id"], ""),
                 r["start_date"], r["end_date"], r["days"], r["status"], r["reason"]] for r in rows]
        return sdk.export_file("leave-requests", headers, data, format)
