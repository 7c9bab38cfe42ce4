"""One budget figure per account and month in a company."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-11-22T10:56:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "budget key"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="finance", description=DESCRIPTION)
    add_raw_statements(
        manager,
        "CREATE UNIQUE INDEX finance_budgets_key ON finance_budgets (tenant_id, account_id, year, month)",
    )
    return manager
