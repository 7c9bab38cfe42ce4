"""Logistics module of Backoffice (backoffice_logistics).

The manifest and the hook implementations live here: thin wiring only. The module's areas
(tables, services, GraphQL, jobs, events) live in sub-packages of their own.
"""

from pathlib import Path
from typing import Any

from piccolo.conf.apps import AppConfig

from backoffice.sdk import (
    Commentable,
    CronJob,
    EventHandler,
    EventType,
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
    key="logistics",
    name=Text("Logistics", "Logistik"),
    description=Text(
        "Items and warehouses, stock moves and valuation, purchase receipts, shipments and low-stock alerts.",
        "Barang dan gudang, mutasi dan penilaian stok, penerimaan pembelian, pengiriman, dan peringatan stok menipis.",
    ),
    version="0.1.0",
    depends_on=(),
)


@hookimpl
def register_module() -> ModuleManifest:
    return MANIFEST


@hookimpl
def register_piccolo_app() -> AppConfig:
    from .issues.tables import StockIssue, StockIssueLine
    from .purchasing.tables import ExpectedDelivery, ExpectedDeliveryLine, PurchaseReceipt, PurchaseReceiptLine
    from .shipping.tables import Shipment, ShipmentLine
    from .stock.tables import Item, Location, LogisticsSetting, StockLevel, StockMove, Warehouse

    return AppConfig(app_name="logistics", migrations_folder_path=str(Path(__file__).parent / "migrations"),
                     table_classes=[Item, Warehouse, Location, StockMove, StockLevel, LogisticsSetting, Shipment,
                                    ShipmentLine, ExpectedDelivery, ExpectedDeliveryLine, PurchaseReceipt,
                                    PurchaseReceiptLine, StockIssue, StockIssueLine])


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
    from .issues.graphql import IssueMutation, IssueQuery
    from .purchasing.graphql import PurchasingMutation, PurchasingQuery
    from .shipping.graphql import ShippingMutation, ShippingQuery
    from .stock.graphql import StockExportQuery, StockMutation, StockQuery

    return GraphQLContribution(queries=(StockQuery, StockExportQuery, ShippingQuery, PurchasingQuery, IssueQuery),
                               mutations=(StockMutation, ShippingMutation, PurchasingMutation, IssueMutation))


@hookimpl
def register_event_types() -> list[EventType]:
    return [EventType("logistics.stock_moved", Text(
        "A receipt, issue or adjustment was posted (transfers are not published). Payload: move_id, kind (receipt, "
        "issue, adjustment), purpose (receipt: purchase or return; issue: sale or internal_use; adjustment: empty), "
        "item_sku, quantity and value (decimal strings; the value at moving average, negative when stock leaves: "
        "issues and downward adjustments), currency (the stock currency, IDR), date (YYYY-MM-DD).",
        "Penerimaan, pengeluaran, atau penyesuaian stok diposting (pemindahan tidak dipublikasikan). Isi: move_id, "
        "kind (receipt, issue, adjustment), purpose (receipt: purchase atau return; issue: sale atau internal_use; "
        "adjustment: kosong), item_sku, quantity dan value (string desimal; nilai rata-rata bergerak, negatif bila "
        "stok keluar: pengeluaran dan penyesuaian turun), currency (mata uang stok, IDR), date (YYYY-MM-DD).")),
            EventType("logistics.low_stock", Text(
                "Items at or below their reorder point (daily). Payload: items [{item_id, sku, on_hand, reorder_point}].",
                "Barang pada atau di bawah titik pesan ulang (harian). Isi: items [{item_id, sku, on_hand, "
                "reorder_point}]."))]


@hookimpl
def register_event_handlers() -> list[EventHandler]:
    from .issues.events import draft_from_supply_request

    return [EventHandler(event_type="ga.supply_request_approved", handler=draft_from_supply_request,
                         name="logistics.draft_supply_issue")]


@hookimpl
def register_jobs() -> list[Any]:
    from .stock.jobs import alert_low_stock

    return [alert_low_stock]


@hookimpl
def register_cron_jobs() -> list[CronJob]:
    from .stock.jobs import alert_low_stock

    return [CronJob(name="logistics.low_stock", job=alert_low_stock, hour=7, minute=0)]


@hookimpl
async def seed_demo(tenant_id: int) -> None:
    from .demo import seed

    await seed()


@hookimpl
def register_ui() -> UiMetadata:
    from .ui import UI

    return UI


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
