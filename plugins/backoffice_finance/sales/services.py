"""Invoice rules: drafts change freely; issuing numbers the invoice without gaps and posts it
(Dr receivables; Cr sales and PPN output); payments post Dr bank, Cr receivables, and any
amount paid above the balance goes to customer advances; a paid invoice cannot be voided."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, NotFound, current_tenant_id

from ..ledger import services as ledger
from .tables import Customer, DocumentCounter, Invoice, InvoiceLine, InvoicePayment, Product, TaxRate

ZERO = Decimal(0)
ACCOUNTS = {"receivables": "1200", "sales": "4100", "ppn_output": "2320", "advances": "2150"}
# code, name, rate, base numerator, base denominator, valid from (UU HPP; PMK 131/2024)
PPN = [("PPN", "PPN", Decimal("0.10"), 1, 1, date(2010, 1, 1)),
       ("PPN", "PPN", Decimal("0.11"), 1, 1, date(2022, 4, 1)),
       ("PPN", "PPN (DPP 11/12)", Decimal("0.12"), 11, 12, date(2025, 1, 1)),
       ("PPNBM", "PPN barang mewah", Decimal("0.12"), 1, 1, date(2025, 2, 1))]


async def seed_taxes() -> None:
    if not await TaxRate.exists():
        await TaxRate.insert(*[TaxRate(code=c, name=n, rate=r, base_numerator=a, base_denominator=b, valid_from=v)
                               for c, n, r, a, b, v in PPN])


async def tax_on(code: str, day: date) -> dict[str, Any]:
    row = await TaxRate.select().where((TaxRate.code == code) & (TaxRate.valid_from <= day)).order_by(
        TaxRate.valid_from, ascending=False).first()
    if row is None:
        raise BadUserInput((f"There is no tax {code} on {day}.", f"Tidak ada pajak {code} pada {day}."),
                           field="taxCode")
    return row


def tax_amount(amount: Decimal, rate: dict[str, Any]) -> Decimal:
    base = amount * rate["base_numerator"] / rate["base_denominator"]
    return (base * Decimal(rate["rate"])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


async def get_customer(pk: int) -> dict[str, Any]:
    row = await Customer.select().where(Customer.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def create_customer(name: str, email: str, tax_id: str, address: str) -> int:
    if not name.strip():
        raise BadUserInput(("Enter the customer's name.", "Masukkan nama pelanggan."), field="name")
    result = await Customer.insert(Customer(name=name.strip()[:200], email=(email or "").strip(),
                                            tax_id=(tax_id or "").strip(), address=address or ""))
    return result[0]["id"]


async def get_invoice(pk: int) -> dict[str, Any]:
    row = await Invoice.select().where(Invoice.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def get_product(pk: int) -> dict[str, Any]:
    row = await Product.select().where(Product.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def create_product(code: str, name: str, unit_price: Decimal, tax_code: str) -> int:
    if not code.strip() or not name.strip() or unit_price < 0:
        raise BadUserInput(("Give the product a code, a name and a price.",
                            "Beri produk kode, nama, dan harga."), field="code")
    if await Product.exists().where(Product.code == code.strip()):
        raise Conflict((f"Product code {code} is taken.", f"Kode produk {code} sudah dipakai."), field="code")
    result = await Product.insert(Product(code=code.strip()[:32], name=name.strip()[:200], unit_price=unit_price,
                                          tax_code=(tax_code or "").upper()))
    return result[0]["id"]


async def line_values(*, description: str, quantity: Decimal, unit_price: Decimal | None, tax_code: str | None,
                      product_id: int | None) -> dict[str, Any]:
    """An invoice line from free text, or from a product whose name, price and tax fill what
    the line leaves out."""
    product = await get_product(product_id) if product_id else None
    return {"description": description or (product["name"] if product else ""), "quantity": quantity,
            "unit_price": unit_price if unit_price is not None else (Decimal(product["unit_price"]) if product else Decimal(-1)),
            "tax_code": tax_code if tax_code is not None else (product["tax_code"] if product else "PPN")}


async def create_draft(customer_id: int, lines: list[dict[str, Any]], notes: str, currency: str | None = None) -> int:
    await get_customer(customer_id)
    currency = (currency or await ledger.base_currency()).strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        raise BadUserInput(("Use a three-letter currency code.", "Gunakan kode mata uang tiga huruf."), field="currency")
    result = await Invoice.insert(Invoice(customer_id=customer_id, notes=notes or "", currency=currency))
    pk = result[0]["id"]
    await _replace_lines(pk, lines)
    return pk


async def _replace_lines(pk: int, lines: list[dict[str, Any]]) -> None:
    if not lines:
        raise BadUserInput(("An invoice needs at least one line.", "Faktur membutuhkan minimal satu baris."),
                           field="lines")
    rows = []
    for i, line in enumerate(lines):
        quantity, price = Decimal(line["quantity"]), Decimal(line["unit_price"])
        if quantity <= 0 or price < 0 or not str(line.get("description", "")).strip():
            raise BadUserInput(("Each line needs a description, a positive quantity and a price.",
                                "Setiap baris membutuhkan deskripsi, jumlah positif, dan harga."), field=f"lines.{i}")
        amount = (quantity * price).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        rows.append(InvoiceLine(invoice_id=pk, description=line["description"].strip()[:300], quantity=quantity,
                                unit_price=price, tax_code=(line.get("tax_code") or "").upper(), amount=amount))
    await InvoiceLine.delete().where(InvoiceLine.invoice_id == pk)
    await InvoiceLine.insert(*rows)
    subtotal = sum((r.amount for r in rows), ZERO)
    await Invoice.update({Invoice.subtotal: subtotal, Invoice.total: subtotal}).where(Invoice.id == pk)


async def _next_number(year: int) -> str:
    where = (DocumentCounter.kind == "invoice") & (DocumentCounter.year == year)
    if DocumentCounter._meta.db.engine_type == "postgres":
        await DocumentCounter.raw("INSERT INTO finance_document_counters (tenant_id, kind, year, last) "
                                  "VALUES ({}, 'invoice', {}, 0) ON CONFLICT DO NOTHING", current_tenant_id(), year)
        last = (await DocumentCounter.select(DocumentCounter.last).where(where).lock_rows("UPDATE"))[0]["last"]
    else:
        row = await DocumentCounter.select(DocumentCounter.last).where(where).first()
        if row is None:
            await DocumentCounter.insert(DocumentCounter(kind="invoice", year=year, last=0))
        last = row["last"] if row else 0
    await DocumentCounter.update({DocumentCounter.last: last + 1}).where(where)
    return f"INV-{year}-{last + 1:06d}"


async def _account(key: str) -> int:
    code = await ledger.setting(f"sales.{key}", ACCOUNTS[key])
    return (await ledger.account_by_code(code))["id"]


async def issue(pk: int, issue_date: date, due_in_days: int, user_id: int | None) -> None:
    invoice = await get_invoice(pk)
    if invoice["status"] != "draft":
        raise Conflict(("Only a draft can be issued.", "Hanya draf yang dapat diterbitkan."))
    lines = await InvoiceLine.select().where(InvoiceLine.invoice_id == pk)
    tax_by_code: dict[str, Decimal] = {}
    for line in lines:
        if line["tax_code"]:
            amount = tax_amount(Decimal(line["amount"]), await tax_on(line["tax_code"], issue_date))
            await InvoiceLine.update({InvoiceLine.tax_amount: amount}).where(InvoiceLine.id == line["id"])
            tax_by_code[line["tax_code"]] = tax_by_code.get(line["tax_code"], ZERO) + amount
    subtotal = Decimal(invoice["subtotal"])
    tax_total = sum(tax_by_code.values(), ZERO)
    number = await _next_number(issue_date.year)
    journal = [ledger.Line(await _account("receivables"), debit=subtotal + tax_total, description=number),
               ledger.Line(await _account("sales"), credit=subtotal, description=number)]
    if tax_total:
        journal.append(ledger.Line(await _account("ppn_output"), credit=tax_total, description=f"PPN {number}"))
    entry_id, _ = await ledger.post(entry_date=issue_date, memo=f"Invoice {number}", lines=journal,
                                    currency=invoice["currency"], source="finance.invoice",
                                    idempotency_key=f"invoice:{pk}", user_id=user_id)
    await Invoice.update({Invoice.status: "issued", Invoice.number: number, Invoice.issue_date: issue_date,
                          Invoice.due_date: issue_date + timedelta(days=due_in_days), Invoice.tax_total: tax_total,
                          Invoice.total: subtotal + tax_total, Invoice.journal_entry_id: entry_id}).where(Invoice.id == pk)


async def pay(pk: int, amount: Decimal, paid_on: date, account_id: int, idempotency_key: str | None,
              user_id: int | None) -> int:
    if idempotency_key:
        existing = await InvoicePayment.select(InvoicePayment.id).where(
            InvoicePayment.idempotency_key == idempotency_key).first()
        if existing:
            return existing["id"]
    if Invoice._meta.db.engine_type == "postgres":
        # Payments of one invoice queue, so two at once cannot both take the same balance.
        await Invoice.select(Invoice.id).where(Invoice.id == pk).lock_rows("NO KEY UPDATE")
    invoice = await get_invoice(pk)
    if invoice["status"] not in ("issued", "partly_paid"):
        raise Conflict(("Only an issued, unpaid invoice takes payments.",
                        "Hanya faktur terbit yang belum lunas yang dapat dibayar."))
    if amount <= 0:
        raise BadUserInput(("A payment is a positive amount.", "Pembayaran harus bernilai positif."), field="amount")
    await ledger.get_account(account_id)
    due = Decimal(invoice["total"]) - Decimal(invoice["amount_paid"])
    applied, excess = min(amount, due), max(amount - due, ZERO)
    lines = [ledger.Line(account_id, debit=amount, description=invoice["number"]),
             ledger.Line(await _account("receivables"), credit=applied, description=invoice["number"])]
    if excess:
        lines.append(ledger.Line(await _account("advances"), credit=excess, description=f"Overpaid {invoice['number']}"))
    entry_id, _ = await ledger.post(entry_date=paid_on, memo=f"Payment for {invoice['number']}", lines=lines,
                                    currency=invoice["currency"], source="finance.payment", user_id=user_id,
                                    idempotency_key=f"payment:{idempotency_key}" if idempotency_key else None)
    result = await InvoicePayment.insert(InvoicePayment(invoice_id=pk, paid_on=paid_on, amount=amount,
                                                        account_id=account_id, journal_entry_id=entry_id,
                                                        idempotency_key=idempotency_key))
    paid = Decimal(invoice["amount_paid"]) + applied
    status = "paid" if paid >= Decimal(invoice["total"]) else "partly_paid"
    await Invoice.update({Invoice.amount_paid: paid, Invoice.status: status}).where(Invoice.id == pk)
    return result[0]["id"]


async def void(pk: int, on: date, user_id: int | None) -> None:
    invoice = await get_invoice(pk)
    if invoice["status"] in ("partly_paid", "paid", "void"):
        raise Conflict(("An invoice with payments, or already void, cannot be voided.",
                        "Faktur yang sudah dibayar atau sudah batal tidak dapat dibatalkan."))
    if invoice["journal_entry_id"]:
        await ledger.reverse(invoice["journal_entry_id"], on, user_id)
    await Invoice.update({Invoice.status: "void"}).where(Invoice.id == pk)
