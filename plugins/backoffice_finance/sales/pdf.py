"""Invoices as PDF (fpdf2), with what a tax invoice shows: seller, buyer and NPWP, lines,
PPN and the total, in the reader's language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fpdf import FPDF

LABELS = {"invoice": ("Invoice", "Faktur"), "to": ("Bill to", "Kepada"), "date": ("Date", "Tanggal"),
          "due": ("Due", "Jatuh tempo"), "description": ("Description", "Uraian"), "qty": ("Qty", "Jml"),
          "price": ("Unit price", "Harga satuan"), "amount": ("Amount", "Jumlah"), "subtotal": ("Subtotal", "Subtotal"),
          "tax": ("PPN", "PPN"), "total": ("Total", "Total"), "npwp": ("NPWP", "NPWP"), "paid": ("Paid", "Dibayar")}


def money(value: Any, currency: str, locale: str) -> str:
    text = f"{Decimal(value):,.2f}"
    if locale == "id":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{currency} {text}"


def render(company: str, invoice: dict[str, Any], customer: dict[str, Any], lines: list[dict[str, Any]],
           locale: str) -> bytes:
    i = 1 if locale == "id" else 0

    def t(key: str) -> str:
        return LABELS[key][i]

    def safe(text: Any) -> str:
        return str(text or "").encode("latin-1", "replace").decode("latin-1")

    cur = invoice["currency"]
    doc = FPDF(format="A4")
    doc.add_page()
    doc.set_font("Helvetica", "B", 16)
    doc.cell(0, 10, safe(f"{t('invoice')} {invoice['number'] or ''}"), new_x="LMARGIN", new_y="NEXT")
    doc.set_font("Helvetica", size=10)
    doc.cell(0, 6, safe(company), new_x="LMARGIN", new_y="NEXT")
    doc.ln(2)
    for label, value in ((t("to"), customer.get("name")), (t("npwp"), customer.get("tax_id")),
                         (t("date"), invoice["issue_date"]), (t("due"), invoice["due_date"])):
        doc.cell(40, 6, label)
        doc.cell(0, 6, safe(value), new_x="LMARGIN", new_y="NEXT")
    doc.ln(3)
    doc.set_font("Helvetica", "B", 9)
    for label, width in ((t("description"), 90), (t("qty"), 20), (t("price"), 40), (t("amount"), 40)):
        doc.cell(width, 7, label, border="B")
    doc.ln()
    doc.set_font("Helvetica", size=9)
    for line in lines:
        doc.cell(90, 6, safe(line["description"])[:55])
        doc.cell(20, 6, f"{Decimal(line['quantity']).normalize()}", align="R")
        doc.cell(40, 6, money(line["unit_price"], cur, locale), align="R")
        doc.cell(40, 6, money(line["amount"], cur, locale), align="R", new_x="LMARGIN", new_y="NEXT")
    doc.ln(2)
    for key, value in (("subtotal", invoice["subtotal"]), ("tax", invoice["tax_total"]), ("total", invoice["total"]),
                       ("paid", invoice["amount_paid"])):
        doc.set_font("Helvetica", "B" if key == "total" else "", 10)
        doc.cell(150, 7, t(key), align="R")
        doc.cell(40, 7, money(value, cur, locale), align="R", new_x="LMARGIN", new_y="NEXT")
    return bytes(doc.output())
