"""Purchase rules: a bill posts when recorded (Dr expense and PPN input; Cr payables); paying
it posts Dr payables, Cr bank; an expense claim posts when approved (Dr expense; Cr
reimbursements payable) and again when paid. Nobody approves their own claim."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, Forbidden, NotFound, checked_upload, safe_filename

from .. import notifications
from ..ledger import services as ledger
from ..sales.services import tax_amount, tax_on
from .tables import Bill, BillLine, ExpenseClaim, Supplier

ZERO = Decimal(0)
ACCOUNTS = {"payables": "2100", "ppn_input": "1400", "reimbursements": "2210"}


async def _account(key: str) -> int:
    code = await ledger.setting(f"purchases.{key}", ACCOUNTS[key])
    return (await ledger.account_by_code(code))["id"]


async def _get(table: Any, pk: int) -> dict[str, Any]:
    row = await table.select().where(table.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def create_supplier(name: str, tax_id: str, bank_account: str) -> int:
    if not name.strip():
        raise BadUserInput(("Enter the supplier's name.", "Masukkan nama pemasok."), field="name")
    result = await Supplier.insert(Supplier(name=name.strip()[:200], tax_id=(tax_id or "").strip(),
                                            bank_account=(bank_account or "").strip()))
    return result[0]["id"]


async def record_bill(supplier_id: int, reference: str, bill_date: date, due_in_days: int,
                      lines: list[dict[str, Any]], idempotency_key: str | None, user_id: int | None) -> int:
    if idempotency_key:
        existing = await Bill.select(Bill.id).where(Bill.idempotency_key == idempotency_key).first()
        if existing:
            return existing["id"]
    await _get(Supplier, supplier_id)
    if not lines:
        raise BadUserInput(("A bill needs at least one line.", "Tagihan membutuhkan minimal satu baris."), field="lines")
    rows, journal = [], []
    tax_total = ZERO
    for i, line in enumerate(lines):
        amount = Decimal(line["amount"])
        if amount <= 0 or not str(line.get("description", "")).strip():
            raise BadUserInput(("Each line needs a description and a positive amount.",
                                "Setiap baris membutuhkan deskripsi dan jumlah positif."), field=f"lines.{i}")
        account = await ledger.get_account(line["account_id"])
        if account["kind"] not in ("expense", "asset"):
            raise BadUserInput(("Charge a bill to an expense or asset account.",
                                "Bebankan tagihan ke akun beban atau aset."), field=f"lines.{i}.accountId")
        tax = tax_amount(amount, await tax_on(line["tax_code"], bill_date)) if line.get("tax_code") else ZERO
        tax_total += tax
        rows.append(BillLine(description=line["description"].strip()[:300], account_id=account["id"],
                             amount=amount, tax_amount=tax))
        journal.append(ledger.Line(account["id"], debit=amount, description=line["description"]))
    subtotal = sum((r.amount for r in rows), ZERO)
    if tax_total:
        journal.append(ledger.Line(await _account("ppn_input"), debit=tax_total, description="PPN input"))
    journal.append(ledger.Line(await _account("payables"), credit=subtotal + tax_total, description=reference))
    entry_id, _ = await ledger.post(entry_date=bill_date, memo=f"Bill {reference}".strip(), lines=journal,
                                    source="finance.bill", user_id=user_id)
    result = await Bill.insert(Bill(supplier_id=supplier_id, reference=(reference or "")[:64], bill_date=bill_date,
                                    due_date=bill_date + timedelta(days=due_in_days), subtotal=subtotal,
                                    tax_total=tax_total, total=subtotal + tax_total, journal_entry_id=entry_id,
                                    idempotency_key=idempotency_key))
    pk = result[0]["id"]
    for r in rows:
        r.bill_id = pk
    await BillLine.insert(*rows)
    return pk


async def pay_bill(pk: int, amount: Decimal, paid_on: date, account_id: int, user_id: int | None) -> None:
    if Bill._meta.db.engine_type == "postgres":
        await Bill.select(Bill.id).where(Bill.id == pk).lock_rows("NO KEY UPDATE")
    bill = await _get(Bill, pk)
    if bill["status"] not in ("posted", "partly_paid"):
        raise Conflict(("This bill is paid or void.", "Tagihan ini sudah lunas atau batal."))
    due = Decimal(bill["total"]) - Decimal(bill["amount_paid"])
    if amount <= 0 or amount > due:
        raise BadUserInput((f"Pay between 0 and the {due} still due.", f"Bayar antara 0 dan sisa {due}."),
                           field="amount")
    await ledger.get_account(account_id)
    await ledger.post(entry_date=paid_on, memo=f"Payment of bill {bill['reference']}", source="finance.bill_payment",
                      lines=[ledger.Line(await _account("payables"), debit=amount),
                             ledger.Line(account_id, credit=amount)], user_id=user_id)
    paid = Decimal(bill["amount_paid"]) + amount
    await Bill.update({Bill.amount_paid: paid, Bill.status: "paid" if paid >= Decimal(bill["total"]) else "partly_paid"}).where(
        Bill.id == pk)


async def submit_claim(user_id: int, description: str, expense_date: date, amount: Decimal, account_id: int,
                       receipt: tuple[str, str] | None = None) -> int:
    if amount <= 0 or not description.strip():
        raise BadUserInput(("Describe the expense and give a positive amount.",
                            "Jelaskan biaya dan beri jumlah positif."), field="amount")
    account = await ledger.get_account(account_id)
    if account["kind"] != "expense":
        raise BadUserInput(("Claim against an expense account.", "Ajukan ke akun beban."), field="accountId")
    values: dict[str, Any] = {}
    if receipt is not None:
        content, content_type = checked_upload(receipt[1], field="receipt")
        values = {"receipt": content, "receipt_type": content_type, "receipt_name": safe_filename(receipt[0], "receipt")}
    result = await ExpenseClaim.insert(ExpenseClaim(claimant_user_id=user_id, description=description.strip(),
                                                    expense_date=expense_date, amount=amount, account_id=account_id,
                                                    **values))
    return result[0]["id"]


async def decide_claim(pk: int, *, approve: bool, user_id: int | None, note: str) -> None:
    claim = await _get(ExpenseClaim, pk)
    if claim["claimant_user_id"] == user_id:
        raise Forbidden(("Nobody approves their own claim.", "Tidak ada yang menyetujui klaimnya sendiri."))
    if claim["status"] != "submitted":
        raise Conflict(("This claim has been decided.", "Klaim ini sudah diputuskan."))
    if not approve and not (note or "").strip():
        raise BadUserInput(("Say why the claim is rejected.", "Sebutkan alasan penolakan."), field="reason")
    entry_id = None
    if approve:
        entry_id, _ = await ledger.post(
            entry_date=claim["expense_date"], memo=f"Expense claim: {claim['description'][:80]}",
            source="finance.expense_claim", idempotency_key=f"expense-claim:{pk}", user_id=user_id,
            lines=[ledger.Line(claim["account_id"], debit=Decimal(claim["amount"])),
                   ledger.Line(await _account("reimbursements"), credit=Decimal(claim["amount"]))])
    await ExpenseClaim.update({ExpenseClaim.status: "approved" if approve else "rejected",
                               ExpenseClaim.decided_by: user_id, ExpenseClaim.decision_note: note or "",
                               ExpenseClaim.journal_entry_id: entry_id}).where(ExpenseClaim.id == pk)
    await notifications.expense_claim_decided(pk, user_id)


async def pay_claim(pk: int, paid_on: date, account_id: int, user_id: int | None) -> None:
    claim = await _get(ExpenseClaim, pk)
    if claim["status"] != "approved":
        raise Conflict(("Only an approved claim is paid.", "Hanya klaim yang disetujui yang dibayar."))
    await ledger.post(entry_date=paid_on, memo=f"Reimbursement: {claim['description'][:80]}",
                      source="finance.reimbursement", idempotency_key=f"reimbursement:{pk}", user_id=user_id,
                      lines=[ledger.Line(await _account("reimbursements"), debit=Decimal(claim["amount"])),
                             ledger.Line(account_id, credit=Decimal(claim["amount"]))])
    await ExpenseClaim.update({ExpenseClaim.status: "paid"}).where(ExpenseClaim.id == pk)
