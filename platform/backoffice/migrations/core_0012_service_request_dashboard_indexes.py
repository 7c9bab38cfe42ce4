"""Per-company numbering and the tenant-leading indexes of service requests and dashboard
snapshots (one snapshot per company, indicator and day)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-01T22:51:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "service request and dashboard snapshot indexes"

STATEMENTS = [
    "CREATE UNIQUE INDEX service_requests_tenant_number ON service_requests (tenant_id, number)",
    "CREATE INDEX service_requests_requester ON service_requests (tenant_id, requester_user_id, id)",
    "CREATE INDEX service_requests_queue ON service_requests (tenant_id, status, id)",
    "CREATE UNIQUE INDEX indicator_snapshots_tenant_key_day ON indicator_snapshots (tenant_id, key, day)",
]


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)
    for statement in STATEMENTS:
        manager.add_raw(_runner(statement))
    return manager


def _runner(statement: str):  # noqa: ANN202
    """One raw statement, run on the migration's engine."""
    async def run() -> None:
        from piccolo.engine.finder import engine_finder

        await engine_finder().run_ddl(statement)

    return run
