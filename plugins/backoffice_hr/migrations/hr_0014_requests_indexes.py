"""Per-company numbering and the company-leading indexes of requests to HR."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-12-01T22:53:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "requests to HR indexes"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="hr", description=DESCRIPTION)
    add_raw_statements(
        manager,
        "CREATE UNIQUE INDEX hr_requests_tenant_number ON hr_requests (tenant_id, number)",
        "CREATE INDEX hr_requests_tenant_status ON hr_requests (tenant_id, status, id)",
        "CREATE INDEX hr_requests_requester ON hr_requests (tenant_id, requester_user_id, id)",
        "CREATE INDEX hr_requests_source ON hr_requests (tenant_id, source_key) WHERE source_key IS NOT NULL",
    )
    return manager
