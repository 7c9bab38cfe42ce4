"""Company-leading indexes of the training tables."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-11-22T09:57:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "training indexes"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="hr", description=DESCRIPTION)
    add_raw_statements(
        manager,
        "CREATE INDEX hr_sessions_programme ON hr_training_sessions (tenant_id, programme_id, starts_on)",
        "CREATE INDEX hr_enrolments_session ON hr_enrolments (tenant_id, session_id, employee_id)",
        "CREATE INDEX hr_certificates_expiry ON hr_certificates (tenant_id, expires_on)",
        "CREATE INDEX hr_certificates_employee ON hr_certificates (tenant_id, employee_id)",
    )
    return manager
