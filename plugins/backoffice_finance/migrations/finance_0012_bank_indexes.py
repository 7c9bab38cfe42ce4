"""A statement line is imported once; lines are listed per account and date."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-11-22T11:06:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "bank line keys"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="finance", description=DESCRIPTION)
    add_raw_statements(
        manager,
        "CREATE UNIQUE INDEX finance_bank_lines_once ON finance_bank_lines (tenant_id, fingerprint)",
        "CREATE INDEX finance_bank_lines_account ON finance_bank_lines (tenant_id, account_id, line_date)",
    )
    return manager
