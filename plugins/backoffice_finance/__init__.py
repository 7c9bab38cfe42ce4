"""Finance module of Backoffice (backoffice_finance).

The manifest and the hook implementations live here: thin wiring only. The module's areas
(tables, services, GraphQL, jobs, events) live in sub-packages of their own.
"""

from backoffice.sdk import ModuleManifest, Text, hookimpl

MANIFEST = ModuleManifest(
    key="finance",
    name=Text("Finance", "Keuangan"),
    description=Text(
        "Double-entry ledger, sales invoices, purchase bills and expenses, payments and bank reconciliation, reports, budgets and forecasts.",
        "Buku besar berpasangan, faktur penjualan, tagihan pembelian dan biaya, pembayaran dan rekonsiliasi bank, laporan, anggaran, dan proyeksi.",
    ),
    version="0.1.0",
    depends_on=(),
)


@hookimpl
def register_module() -> ModuleManifest:
    return MANIFEST
