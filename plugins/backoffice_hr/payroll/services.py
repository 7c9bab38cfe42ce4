"""Payroll runs: salary structures, the monthly run (a background job), approval.

A run for a month computes one payslip per employee active in that month who has a salary
structure. Running it again recomputes the same payslips in place (idempotent) until the run
is approved; approving publishes ``hr.payroll_approved`` with the totals finance posts.
"""

from __future__ import annotations

import calendar
import json
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, NotFound, encode_id, enqueue, publish, transaction

from ..people.services import get_employee
from ..people.tables import Employee
from . import calc
from .tables import PayrollRun, Payslip, SalaryStructure

PERIOD_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
ZERO = Decimal(0)


def period_bounds(period: str) -> tuple[date, date]:
    match = PERIOD_RE.match(period or "")
    if not match:
        raise BadUserInput(("Give the month as YYYY-MM, for example 2026-06.",
                            "Tulis bulan sebagai YYYY-MM, misalnya 2026-06."), field="period")
    year, month = int(match.group(1)), int(match.group(2))
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _money(value: Decimal | None, field: str) -> Decimal:
    value = Decimal(value or 0)
    if value < 0 or value != value.to_integral_value():
        raise BadUserInput(("Amounts are whole rupiah, not negative.",
                            "Jumlah dalam rupiah bulat, tidak negatif."), field=field)
    return value


async def get_structure(employee_id: int) -> dict[str, Any] | None:
    return await SalaryStructure.select().where(SalaryStructure.employee_id == employee_id).first()


async def set_structure(employee_id: int, *, base_salary: Decimal, fixed_allowances: Decimal,
                        other_deductions: Decimal, jkk_class: int) -> None:
    await get_employee(employee_id)
    if jkk_class not in calc.rules.JKK_RATES:
        raise BadUserInput(("The JKK risk class is 1 to 5.", "Kelas risiko JKK adalah 1 sampai 5."),
                           field="jkkClass")
    values = {SalaryStructure.base_salary: _money(base_salary, "baseSalary"),
              SalaryStructure.fixed_allowances: _money(fixed_allowances, "fixedAllowances"),
              SalaryStructure.other_deductions: _money(other_deductions, "otherDeductions"),
              SalaryStructure.jkk_class: jkk_class,
              SalaryStructure.updated_at: datetime.now(UTC)}
    if await get_structure(employee_id):
        await SalaryStructure.update(values).where(SalaryStructure.employee_id == employee_id)
    else:
        await SalaryStructure.insert(SalaryStructure(
            employee_id=employee_id, **{c._meta.name: v for c, v in values.items()}))


