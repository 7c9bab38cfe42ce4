"""Uniqueness per tenant and tenant-leading indexes, which Piccolo's columns cannot express.

``CREATE UNIQUE INDEX`` and partial indexes work on PostgreSQL and SQLite alike.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-22T09:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "tenant-scoped unique constraints and indexes"

STATEMENTS = [
    "CREATE UNIQUE INDEX memberships_tenant_user ON memberships (tenant_id, user_id)",
    "CREATE UNIQUE INDEX roles_tenant_key ON roles (tenant_id, key)",
    "CREATE UNIQUE INDEX membership_roles_unique ON membership_roles "
    "(tenant_id, membership_id, role_id)",
    "CREATE UNIQUE INDEX event_deliveries_unique ON event_deliveries (tenant_id, event_id, handler)",
    "CREATE INDEX audit_entries_tenant_recent ON audit_entries (tenant_id, id DESC)",
    "CREATE INDEX jobs_tenant_recent ON jobs (tenant_id, id DESC)",
    "CREATE INDEX jobs_waiting ON jobs (tenant_id, run_after) WHERE status = 'queued'",
    "CREATE INDEX outbox_waiting ON outbox_events (tenant_id, id) WHERE dispatched_at IS NULL",
    "CREATE INDEX tenants_pending_work ON tenants (pending_work_at) "
    "WHERE pending_work_at IS NOT NULL",
    "CREATE INDEX login_failures_key_at ON login_failures (key, at)",
]


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)
    for statement in STATEMENTS:
        manager.add_raw(_runner(manager, statement))
    return manager


def _runner(manager: MigrationManager, statement: str):  # noqa: ANN202
    """One raw statement, run on the migration's engine."""
    async def run() -> None:
        from piccolo.engine.finder import engine_finder

        await engine_finder().run_ddl(statement)

    return run
