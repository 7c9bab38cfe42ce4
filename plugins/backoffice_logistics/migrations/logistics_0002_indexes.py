"""Per-company uniqueness and indexes of the stock tables."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-11-22T12:01:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "stock keys"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="logistics", description=DESCRIPTION)
    add_raw_statements(
        manager,
        "CREATE UNIQUE INDEX logistics_items_sku ON logistics_items (tenant_id, sku)",
        "CREATE UNIQUE INDEX logistics_levels_key ON logistics_stock_levels (tenant_id, item_id, location_id)",
        "CREATE UNIQUE INDEX logistics_moves_key ON logistics_stock_moves (tenant_id, idempotency_key) "
        "WHERE idempotency_key IS NOT NULL",
        "CREATE INDEX logistics_moves_item ON logistics_stock_moves (tenant_id, item_id, move_date)",
        "CREATE INDEX logistics_locations_warehouse ON logistics_locations (tenant_id, warehouse_id)",
        "CREATE UNIQUE INDEX logistics_settings_key ON logistics_settings (tenant_id, key)",
    )
    return manager
