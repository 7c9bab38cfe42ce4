"""Indexes for the job and event columns of core_0003 (raw DDL runs before the columns of
its own migration, hence a migration of its own)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-22T09:36:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "job dedupe and stale-run indexes"

STATEMENTS = [
    # ON CONFLICT DO NOTHING on this index turns a second firing of a schedule into a no-op.
    "CREATE UNIQUE INDEX jobs_tenant_dedupe ON jobs (tenant_id, dedupe_key) "
    "WHERE dedupe_key IS NOT NULL",
    # The sweeper looks for runs whose worker died.
    "CREATE INDEX jobs_running ON jobs (tenant_id, started_at) WHERE status = 'running'",
]


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)
    for statement in STATEMENTS:
        manager.add_raw(_runner(statement))
    return manager


def _runner(statement: str):  # noqa: ANN202
    async def run() -> None:
        from piccolo.engine.finder import engine_finder

        await engine_finder().run_ddl(statement)

    return run
