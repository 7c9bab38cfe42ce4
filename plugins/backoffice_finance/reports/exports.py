"""Financial reports as files (CSV, XLSX, PDF), rendered by a background job with progress."""

from __future__ import annotations

import base64
import secrets
from datetime import date
from decimal import Decimal
from typing import Any

from fpdf import FPDF

from backoffice.sdk import BadUserInput, FileFormat, enqueue, export_file

from ..ledger import services as ledger
from . import services
from .tables import ReportFile

REPORTS = ("trial_balance", "profit_and_loss", "balance_sheet", "general_ledger", "cash_flow")


async def table(report: str, date_from: date, date_to: date, account_id: int | None) -> tuple[str, list[str], list[list[Any]]]:
    if report == "trial_balance":
        rows = await ledger.trial_balance(date_to)
        return "Trial balance", ["code", "account", "debit", "credit"], [
            [r["account"]["code"], r["account"]["name"], r["debit"], r["credit"]] for r in rows]
    if report == "profit_and_loss":
        r = await services.profit_and_loss(date_from, date_to)
        data = [[x["account"]["code"], x["account"]["name"], x["amount"]] for x in r["lines"]]
        data.append(["", "Net result", r["net"]])
        return "Profit and loss", ["code", "account", "amount"], data
    if report == "balance_sheet":
        r = await services.balance_sheet(date_to)
        data = [[x["account"]["code"], x["account"]["name"], x["amount"]] for x in r["lines"]]
        data.append(["", "Current earnings", r["current_earnings"]])
        return "Balance sheet", ["code", "account", "amount"], data
    if report == "general_ledger":
        if account_id is None:
            raise BadUserInput(("Choose the account.", "Pilih akunnya."), field="accountId")
        r = await services.general_ledger(account_id, date_from, date_to)
        return f"General ledger {r['account']['code']}", ["date", "number", "memo", "debit", "credit", "balance"], [
            [x["date"], x["number"], x["memo"], x["debit"], x["credit"], x["balance"]] for x in r["lines"]]
    r = await services.cash_flow(date_from, date_to)
    return "Cash flow", ["section", "amount"], [[k, r[k]] for k in
                                               ("opening", "operating", "investing", "financing", "net", "closing")]


def pdf(title: str, period: str, headers: list[str], rows: list[list[Any]]) -> bytes:
    doc = FPDF(orientation="L", format="A4")
    doc.add_page()
    doc.set_font("Helvetica", "B", 14)
    doc.cell(0, 9, f"{title} - {period}", new_x="LMARGIN", new_y="NEXT")
    doc.set_font("Helvetica", size=8)
    width = (doc.w - 2 * doc.l_margin) / max(len(headers), 1)
    for h in headers:
        doc.cell(width, 6, h, border="B")
    doc.ln()
    for row in rows:
        for v in row:
            text = f"{v:,.2f}" if isinstance(v, Decimal) else str(v if v is not None else "")
            doc.cell(width, 5, text.encode("latin-1", "replace").decode("latin-1")[:60],
                     align="R" if isinstance(v, Decimal) else "L")
        doc.ln()
    return bytes(doc.output())


async def render_job(ctx: Any, report: str, file_format: str, date_from: str, date_to: str,
                     account_id: int | None, key: str) -> dict[str, Any]:
    """The job: compute the report, render it, keep the file under ``key``."""
    await ctx.progress(10, ("Reading the ledger", "Membaca buku besar"))
    title, headers, rows = await table(report, date.fromisoformat(date_from), date.fromisoformat(date_to), account_id)
    await ctx.progress(70, ("Rendering the file", "Menyusun berkas"))
    name = f"{report}-{date_from}-{date_to}"
    if file_format == "pdf":
        content, content_type, filename = pdf(title, f"{date_from} .. {date_to}", headers, rows), "application/pdf", f"{name}.pdf"
    else:
        made = export_file(name, headers, rows, FileFormat(file_format))
        content, content_type, filename = base64.b64decode(made.base64), made.content_type, made.filename
    await ReportFile.insert(ReportFile(job_key=key, filename=filename, content_type=content_type, content=content,
                                       rows=len(rows)))
    return {"file": key, "rows": len(rows)}


async def start(report: str, file_format: str, date_from: date, date_to: date, account_id: int | None) -> tuple[int, str]:
    if report not in REPORTS:
        raise BadUserInput((f"Choose one of: {', '.join(REPORTS)}.", f"Pilih salah satu: {', '.join(REPORTS)}."),
                           field="report")
    if date_to < date_from:
        raise BadUserInput(("The period ends before it starts.", "Periode berakhir sebelum dimulai."), field="dateTo")
    if report == "general_ledger" and account_id is None:
        raise BadUserInput(("Choose the account.", "Pilih akunnya."), field="accountId")
    key = secrets.token_urlsafe(16)
    job_id = await enqueue(render_job, report=report, file_format=file_format, date_from=date_from.isoformat(),
                           date_to=date_to.isoformat(), account_id=account_id, key=key)
    return job_id, key
