"""Payslips as PDF documents (fpdf2), in the reader's language, amounts in rupiah."""

from __future__ import annotations

import base64
import json
from decimal import Decimal
from typing import Any

from fpdf import FPDF

LABELS = {
    "title": ("Payslip", "Slip Gaji"), "period": ("Period", "Periode"),
    "employee": ("Employee", "Karyawan"), "number": ("Employee number", "Nomor karyawan"),
    "ptkp": ("PTKP status / TER category", "Status PTKP / kategori TER"),
    "base_salary": ("Base salary", "Gaji pokok"), "fixed_allowances": ("Fixed allowances", "Tunjangan tetap"),
    "irregular": ("THR and irregular pay", "THR dan penghasilan tidak teratur"),
    "bpjs_health_employee": ("BPJS Kesehatan (1%)", "BPJS Kesehatan (1%)"),
    "bpjs_jht_employee": ("BPJS JHT (2%)", "BPJS JHT (2%)"),
    "bpjs_jp_employee": ("BPJS JP (1%)", "BPJS JP (1%)"),
    "other_deductions": ("Other deductions", "Potongan lain"), "pph21": ("PPh 21", "PPh 21"),
    "net_pay": ("Net pay", "Gaji bersih"),
    "employer": ("Paid by the employer (not deducted)", "Dibayar perusahaan (tidak dipotong)"),
}


def rupiah_text(amount: Decimal | str | int, locale: str) -> str:
    value = Decimal(amount)
    sign = "-" if value < 0 else ""
    digits = f"{abs(value):,.0f}"
    if locale == "id":
        digits = digits.replace(",", ".")
    return f"{sign}Rp{digits}"


def render(slip: dict[str, Any], employee: dict[str, Any], locale: str) -> bytes:
    idx = 1 if locale == "id" else 0

    def label(key: str) -> str:
        return LABELS.get(key, (key, key))[idx]

    details = slip["details"]
    details = json.loads(details) if isinstance(details, str) else (details or {})
    pdf = FPDF(format="A4")
    pdf.set_title(f"{label('title')} {slip['period']}")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, f"{label('title')} - {slip['period']}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    for key, value in (("employee", employee.get("full_name", "")),
                       ("number", employee.get("employee_number", "")),
                       ("ptkp", f"{slip['ptkp_status']} / {slip['ter_category']}")):
        pdf.cell(60, 6, label(key))
        pdf.cell(0, 6, str(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for code, amount in details.get("lines", []):
        if Decimal(amount) == 0 and code not in ("base_salary", "pph21"):
            continue
        pdf.cell(120, 7, label(code), border="B")
        pdf.cell(0, 7, rupiah_text(amount, locale), border="B", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(120, 9, label("net_pay"))
    pdf.cell(0, 9, rupiah_text(slip["net_pay"], locale), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    pdf.ln(3)
    pdf.cell(0, 6, label("employer"), new_x="LMARGIN", new_y="NEXT")
    for code, amount in (details.get("contributions") or {}).items():
        if code.endswith("_employer"):
            pdf.cell(120, 5, code.replace("_employer", "").upper())
            pdf.cell(0, 5, rupiah_text(amount, locale), align="R", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def render_base64(slip: dict[str, Any], employee: dict[str, Any], locale: str) -> str:
    return base64.b64encode(render(slip, employee, locale)).decode()