async def get_run(pk: int) -> dict[str, Any]:
    row = await PayrollRun.select().where(PayrollRun.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def create_run(period: str, thr_holiday: date | None) -> int:
    period_bounds(period)
    if await PayrollRun.exists().where(PayrollRun.period == period):
        raise Conflict((f"There is already a payroll run for {period}.",
                        f"Penggajian untuk {period} sudah ada."), field="period")
    result = await PayrollRun.insert(PayrollRun(period=period, thr_holiday=thr_holiday))
    pk = result[0]["id"]
    await _enqueue(pk)
    return pk


async def _enqueue(pk: int) -> None:
    from .jobs import run_payroll

    job_id = await enqueue(run_payroll, run_id=pk)
    await PayrollRun.update({PayrollRun.status: "queued", PayrollRun.job_id: job_id}).where(
        PayrollRun.id == pk)


async def recalculate(pk: int) -> None:
    run = await get_run(pk)
    if run["status"] == "approved":
        raise Conflict(("An approved payroll cannot be recalculated.",
                        "Penggajian yang sudah disetujui tidak dapat dihitung ulang."))
    await _enqueue(pk)


async def _year_to_date(employee_ids: list[int], period: str) -> dict[int, calc.YearToDate]:
    year = period[:4]
    runs = await PayrollRun.select(PayrollRun.id).where(
        PayrollRun.period.like(f"{year}-%") & (PayrollRun.period < period)
        & PayrollRun.status.is_in(["calculated", "approved"]))
    ytd = {e: calc.YearToDate() for e in employee_ids}
    if not runs or not employee_ids:
        return ytd
    rows = await Payslip.select(Payslip.employee_id, Payslip.gross_for_tax, Payslip.pph21,
                                Payslip.employee_pension).where(
        Payslip.run_id.is_in([r["id"] for r in runs]) & Payslip.employee_id.is_in(employee_ids))
    for r in rows:
        y = ytd[r["employee_id"]]
        y.gross += Decimal(r["gross_for_tax"])
        y.withheld += Decimal(r["pph21"])
        y.employee_pension += Decimal(r["employee_pension"])
        y.months += 1
    return ytd


async def calculate(run_id: int, progress: Any) -> dict[str, Any]:
    """Compute every payslip of the run. Safe to run again: the payslips are replaced."""
    run = await get_run(run_id)
    if run["status"] == "approved":
        return {"skipped": "approved"}
    first, last = period_bounds(run["period"])
    employees = await Employee.select().where(
        (Employee.start_date <= last) & (Employee.end_date.is_null() | (Employee.end_date >= first))
    ).order_by(Employee.id)
    structures = {s["employee_id"]: s for s in await SalaryStructure.select().where(
        SalaryStructure.employee_id.is_in([e["id"] for e in employees] or [0]))}
    employees = [e for e in employees if e["id"] in structures]
    ytd = await _year_to_date([e["id"] for e in employees], run["period"])
    thr_holiday = run["thr_holiday"]
    slips: list[Payslip] = []
    totals = {k: ZERO for k in ("gross", "net_pay", "pph21", "bpjs_employee", "bpjs_employer",
                                "thr", "jht_employer", "jp_employer", "jkk_employer",
                                "jkm_employer", "health_employer")}
    for i, e in enumerate(employees):
        s = structures[e["id"]]
        base, allowances = Decimal(s["base_salary"]), Decimal(s["fixed_allowances"])
        thr = calc.thr(base + allowances, e["start_date"], thr_holiday) if thr_holiday else ZERO
        last_period = first.month == 12 or (e["end_date"] is not None and e["end_date"] <= last)
        slip = calc.payslip(base_salary=base, fixed_allowances=allowances,
                            other_deductions=Decimal(s["other_deductions"]), irregular=thr,
                            ptkp_status=e["ptkp_status"], period=last, ytd=ytd[e["id"]],
                            last_period=last_period, jkk_class=s["jkk_class"])
        c = slip.contributions
        slips.append(Payslip(
            run_id=run_id, employee_id=e["id"], period=run["period"], base_salary=base,
            fixed_allowances=allowances, irregular=thr, other_deductions=slip.deductions,
            gross_for_tax=slip.gross_for_tax, pph21=slip.pph21, bpjs_employee=c.employee_total,
            bpjs_employer=c.employer_total, employee_pension=c.jht_employee + c.jp_employee,
            net_pay=slip.net_pay, ter_category=slip.ter_category, ptkp_status=e["ptkp_status"],
            last_period=int(last_period),
            details=json.loads(json.dumps({
                "lines": [[k, str(v)] for k, v in slip.lines],
                "contributions": {k: str(v) for k, v in vars(c).items()},
                "annual_tax": str(slip.annual_tax) if slip.annual_tax is not None else None,
            })),
        ))
        totals["gross"] += base + allowances + thr
        totals["net_pay"] += slip.net_pay
        totals["pph21"] += slip.pph21
        totals["bpjs_employee"] += c.employee_total
        totals["bpjs_employer"] += c.employer_total
        totals["thr"] += thr
        for key in ("jht_employer", "jp_employer", "jkk_employer", "jkm_employer", "health_employer"):
            totals[key] += getattr(c, key)
        if i % 50 == 0:
            await progress(5 + 90 * i / max(len(employees), 1),
                           (f"Calculating payslip {i + 1} of {len(employees)}",
                            f"Menghitung slip gaji {i + 1} dari {len(employees)}"))
    plain = {k: str(v) for k, v in totals.items()}
    async with transaction():  # the payslips are replaced all at once, or not at all
        if (await get_run(run_id))["status"] == "approved":
            return {"skipped": "approved"}
        await Payslip.delete().where(Payslip.run_id == run_id)
        for chunk in range(0, len(slips), 200):
            await Payslip.insert(*slips[chunk:chunk + 200])
        await PayrollRun.update({PayrollRun.status: "calculated", PayrollRun.totals: plain,
                                 PayrollRun.employee_count: len(slips)}).where(
            PayrollRun.id == run_id)
    return {"employees": len(slips), **plain}


async def approve(pk: int, user_id: int | None) -> None:
    run = await get_run(pk)
    if run["status"] == "approved":
        raise Conflict(("This payroll is already approved.", "Penggajian ini sudah disetujui."))
    if run["status"] != "calculated":
        raise Conflict(("Wait until the payroll is calculated.",
                        "Tunggu sampai penggajian selesai dihitung."))
    await PayrollRun.update({PayrollRun.status: "approved", PayrollRun.approved_by: user_id,
                             PayrollRun.approved_at: datetime.now(UTC)}).where(PayrollRun.id == pk)
    totals = run["totals"]
    totals = json.loads(totals) if isinstance(totals, str) else totals
    await publish("hr.payroll_approved", {
        "payroll_run_id": encode_id("PayrollRun", pk), "period": run["period"],
        "employee_count": run["employee_count"], "currency": "IDR", **totals,
    })
