"""GraphQL of payroll: salary structures, runs with their progress, payslips, approval."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry
from strawberry.scalars import JSON

from backoffice import sdk

from ..people.graphql import Employee, load_employees
from ..people.services import employee_of_user
from . import services
from .tables import PayrollRun as RunTable
from .tables import Payslip as PayslipTable

READ = "hr.payroll.read"


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


@strawberry.type
class SalaryStructure:
    base_salary: Decimal
    fixed_allowances: Decimal
    other_deductions: Decimal
    jkk_class: int


@strawberry.type
class PayslipLine:
    code: str
    amount: Decimal


@strawberry.type(description="One employee's pay for one month, in whole rupiah (IDR).")
class Payslip:
    id: strawberry.ID
    period: str
    base_salary: Decimal
    fixed_allowances: Decimal
    irregular: Decimal = strawberry.field(description="THR and other irregular pay.")
    other_deductions: Decimal
    gross_for_tax: Decimal = strawberry.field(
        description="Gross income for PPh 21, with JKK, JKM and BPJS Kesehatan paid by the employer.")
    pph21: Decimal
    bpjs_employee: Decimal
    bpjs_employer: Decimal
    net_pay: Decimal
    ter_category: str
    ptkp_status: str
    last_period: bool = strawberry.field(
        description="December or the month of leaving: PPh 21 recalculated for the year.")
    _row: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, r: dict[str, Any]) -> Payslip:
        return cls(id=sdk.encode_id("Payslip", r["id"]), period=r["period"],
                   base_salary=Decimal(r["base_salary"]), fixed_allowances=Decimal(r["fixed_allowances"]),
                   irregular=Decimal(r["irregular"]), other_deductions=Decimal(r["other_deductions"]),
                   gross_for_tax=Decimal(r["gross_for_tax"]), pph21=Decimal(r["pph21"]),
                   bpjs_employee=Decimal(r["bpjs_employee"]), bpjs_employer=Decimal(r["bpjs_employer"]),
                   net_pay=Decimal(r["net_pay"]), ter_category=r["ter_category"],
                   ptkp_status=r["ptkp_status"], last_period=bool(r["last_period"]), _row=r)

    @strawberry.field
    def lines(self) -> list[PayslipLine]:
        details = _json(self._row["details"]) or {}
        return [PayslipLine(code=k, amount=Decimal(v)) for k, v in details.get("lines", [])]

    @strawberry.field(description="Employer and employee BPJS shares, line by line.")
    def contributions(self) -> JSON:
        return (_json(self._row["details"]) or {}).get("contributions", {})

    @strawberry.field
    async def employee(self, info: sdk.Info) -> Employee | None:
        row = await sdk.loader(info, load_employees).load(self._row["employee_id"])
        return Employee.of(row) if row else None

    @strawberry.field(description="The payslip as a PDF document, base64-encoded.")
    async def pdf_base64(self, info: sdk.Info) -> str:
        from .pdf import render_base64

        row = await sdk.loader(info, load_employees).load(self._row["employee_id"])
        return render_base64(self._row, row or {}, sdk.get_locale())


@strawberry.type
class PayrollTotals:
    gross: Decimal
    net_pay: Decimal
    pph21: Decimal
    bpjs_employee: Decimal
    bpjs_employer: Decimal
    thr: Decimal


@strawberry.type
class PayrollRun:
    id: strawberry.ID
    period: str
    status: str
    employee_count: int
    thr_holiday: date | None
    approved_at: datetime | None
    created_at: datetime
    job_id: strawberry.ID | None = strawberry.field(description="Follow its progress with job(id).")
    _row: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, r: dict[str, Any]) -> PayrollRun:
        return cls(id=sdk.encode_id("PayrollRun", r["id"]), period=r["period"], status=r["status"],
                   employee_count=r["employee_count"], thr_holiday=r["thr_holiday"],
                   approved_at=r["approved_at"], created_at=r["created_at"],
                   job_id=sdk.encode_id("Job", r["job_id"]) if r["job_id"] else None, _row=r)

    @strawberry.field
    def totals(self) -> PayrollTotals | None:
        t = _json(self._row["totals"]) or {}
        if not t:
            return None
        return PayrollTotals(**{k: Decimal(t.get(k, "0")) for k in
                                ("gross", "net_pay", "pph21", "bpjs_employee", "bpjs_employer", "thr")})

    @strawberry.field
    async def payslips(self, first: int | None = 50, after: str | None = None) -> sdk.Connection[Payslip]:
        return await sdk.paginate(PayslipTable, node=Payslip.of, first=first, after=after,
                                  where=PayslipTable.run_id == self._row["id"])


@strawberry.input
class SalaryStructureInput:
    employee_id: strawberry.ID
    base_salary: Decimal
    fixed_allowances: Decimal = Decimal(0)
    other_deductions: Decimal = Decimal(0)
    jkk_class: int = 1


@strawberry.input
class PayrollRunInput:
    period: str = strawberry.field(description="The month, as YYYY-MM.")
    thr_holiday: date | None = strawberry.field(
        default=None, description="Pay THR in this run, for the religious holiday on this date.")


@strawberry.input
class PayrollRunIdInput:
    id: strawberry.ID


@strawberry.type
class SalaryStructurePayload(sdk.Payload):
    salary_structure: SalaryStructure | None = None


@strawberry.type
class PayrollRunPayload(sdk.Payload):
    payroll_run: PayrollRun | None = None


def _structure(row: dict[str, Any] | None) -> SalaryStructure | None:
    if row is None:
        return None
    return SalaryStructure(base_salary=Decimal(row["base_salary"]),
                           fixed_allowances=Decimal(row["fixed_allowances"]),
                           other_deductions=Decimal(row["other_deductions"]), jkk_class=row["jkk_class"])


async def _run(pk: int) -> PayrollRunPayload:
    return PayrollRunPayload(payroll_run=PayrollRun.of(await services.get_run(pk)))


@strawberry.type
class PayrollQuery:
    @sdk.field(READ, description="An employee's salary structure.")
    async def salary_structure(self, employee_id: strawberry.ID) -> SalaryStructure | None:
        from ..people.services import get_employee

        pk = sdk.decode_id(employee_id, "Employee")
        await get_employee(pk)  # another company's employee is not found, not "no salary"
        return _structure(await services.get_structure(pk))

    @sdk.field(READ)
    async def payroll_runs(self, first: int | None = 12,
                           after: str | None = None) -> sdk.Connection[PayrollRun]:
        return await sdk.paginate(RunTable, node=PayrollRun.of, first=first, after=after,
                                  order_by=RunTable.period, descending=True)

    @sdk.field(READ)
    async def payroll_run(self, id: strawberry.ID) -> PayrollRun:
        return PayrollRun.of(await services.get_run(sdk.decode_id(id, "PayrollRun")))

    @sdk.field(self_service=True, description="Your own payslips of approved payrolls.")
    async def my_payslips(self, info: sdk.Info, first: int | None = 12,
                          after: str | None = None) -> sdk.Connection[Payslip]:
        user_id = info.context.actor.user_id
        me = await employee_of_user(user_id) if user_id else None
        approved = [r["id"] for r in await RunTable.select(RunTable.id).where(RunTable.status == "approved")]
        where = (PayslipTable.employee_id == (me["id"] if me else 0)) & PayslipTable.run_id.is_in(approved or [0])
        return await sdk.paginate(PayslipTable, node=Payslip.of, first=first, after=after, where=where,
                                  order_by=PayslipTable.period, descending=True)


@strawberry.type
class PayrollMutation:
    @sdk.mutation("hr.payroll.manage")
    async def set_salary_structure(self, input: SalaryStructureInput) -> SalaryStructurePayload:
        employee_id = sdk.decode_id(input.employee_id, "Employee")
        await services.set_structure(employee_id, base_salary=input.base_salary,
                                     fixed_allowances=input.fixed_allowances,
                                     other_deductions=input.other_deductions, jkk_class=input.jkk_class)
        return SalaryStructurePayload(salary_structure=_structure(await services.get_structure(employee_id)))

    @sdk.mutation("hr.payroll.manage",
                  description="Start the payroll of a month: a background job computes the payslips.")
    async def create_payroll_run(self, input: PayrollRunInput) -> PayrollRunPayload:
        return await _run(await services.create_run(input.period, input.thr_holiday))

    @sdk.mutation("hr.payroll.manage", description="Compute a run again (until it is approved).")
    async def recalculate_payroll_run(self, input: PayrollRunIdInput) -> PayrollRunPayload:
        pk = sdk.decode_id(input.id, "PayrollRun")
        await services.recalculate(pk)
        return await _run(pk)

    @sdk.mutation("hr.payroll.approve",
                  description="Approve a calculated run; finance is told (hr.payroll_approved).")
    async def approve_payroll_run(self, info: sdk.Info, input: PayrollRunIdInput) -> PayrollRunPayload:
        pk = sdk.decode_id(input.id, "PayrollRun")
        await services.approve(pk, info.context.actor.user_id)
        return await _run(pk)


@strawberry.type
class PayrollExportQuery:
    @sdk.field(READ, description="A run's payslips as CSV or XLSX, one row per employee (for the bank "
                                 "transfer and the tax report).")
    async def export_payslips(self, run_id: strawberry.ID,
                              format: sdk.FileFormat = sdk.FileFormat.XLSX) -> sdk.ExportFile:
        from ..people.tables import Employee as EmployeeTable

        run = await services.get_run(sdk.decode_id(run_id, "PayrollRun"))
        slips = await PayslipTable.select().where(PayslipTable.run_id == run["id"]).order_by(PayslipTable.employee_id)
        people = {r["id"]: r for r in await EmployeeTable.select(
            EmployeeTable.id, EmployeeTable.employee_number, EmployeeTable.full_name, EmployeeTable.tax_id,
            EmployeeTable.bank_name, EmployeeTable.bank_account)}
        headers = ["employee_number", "full_name", "npwp", "bank_name", "bank_account", "ptkp_status",
                   "ter_category", "base_salary", "fixed_allowances", "irregular", "gross_for_tax", "pph21",
                   "bpjs_employee", "bpjs_employer", "net_pay"]
        data = []
        for s in slips:
            p = people.get(s["employee_id"], {})
            data.append([p.get("employee_number", ""), p.get("full_name", ""), p.get("tax_id", ""),
                         p.get("bank_name", ""), p.get("bank_account", ""), s["ptkp_status"], s["ter_category"],
                         s["base_salary"], s["fixed_allowances"], s["irregular"], s["gross_for_tax"], s["pph21"],
                         s["bpjs_employee"], s["bpjs_employer"], s["net_pay"]])
        return sdk.export_file(f"payroll-{run['period']}", headers, data, format)
