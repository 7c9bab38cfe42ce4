"""Finance module of Backoffice (backoffice_finance).

The manifest and the hook implementations live here: wiring only. The areas live in
sub-packages: ``ledger`` (accounts, journal, periods, exchange rates, trial balance).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from piccolo.conf.apps import AppConfig

from backoffice.sdk import (
    Approvable,
    EventHandler,
    GraphQLContribution,
    ModuleManifest,
    NavItem,
    Permission,
    RoleTemplate,
    Text,
    UiColumn,
    UiMetadata,
    UiResource,
    hookimpl,
)

MANIFEST = ModuleManifest(
    key="finance",
    name=Text("Finance", "Keuangan"),
    description=Text(
        "Double-entry ledger, sales invoices, purchase bills and expenses, payments and bank reconciliation, reports, budgets and forecasts.",
        "Buku besar berpasangan, faktur penjualan, tagihan pembelian dan biaya, pembayaran dan rekonsiliasi bank, laporan, anggaran, dan proyeksi.",
    ),
    version="0.1.0",
)


@hookimpl
def register_module() -> ModuleManifest:
    return MANIFEST


@hookimpl
def register_piccolo_app() -> AppConfig:
    from .ledger.tables import (
        Account,
        EntryCounter,
        ExchangeRate,
        FinanceSetting,
        JournalEntry,
        JournalLine,
        Period,
    )

    from .bank.tables import BankStatementLine
    from .planning.tables import Budget, RecurringItem
    from .reports.tables import ReportFile
    from .purchases.tables import Bill, BillLine, ExpenseClaim, Supplier
    from .sales.tables import Customer, DocumentCounter, Invoice, InvoiceLine, InvoicePayment, Product, TaxRate

    return AppConfig(app_name="finance", migrations_folder_path=str(Path(__file__).parent / "migrations"),
                     table_classes=[Account, Period, ExchangeRate, JournalEntry, JournalLine, EntryCounter,
                                    FinanceSetting, Customer, TaxRate, Invoice, InvoiceLine, InvoicePayment,
                                    DocumentCounter, Supplier, Bill, BillLine, ExpenseClaim, Budget,
                                    ReportFile, BankStatementLine, Product, RecurringItem])


@hookimpl
def register_permissions() -> list[Permission]:
    from .permissions import PERMISSIONS

    return PERMISSIONS


@hookimpl
def register_role_templates() -> list[RoleTemplate]:
    from .permissions import ROLE_TEMPLATES

    return ROLE_TEMPLATES


@hookimpl
def register_graphql() -> GraphQLContribution:
    from .ledger.graphql import LedgerMutation, LedgerQuery, SettingsMutation, SettingsQuery
    from .bank.graphql import BankMutation, BankQuery
    from .planning.graphql import PlanningMutation, PlanningQuery
    from .purchases.graphql import PurchaseMutation, PurchaseQuery
    from .reports.graphql import MoreReportsQuery, ReportFileQuery, ReportMutation, ReportQuery
    from .sales.graphql import SalesMutation, SalesQuery

    return GraphQLContribution(queries=(LedgerQuery, SalesQuery, PurchaseQuery, ReportQuery, MoreReportsQuery,
                                        ReportFileQuery, PlanningQuery, BankQuery, SettingsQuery),
                               mutations=(LedgerMutation, SalesMutation, PurchaseMutation, PlanningMutation,
                                          ReportMutation, BankMutation, SettingsMutation))


@hookimpl
def register_jobs() -> list[Any]:
    from .reports.exports import render_job

    return [render_job]


@hookimpl
def register_event_handlers() -> list[EventHandler]:
    from .ledger.events import post_payroll, post_stock_move, post_travel

    return [EventHandler(event_type="hr.payroll_approved", handler=post_payroll, name="finance.post_payroll"),
            EventHandler(event_type="ga.travel_settled", handler=post_travel, name="finance.post_travel"),
            EventHandler(event_type="logistics.stock_moved", handler=post_stock_move, name="finance.post_stock_move")]


@hookimpl
def register_approvables() -> list[Approvable]:
    from .approvals import APPROVABLES

    return APPROVABLES


@hookimpl
def register_ui() -> UiMetadata:
    return UiMetadata(
        navigation=(NavItem(key="me.expenses", label=Text("My expense claims", "Klaim biaya saya"),
                            path="/me/expenses", icon="receipt"),
                    NavItem(key="finance", label=Text("Finance", "Keuangan"), path="/finance", icon="coins",
                            children=(
                                NavItem(key="finance.accounts", label=Text("Chart of accounts", "Bagan akun"),
                                        path="/finance/accounts", permission="finance.account.read"),
                                NavItem(key="finance.journal", label=Text("Journal", "Jurnal"),
                                        path="/finance/journal", permission="finance.journal.read"),
                                NavItem(key="finance.trial_balance", label=Text("Trial balance", "Neraca saldo"),
                                        path="/finance/trial-balance", permission="finance.report.read"),
                                NavItem(key="finance.invoices", label=Text("Invoices", "Faktur"),
                                        path="/finance/invoices", permission="finance.invoice.read"),
                                NavItem(key="finance.bills", label=Text("Bills", "Tagihan"),
                                        path="/finance/bills", permission="finance.bill.read"),
                                NavItem(key="finance.bank", label=Text("Bank", "Bank"), path="/finance/bank",
                                        permission="finance.journal.read"),
                                NavItem(key="finance.reports", label=Text("Reports", "Laporan"),
                                        path="/finance/reports", permission="finance.report.read"),
                                NavItem(key="finance.planning", label=Text("Budgets and forecast", "Anggaran dan proyeksi"),
                                        path="/finance/planning", permission="finance.report.read"),
                            )),),
        resources=(UiResource(key="accounts", label=Text("Accounts", "Akun"), query="accounts",
                              permission="finance.account.read", create_mutation="createAccount",
                              columns=(UiColumn("code", Text("Code", "Kode"), sortable=True),
                                       UiColumn("name", Text("Name", "Nama")),
                                       UiColumn("kind", Text("Kind", "Jenis"), kind="enum"))),
                   UiResource(key="journal_entries", label=Text("Journal entries", "Jurnal"),
                              query="journalEntries", permission="finance.journal.read",
                              create_mutation="postJournalEntry",
                              columns=(UiColumn("number", Text("Number", "Nomor")),
                                       UiColumn("entryDate", Text("Date", "Tanggal"), kind="date"),
                                       UiColumn("memo", Text("Memo", "Keterangan")),
                                       UiColumn("source", Text("Source", "Sumber")))),
                   UiResource(key="invoices", label=Text("Invoices", "Faktur"), query="invoices",
                              permission="finance.invoice.read", create_mutation="createInvoice",
                              columns=(UiColumn("number", Text("Number", "Nomor")),
                                       UiColumn("customer.name", Text("Customer", "Pelanggan")),
                                       UiColumn("issueDate", Text("Date", "Tanggal"), kind="date"),
                                       UiColumn("dueDate", Text("Due", "Jatuh tempo"), kind="date"),
                                       UiColumn("total", Text("Total", "Total"), kind="money"),
                                       UiColumn("status", Text("Status", "Status"), kind="enum"))),
                   UiResource(key="bills", label=Text("Bills", "Tagihan"), query="bills",
                              permission="finance.bill.read", create_mutation="recordBill",
                              columns=(UiColumn("reference", Text("Reference", "Referensi")),
                                       UiColumn("supplier.name", Text("Supplier", "Pemasok")),
                                       UiColumn("dueDate", Text("Due", "Jatuh tempo"), kind="date"),
                                       UiColumn("total", Text("Total", "Total"), kind="money"),
                                       UiColumn("status", Text("Status", "Status"), kind="enum")))),
    )


@hookimpl
async def seed_demo(tenant_id: int) -> None:
    from .demo import seed

    await seed()


@hookimpl
async def on_module_enabled(tenant_id: int) -> None:
    from .ledger.chart import seed
    from .sales.services import seed_taxes

    await seed()
    await seed_taxes()
