"""Company-leading indexes of the recruitment tables (raw steps run before a migration's
tables are created, so they come in a migration of their own)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-11-22T09:45:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "recruitment indexes"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="hr", description=DESCRIPTION)
    add_raw_statements(
        manager,
        "CREATE INDEX hr_applicants_opening ON hr_applicants (tenant_id, opening_id, stage)",
        "CREATE INDEX hr_applicant_notes_applicant ON hr_applicant_notes (tenant_id, applicant_id)",
    )
    return manager
