"""The chart of accounts a small Indonesian company starts with (the tenant can change it),
and the default accounts the payroll and stock entries post to."""

from __future__ import annotations

from typing import Any

from .tables import Account
from . import services

# code, English, Indonesian, kind, parent code
CHART = [
    ("1000", "Assets", "Aset", "asset", None),
    ("1100", "Cash", "Kas", "asset", "1000"),
    ("1110", "Bank", "Bank", "asset", "1000"),
    ("1200", "Trade receivables", "Piutang usaha", "asset", "1000"),
    ("1250", "Employee advances", "Uang muka karyawan", "asset", "1000"),
    ("1300", "Inventory", "Persediaan", "asset", "1000"),
    ("1400", "Prepaid taxes (PPN input)", "Pajak dibayar di muka (PPN masukan)", "asset", "1000"),
    ("1500", "Fixed assets", "Aset tetap", "asset", "1000"),
    ("1590", "Accumulated depreciation", "Akumulasi penyusutan", "asset", "1000"),
    ("2000", "Liabilities", "Liabilitas", "liability", None),
    ("2100", "Trade payables", "Utang usaha", "liability", "2000"),
    ("2120", "Goods received not invoiced", "Barang diterima belum ditagih", "liability", "2000"),
    ("2150", "Customer advances", "Uang muka pelanggan", "liability", "2000"),
    ("2200", "Salaries payable", "Utang gaji", "liability", "2000"),
    ("2210", "Reimbursements payable", "Utang penggantian biaya", "liability", "2000"),
    ("2310", "PPh 21 payable", "Utang PPh 21", "liability", "2000"),
    ("2320", "PPN output payable", "Utang PPN keluaran", "liability", "2000"),
    ("2330", "BPJS payable", "Utang BPJS", "liability", "2000"),
    ("3000", "Equity", "Ekuitas", "equity", None),
    ("3100", "Paid-in capital", "Modal disetor", "equity", "3000"),
    ("3200", "Retained earnings", "Laba ditahan", "equity", "3000"),
    ("4000", "Income", "Pendapatan", "income", None),
    ("4100", "Sales", "Penjualan", "income", "4000"),
    ("4200", "Other income", "Pendapatan lain-lain", "income", "4000"),
    ("4300", "Inventory gains", "Selisih lebih persediaan", "income", "4000"),
    ("5000", "Cost of goods sold", "Harga pokok penjualan", "expense", None),
    ("6000", "Operating expenses", "Beban operasional", "expense", None),
    ("6100", "Salaries and wages", "Beban gaji dan upah", "expense", "6000"),
    ("6110", "BPJS employer contributions", "Beban BPJS perusahaan", "expense", "6000"),
    ("6200", "Rent", "Beban sewa", "expense", "6000"),
    ("6300", "Utilities", "Beban listrik, air, dan telepon", "expense", "6000"),
    ("6400", "Travel", "Beban perjalanan dinas", "expense", "6000"),
    ("6500", "Office supplies", "Beban perlengkapan kantor", "expense", "6000"),
    ("6600", "Inventory losses", "Selisih kurang persediaan", "expense", "6000"),
    ("6900", "Other expenses", "Beban lain-lain", "expense", "6000"),
]

PAYROLL_ACCOUNTS = {"salary_expense": "6100", "bpjs_expense": "6110", "salaries_payable": "2200",
                    "pph21_payable": "2310", "bpjs_payable": "2330"}

# Stock values from logistics (``logistics.stock_moved``), settings ``stock.<key>``.
STOCK_ACCOUNTS = {"inventory": "1300", "goods_received": "2120", "cost_of_goods": "5000",
                  "supplies_expense": "6500", "inventory_gain": "4300", "inventory_loss": "6600"}


async def seed() -> None:
    existing = {r["code"]: r["id"] for r in await Account.select(Account.id, Account.code)}
    for code, en, id_, kind, parent in CHART:
        if code not in existing:
            existing[code] = await services.create_account(code, en, id_, kind, existing.get(parent or ""))
    for key, code in PAYROLL_ACCOUNTS.items():
        if await services.setting(f"payroll.{key}", "") == "":
            await services.set_setting(f"payroll.{key}", code)


async def account(code: str) -> dict[str, Any]:
    """The account with ``code``; one of the starting chart's codes that the company lacks
    (it enabled finance before the account joined the chart) is added on first use."""
    row = await Account.select().where(Account.code == code).first()
    if row is not None:
        return row
    spec = next((c for c in CHART if c[0] == code), None)
    if spec is None:
        return await services.account_by_code(code)  # raises: there is no such account
    _, en, id_, kind, parent = spec
    parent_id = (await account(parent))["id"] if parent else None
    return await services.get_account(await services.create_account(code, en, id_, kind, parent_id))
