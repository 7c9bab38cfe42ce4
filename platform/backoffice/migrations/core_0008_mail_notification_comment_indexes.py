"""Indexes for the tables of core_0007 (raw DDL runs before the tables of its own migration,
hence a migration of its own). Tenant first wherever tenant queries use them."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-01T22:11:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "mail, notification and comment indexes"

STATEMENTS = [
    # A person's notifications, newest first, and their unread count.
    "CREATE INDEX notifications_user ON notifications (tenant_id, user_id, id)",
    "CREATE INDEX notifications_unread ON notifications (tenant_id, user_id) "
    "WHERE read_at IS NULL",
    "CREATE UNIQUE INDEX notification_preferences_user_kind "
    "ON notification_preferences (tenant_id, user_id, kind)",
    # The comments of one record, oldest first.
    "CREATE INDEX comments_record ON comments (tenant_id, record_id, id)",
    # A company's mail, newest first; and what the sweeper hands over again.
    "CREATE INDEX outgoing_mails_tenant ON outgoing_mails (tenant_id, id)",
    "CREATE INDEX outgoing_mails_waiting ON outgoing_mails (tenant_id, next_attempt_at) "
    "WHERE status IN ('queued', 'sending')",
    "CREATE INDEX throttle_hits_key_at ON throttle_hits (key, at)",
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
