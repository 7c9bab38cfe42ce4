"""The notes list reads newest first within a company."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-11-22T09:41:50:000000"
VERSION = "1.38.0"
DESCRIPTION = "company-leading index of notes"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="example", description=DESCRIPTION)
    add_raw_statements(
        manager,
        "CREATE INDEX example_notes_recent ON example_notes (tenant_id, id DESC)",
    )
    return manager
