"""Tenant-leading indexes of OAuth grants, authorization codes and refresh tokens."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-04T23:01:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "oauth authorization code grant indexes"

STATEMENTS = [
    "CREATE INDEX oauth_grants_tenant_user ON oauth_grants (tenant_id, user_id, client_id)",
    "CREATE INDEX oauth_grants_tenant_client ON oauth_grants (tenant_id, client_id)",
    "CREATE INDEX oauth_authorization_codes_tenant_expiry "
    "ON oauth_authorization_codes (tenant_id, expires_at)",
    "CREATE INDEX oauth_refresh_tokens_tenant_grant ON oauth_refresh_tokens (tenant_id, grant_id)",
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
