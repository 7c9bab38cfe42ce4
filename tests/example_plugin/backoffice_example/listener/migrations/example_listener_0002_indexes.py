"""One receipt per event and company: backs the handler's idempotency."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-11-22T09:41:50:000000"
VERSION = "1.38.0"
DESCRIPTION = "unique receipt per event"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="example_listener",
                               description=DESCRIPTION)
    add_raw_statements(
        manager,
        "CREATE UNIQUE INDEX example_receipts_event ON example_receipts (tenant_id, event_id)",
        "CREATE INDEX example_receipts_recent ON example_receipts (tenant_id, id DESC)",
    )
    return manager
