"""Finance's reactions to other departments' events."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from . import chart, services
from .chart import PAYROLL_ACCOUNTS, STOCK_ACCOUNTS


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


async def post_stock_move(event: Any) -> None:
    """``logistics.stock_moved`` → the value of a stock move, exactly once per move:

    - receipt: Dr inventory; Cr goods received not invoiced (a purchase; the supplier's bill
      clears it), or Cr cost of goods for goods a customer returned;
    - issue: Dr cost of goods (a sale), or office supplies expense (``internal_use``); Cr inventory;
    - adjustment: up, Dr inventory and Cr inventory gains; down, Dr inventory losses and Cr inventory.

    Transfers between locations and moves worth nothing post nothing. Accounts come from the
    settings ``stock.*`` (see ``chart.STOCK_ACCOUNTS``).
    """
    p = event.payload
    kind, purpose = p.get("kind"), p.get("purpose") or ""
    amount = abs(Decimal(str(p.get("value") or 0)))
    if amount == 0:
        return
    if kind == "receipt":
        debit, credit = "inventory", "cost_of_goods" if purpose == "return" else "goods_received"
    elif kind == "issue":
        debit, credit = "supplies_expense" if purpose == "internal_use" else "cost_of_goods", "inventory"
    elif kind == "adjustment":
        # The quantity's sign says the direction (a count found more, or less, than the books).
        up = Decimal(str(p.get("quantity") or 0)) > 0
        debit, credit = ("inventory", "inventory_gain") if up else ("inventory_loss", "inventory")
    else:
        return  # transfers move stock between locations: the inventory's value is unchanged
    accounts = {}
    for key in (debit, credit):
        accounts[key] = (await chart.account(await services.setting(f"stock.{key}", STOCK_ACCOUNTS[key])))["id"]
    what = f"{p.get('item_sku', '')} × {p.get('quantity', '')}"
    await services.post(entry_date=date.fromisoformat(p["date"]), memo=f"Stock {kind} {what}",
                        lines=[services.Line(accounts[debit], debit=amount, description=what),
                               services.Line(accounts[credit], credit=amount, description=what)],
                        currency=p.get("currency") or None, source="logistics.stock",
                        idempotency_key=f"logistics.stock_moved:{p['move_id']}")
