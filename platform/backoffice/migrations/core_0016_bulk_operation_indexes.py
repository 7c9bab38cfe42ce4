"""The tenant-leading indexes of bulk operations: listing an actor's operations, at most one
created or running operation per actor (a partial unique index), and the parts of a file in
order."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-04T23:31:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "bulk operation indexes"

STATEMENTS = [
    "CREATE INDEX bulk_operations_tenant_actor ON bulk_operations (tenant_id, actor_key, id)",
    "CREATE UNIQUE INDEX bulk_operations_one_running ON bulk_operations (tenant_id, actor_key) "
    "WHERE status IN ('created', 'running')",
    "CREATE UNIQUE INDEX bulk_operation_parts_tenant_operation_seq "
    "ON bulk_operation_parts (tenant_id, operation_id, seq)",
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
