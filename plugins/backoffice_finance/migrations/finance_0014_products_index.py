"""Product codes are unique in a company."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-11-22T11:11:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "product code"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="finance", description=DESCRIPTION)
    add_raw_statements(manager, "CREATE UNIQUE INDEX finance_products_code ON finance_products (tenant_id, code)")
    return manager
