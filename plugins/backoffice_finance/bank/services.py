"""Bank statements: import lines from CSV (a line seen before is skipped), suggest ledger
entries or open invoices with the same amount near the same date, reconcile a line with one."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, NotFound, read_rows

from ..ledger import services as ledger
from ..ledger.tables import JournalEntry, JournalLine
from ..sales import services as sales
from ..sales.tables import Invoice
from .tables import BankStatementLine

WINDOW = timedelta(days=7)


def _fingerprint(account_id: int, day: date, amount: Decimal, reference: str, description: str) -> str:
    raw = f"{account_id}|{day}|{amount}|{reference}|{description}".encode()
    return hashlib.sha256(raw).hexdigest()


async def import_csv(account_id: int, content_base64: str) -> tuple[int, int, list[tuple[int, str]]]:
    """Returns ``(imported, skipped as seen before, [(row, error)])``; nothing is imported if
    any row is wrong."""
    account = await ledger.get_account(account_id)
    if account["kind"] != "asset":
        raise BadUserInput(("Import into a bank or cash account.", "Impor ke akun bank atau kas."), field="accountId")
    rows = read_rows(content_base64, "csv")
    errors: list[tuple[int, str]] = []
    new: list[BankStatementLine] = []
    skipped = 0
    seen: set[str] = set()
    for row in rows:
        v = row.values
        try:
            day = date.fromisoformat(v.get("date", "")[:10])
            amount = Decimal(v.get("amount", "").replace(",", ""))
        except (ValueError, InvalidOperation):
            errors.append((row.number, "date must be YYYY-MM-DD and amount a number"))
            continue
        description, reference = v.get("description", "")[:300], v.get("reference", "")[:100]
        fp = _fingerprint(account_id, day, amount, reference, description)
        if fp in seen or await BankStatementLine.exists().where(BankStatementLine.fingerprint == fp):
            skipped += 1
            continue
        seen.add(fp)
        new.append(BankStatementLine(account_id=account_id, line_date=day, description=description,
                                     reference=reference, amount=amount, fingerprint=fp))
    if errors:
        return 0, skipped, errors
    if new:
        await BankStatementLine.insert(*new)
    return len(new), skipped, []


async def get_line(pk: int) -> dict[str, Any]:
    row = await BankStatementLine.select().where(BankStatementLine.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def suggestions(line: dict[str, Any]) -> list[dict[str, Any]]:
    """Ledger entries on the account with the same amount within a week, not yet reconciled;
    for money in, also open invoices whose balance is the amount."""
    amount = Decimal(line["amount"])
    column = JournalLine.base_debit if amount > 0 else JournalLine.base_credit
    taken = {r["matched_entry_id"] for r in await BankStatementLine.select(BankStatementLine.matched_entry_id).where(
        BankStatementLine.matched_entry_id.is_not_null())}
    candidates = await JournalLine.select(JournalLine.entry_id, JournalLine.entry_date).where(
        (JournalLine.account_id == line["account_id"]) & (column == abs(amount))
        & (JournalLine.entry_date >= line["line_date"] - WINDOW) & (JournalLine.entry_date <= line["line_date"] + WINDOW))
    entries = {e["id"]: e for e in await JournalEntry.select(JournalEntry.id, JournalEntry.number, JournalEntry.memo).where(
        JournalEntry.id.is_in([c["entry_id"] for c in candidates] or [0]))}
    out = [{"kind": "entry", "id": c["entry_id"], "label": f"{entries[c['entry_id']]['number']} {entries[c['entry_id']]['memo']}",
            "date": c["entry_date"]} for c in candidates if c["entry_id"] not in taken and c["entry_id"] in entries]
    if amount > 0:
        for inv in await Invoice.select().where(Invoice.status.is_in(["issued", "partly_paid"])):
            if Decimal(inv["total"]) - Decimal(inv["amount_paid"]) == amount:
                out.append({"kind": "invoice", "id": inv["id"], "label": inv["number"], "date": inv["due_date"]})
    return out


async def reconcile_entry(line_id: int, entry_id: int) -> None:
    line = await get_line(line_id)
    if line["matched_entry_id"] is not None:
        raise Conflict(("This line is reconciled already.", "Baris ini sudah direkonsiliasi."))
    entry = await ledger.get_entry(entry_id)
    amount = Decimal(line["amount"])
    lines = await JournalLine.select().where((JournalLine.entry_id == entry["id"])
                                             & (JournalLine.account_id == line["account_id"]))
    moved = sum((Decimal(r["base_debit"]) - Decimal(r["base_credit"]) for r in lines), Decimal(0))
    if moved != amount:
        raise BadUserInput(("That entry does not move this amount through this account.",
                            "Jurnal itu tidak mencatat jumlah ini pada akun ini."), field="journalEntryId")
    if await BankStatementLine.exists().where(BankStatementLine.matched_entry_id == entry_id):
        raise Conflict(("That entry is reconciled with another line.", "Jurnal itu sudah direkonsiliasi dengan baris lain."))
    await BankStatementLine.update({BankStatementLine.matched_entry_id: entry_id}).where(BankStatementLine.id == line_id)


async def reconcile_invoice(line_id: int, invoice_id: int, user_id: int | None) -> None:
    """Record the line as the invoice's payment, then reconcile it with that payment's entry."""
    line = await get_line(line_id)
    if line["matched_entry_id"] is not None:
        raise Conflict(("This line is reconciled already.", "Baris ini sudah direkonsiliasi."))
    if Decimal(line["amount"]) <= 0:
        raise BadUserInput(("Only money in pays an invoice.", "Hanya uang masuk yang melunasi faktur."), field="invoiceId")
    payment_id = await sales.pay(invoice_id, Decimal(line["amount"]), line["line_date"], line["account_id"],
                                 f"bank-line:{line_id}", user_id)
    from ..sales.tables import InvoicePayment  # noqa: PLC0415

    payment = await InvoicePayment.select(InvoicePayment.journal_entry_id).where(InvoicePayment.id == payment_id).first()
    await BankStatementLine.update({BankStatementLine.matched_entry_id: payment["journal_entry_id"]}).where(
        BankStatementLine.id == line_id)
