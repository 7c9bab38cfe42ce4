"""Report files are fetched by their key within a company."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-11-22T11:01:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "report file key"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="finance", description=DESCRIPTION)
    add_raw_statements(manager, "CREATE UNIQUE INDEX finance_report_files_key ON finance_report_files (tenant_id, job_key)")
    return manager
