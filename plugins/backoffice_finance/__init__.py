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
    Commentable,
    EventHandler,
    GraphQLContribution,
    Indicator,
    ModuleManifest,
    NotificationKind,
    Permission,
    RequestType,
    RoleTemplate,
    Text,
    UiMetadata,
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
    from .ui import UI

    return UI


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


@hookimpl
def register_request_types() -> list[RequestType]:
    from .portal import REQUEST_TYPES

    return REQUEST_TYPES


@hookimpl
def register_indicators() -> list[Indicator]:
    from .indicators import INDICATORS

    return INDICATORS


@hookimpl
def register_notification_kinds() -> list[NotificationKind]:
    from .notifications import KINDS

    return KINDS


@hookimpl
def register_commentables() -> list[Commentable]:
    from .notifications import COMMENTABLES

    return COMMENTABLES


@hookimpl
async def personal_data_export(user_id: int | None) -> Any:
    from .privacy import export

    return await export(user_id)


@hookimpl
async def personal_data_anonymise(user_id: int | None) -> Any:
    from .privacy import anonymise

    return await anonymise(user_id)
