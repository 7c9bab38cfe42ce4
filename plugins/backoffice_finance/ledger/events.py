"""Finance's reactions to other departments' events."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from . import services
from .chart import PAYROLL_ACCOUNTS


async def post_payroll(event: Any) -> None:
    """``hr.payroll_approved`` → the salary entry, exactly once (the run is the idempotency key):

    Dr salaries (gross pay) and employer BPJS; Cr salaries payable (net pay), PPh 21 payable,
    and BPJS payable (employee and employer shares). Accounts come from finance settings.
    """
    p = event.payload
    year, month = (int(x) for x in p["period"].split("-"))
    day = date(year, month, 28)
    accounts = {}
    for key, default in PAYROLL_ACCOUNTS.items():
        code = await services.setting(f"payroll.{key}", default)
        accounts[key] = (await services.account_by_code(code))["id"]
    gross, net = Decimal(p["gross"]), Decimal(p["net_pay"])
    pph21, bpjs_employee, bpjs_employer = Decimal(p["pph21"]), Decimal(p["bpjs_employee"]), Decimal(p["bpjs_employer"])
    other = gross - net - pph21 - bpjs_employee  # other payslip deductions stay with salaries payable
    lines = [services.Line(accounts["salary_expense"], debit=gross, description="Gross pay"),
             services.Line(accounts["salaries_payable"], credit=net + other, description="Net pay"),
             # A December refund of over-withheld tax turns the PPh 21 line around.
             services.Line(accounts["pph21_payable"], credit=max(pph21, Decimal(0)),
                           debit=max(-pph21, Decimal(0)), description="PPh 21 withheld")]
    if bpjs_employer:
        lines.append(services.Line(accounts["bpjs_expense"], debit=bpjs_employer, description="BPJS employer"))
    if bpjs_employee + bpjs_employer:
        lines.append(services.Line(accounts["bpjs_payable"], credit=bpjs_employee + bpjs_employer,
                                   description="BPJS employee and employer"))
    lines = [line for line in lines if line.debit or line.credit]
    await services.post(entry_date=day, memo=f"Payroll {p['period']}", lines=lines, source="hr.payroll",
                        idempotency_key=f"hr.payroll_approved:{p['payroll_run_id']}")


TRAVEL_ACCOUNTS = {"expense": "6400", "advances": "1250", "reimbursements": "2210"}


async def post_travel(event: Any) -> None:
    """``ga.travel_settled`` → Dr travel expense (the actual cost); Cr employee advances (what
    the advance covers) and reimbursements payable (what the traveller paid beyond it). An
    advance larger than the cost stays in employee advances, to be returned."""
    p = event.payload
    accounts = {}
    for key, default in TRAVEL_ACCOUNTS.items():
        accounts[key] = (await services.account_by_code(await services.setting(f"travel.{key}", default)))["id"]
    cost, advance = Decimal(p["actual_cost"]), Decimal(p.get("advance_paid") or 0)
    where = p.get("destination") or p.get("traveller", "")
    lines = [services.Line(accounts["expense"], debit=cost, description=f"Trip to {where}")]
    covered = min(advance, cost)
    if covered:
        lines.append(services.Line(accounts["advances"], credit=covered, description="Advance settled"))
    if cost > advance:
        lines.append(services.Line(accounts["reimbursements"], credit=cost - advance, description="To reimburse"))
    await services.post(entry_date=date.fromisoformat(p["settled_on"]), memo=f"Business trip to {where}",
                        lines=lines, currency=p.get("currency") or None, source="ga.travel",
                        idempotency_key=f"ga.travel_settled:{p['travel_request_id']}")
