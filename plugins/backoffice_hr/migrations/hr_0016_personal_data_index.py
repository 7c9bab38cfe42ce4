"""Company-leading index of personal data exports."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-12-05T22:41:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "personal data exports index"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="hr", description=DESCRIPTION)
    add_raw_statements(
        manager,
        "CREATE INDEX hr_personal_data_exports_employee ON hr_personal_data_exports (tenant_id, employee_id)",
    )
    return manager
