"""The tenant-leading indexes of webhook deliveries: an endpoint's log and the log by status,
newest first."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-04T22:51:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "webhook delivery indexes"

STATEMENTS = [
    "CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (tenant_id, endpoint_id, id)",
    "CREATE INDEX webhook_deliveries_status ON webhook_deliveries (tenant_id, status, id)",
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
