"""Company-leading index of employee documents."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-11-22T10:21:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "employee documents index"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="hr", description=DESCRIPTION)
    add_raw_statements(
        manager,
        "CREATE INDEX hr_employee_documents_employee ON hr_employee_documents (tenant_id, employee_id)",
    )
    return manager
