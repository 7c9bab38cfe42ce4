"""Logistics module of Backoffice (backoffice_logistics).

The manifest and the hook implementations live here: thin wiring only. The module's areas
(tables, services, GraphQL, jobs, events) live in sub-packages of their own.
"""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from typing import Any

from backoffice.sdk import (
    CronJob,
    EventType,
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
    from .shipping.tables import Shipment, ShipmentLine
    from .stock.tables import Item, Location, LogisticsSetting, StockLevel, StockMove, Warehouse

    return AppConfig(app_name="logistics", migrations_folder_path=str(Path(__file__).parent / "migrations"),
                     table_classes=[Item, Warehouse, Location, StockMove, StockLevel, LogisticsSetting, Shipment,
                                    ShipmentLine])


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
    from .shipping.graphql import ShippingMutation, ShippingQuery
    from .stock.graphql import StockExportQuery, StockMutation, StockQuery

    return GraphQLContribution(queries=(StockQuery, StockExportQuery, ShippingQuery),
                               mutations=(StockMutation, ShippingMutation))


@hookimpl
def register_event_types() -> list[EventType]:
    return [EventType("logistics.stock_moved", Text(
        "A stock move was posted. Payload: move_id, kind, item_sku, quantity, value (moving average; negative for "
        "issues), date.",
        "Mutasi stok diposting. Isi: move_id, kind, item_sku, quantity, value (rata-rata bergerak; negatif untuk "
        "pengeluaran), date.")),
            EventType("logistics.low_stock", Text(
                "Items at or below their reorder point (daily). Payload: items [{item_id, sku, on_hand, reorder_point}].",
                "Barang pada atau di bawah titik pesan ulang (harian). Isi: items [{item_id, sku, on_hand, "
                "reorder_point}]."))]


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
    return UiMetadata(
        navigation=(NavItem(key="logistics", label=Text("Logistics", "Logistik"), path="/logistics", icon="boxes",
                            children=(NavItem(key="logistics.items", label=Text("Items", "Barang"),
                                              path="/logistics/items", permission="logistics.stock.read"),
                                      NavItem(key="logistics.stock", label=Text("Stock on hand", "Stok tersedia"),
                                              path="/logistics/stock", permission="logistics.stock.read"))),),
        resources=(UiResource(key="items", label=Text("Items", "Barang"), query="items", permission="logistics.stock.read",
                              create_mutation="createItem",
                              columns=(UiColumn("sku", Text("SKU", "SKU"), sortable=True),
                                       UiColumn("name", Text("Name", "Nama")),
                                       UiColumn("unit", Text("Unit", "Satuan")),
                                       UiColumn("reorderPoint", Text("Reorder at", "Titik pesan ulang"), kind="number"))),),
    )
