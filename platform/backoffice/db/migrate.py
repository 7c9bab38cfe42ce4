"""The migration runner: Piccolo migrations of every app, then the row level security wall.

After the migrations, every table with a ``tenant_id`` column gets row level security
enabled and forced, with one policy for reading and writing on ``app.tenant_id``. Doing this
here, for every tenant table whatever module made it, means no module can forget it; a test
lists the tables and fails on any without the policy. The application role is then granted
the table privileges it needs, and nothing more.
"""

from __future__ import annotations

import contextlib
import io
from typing import Any

from backoffice.runtime import get_engine, get_registry


class MigrationError(RuntimeError):
    pass


TENANT_EXPR = "NULLIF(current_setting('app.tenant_id', true), '')::bigint"
USER_EXPR = "NULLIF(current_setting('app.user_id', true), '')::bigint"
CLIENT_EXPR = "NULLIF(current_setting('app.oauth_client_id', true), '')"

# Edge look-ups that happen before a tenant is chosen, each limited to the caller's own rows.
EXTRA_POLICIES = {
    "memberships": [
        ("membership_self_read", "SELECT", f"user_id = {USER_EXPR}", None),
    ],
    "oauth_clients": [
        ("oauth_client_lookup", "SELECT", f"client_id = {CLIENT_EXPR}", None),
    ],
    # Mail of no tenant (a password reset asked for before logging in): seen and written only
    # by a connection with no tenant in scope, so a tenant never sees it.
    "outgoing_mails": [
        ("mail_without_tenant", "ALL", f"tenant_id IS NULL AND {TENANT_EXPR} IS NULL",
         f"tenant_id IS NULL AND {TENANT_EXPR} IS NULL"),
    ],
}


async def pending_migrations() -> list[str]:
    from piccolo.apps.migrations.commands.base import BaseMigrationManager  # noqa: PLC0415
    from piccolo.apps.migrations.tables import Migration  # noqa: PLC0415

    if not await Migration.table_exists():
        return ["all"]
    pending: list[str] = []
    manager = BaseMigrationManager()
    for module in get_registry():
        app = module.piccolo_app
        if app is None:
            continue
        ran = set(await Migration.get_migrations_which_ran(app_name=app.app_name))
        modules = manager.get_migration_modules(app.resolved_migrations_folder_path)
        pending += [f"{app.app_name}:{m}" for m in sorted(set(modules) - ran)]
    return pending


async def run(check_only: bool = False) -> list[str]:
    from piccolo.apps.migrations.commands.forwards import run_forwards  # noqa: PLC0415

    from backoffice.db.engine import is_postgres, start, stop  # noqa: PLC0415

    engine = get_engine()
    await start(engine)
    try:
        if check_only:
            return await pending_migrations()
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            result = await run_forwards(app_name="all")
        if not result.success:
            raise MigrationError(f"Migrations failed: {result.message}\n{out.getvalue()}")
        if is_postgres(engine):
            await apply_row_level_security(engine)
        return []
    finally:
        await stop(engine)


async def apply_row_level_security(engine: Any) -> None:
    from backoffice.settings import get_settings  # noqa: PLC0415

    settings = get_settings()
    async with engine.pool.acquire() as conn:
        tables = [r["table_name"] for r in await conn.fetch(
            "SELECT table_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND column_name = 'tenant_id' ORDER BY 1")]
        existing = {(r["tablename"], r["policyname"]) for r in await conn.fetch(
            "SELECT tablename, policyname FROM pg_policies WHERE schemaname = current_schema()")}
        async with conn.transaction():
            for table in tables:
                await conn.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
                await conn.execute(f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY')
                if (table, "tenant_isolation") not in existing:
                    await conn.execute(
                        f'CREATE POLICY tenant_isolation ON "{table}" FOR ALL '
                        f"USING (tenant_id = {TENANT_EXPR}) WITH CHECK (tenant_id = {TENANT_EXPR})"
                    )
                for name, command, using, check in EXTRA_POLICIES.get(table, []):
                    if (table, name) not in existing:
                        sql = f'CREATE POLICY {name} ON "{table}" FOR {command} USING ({using})'
                        if check:
                            sql += f" WITH CHECK ({check})"
                        await conn.execute(sql)
            role = settings.database_app_role
            if role:
                quoted = '"' + role.replace('"', '""') + '"'
                await conn.execute(f"GRANT USAGE ON SCHEMA public TO {quoted}")
                await conn.execute(
                    f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}")
                await conn.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}")
