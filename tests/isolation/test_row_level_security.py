"""The second wall: PostgreSQL row level security, proven with raw SQL as the app's role.

These tests bypass the application's own tenant filter on purpose: they run plain SQL on the
application's connection pool and on direct connections, and still see nothing of another
tenant.
"""

from __future__ import annotations

import os

import asyncpg
import pytest

from backoffice.db import scope
from backoffice.runtime import get_engine

pytestmark = pytest.mark.postgres


async def _tenant_id(api) -> int:  # type: ignore[no-untyped-def]
    from backoffice.graphql.ids import decode_id

    tid = (await api.data("{ tenant { id } }"))["tenant"]["id"]
    return decode_id(tid, "Tenant")


async def _tenant_tables(conn: asyncpg.Connection) -> list[str]:
    rows = await conn.fetch(
        "SELECT table_name FROM information_schema.columns "
        "WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY 1")
    return [r["table_name"] for r in rows]


async def test_every_tenant_table_has_forced_rls_and_a_policy(app):
    conn = await asyncpg.connect(os.environ["BACKOFFICE_TEST_PG_SUPERUSER_URL"])
    try:
        tables = await _tenant_tables(conn)
        assert "memberships" in tables and "audit_entries" in tables
        missing = []
        for table in tables:
            row = await conn.fetchrow(
                "SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = $1", table)
            policy = await conn.fetchrow(
                "SELECT qual, with_check FROM pg_policies "
                "WHERE tablename = $1 AND policyname = 'tenant_isolation'", table)
            if not (row["relrowsecurity"] and row["relforcerowsecurity"] and policy
                    and "app.tenant_id" in policy["qual"] and "app.tenant_id" in policy["with_check"]):
                missing.append(table)
        assert missing == [], f"tenant tables without row level security: {missing}"
    finally:
        await conn.close()


async def test_app_role_owns_nothing_and_cannot_bypass_rls(app):
    conn = await asyncpg.connect(os.environ["DATABASE_URL"])
    try:
        role = await conn.fetchrow(
            "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
        assert role["rolsuper"] is False and role["rolbypassrls"] is False
        owned = await conn.fetchval(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user")
        assert owned == 0
    finally:
        await conn.close()


async def test_raw_select_in_one_tenant_sees_none_of_another(company, other_company):
    a, b = await _tenant_id(company.api), await _tenant_id(other_company.api)
    engine = get_engine()
    async with engine.pool.acquire() as probe:
        tables = await _tenant_tables(probe)
    seen_own = 0
    with scope.scoped(tenant_id=a):
        for table in tables:
            rows = await engine._run_in_pool(f'SELECT tenant_id FROM "{table}"')
            assert all(r["tenant_id"] == a for r in rows), f"{table} leaked another tenant's rows"
            foreign = await engine._run_in_pool(
                f'SELECT count(*) AS n FROM "{table}" WHERE tenant_id = $1', [b])
            assert foreign[0]["n"] == 0, table
            seen_own += len(rows)
    assert seen_own > 0  # the policy lets the tenant's own rows through


async def test_insert_for_another_tenant_is_refused(company, other_company):
    a, b = await _tenant_id(company.api), await _tenant_id(other_company.api)
    conn = await asyncpg.connect(os.environ["DATABASE_URL"])
    try:
        await conn.execute("SELECT set_config('app.tenant_id', $1, false)", str(a))
        with pytest.raises(asyncpg.exceptions.InsufficientPrivilegeError):
            await conn.execute(
                "INSERT INTO roles (tenant_id, key, name, description, permissions, builtin, module,"
                " created_at) VALUES ($1, 'x', 'x', '', '[]', false, 'core', now())", b)
        # Nor can a row be moved to another tenant.
        with pytest.raises(asyncpg.exceptions.InsufficientPrivilegeError):
            await conn.execute("UPDATE roles SET tenant_id = $1 WHERE key = 'admin'", b)
    finally:
        await conn.close()


async def test_no_scope_means_no_rows(company):
    conn = await asyncpg.connect(os.environ["DATABASE_URL"])
    try:
        assert await conn.fetchval("SELECT count(*) FROM memberships") == 0
        assert await conn.fetchval("SELECT count(*) FROM audit_entries") == 0
    finally:
        await conn.close()


async def test_pooled_connection_carries_no_tenant_into_the_next_use(company):
    a = await _tenant_id(company.api)
    engine = get_engine()
    with scope.scoped(tenant_id=a):
        rows = await engine._run_in_pool("SELECT count(*) AS n FROM roles")
        assert rows[0]["n"] > 0
    # Same pool, no scope: whatever connection comes back, it sees nothing.
    for _ in range(engine.pool.get_size() + 2):
        setting = await engine._run_in_pool(
            "SELECT current_setting('app.tenant_id', true) AS t, (SELECT count(*) FROM roles) AS n")
        assert setting[0]["t"] in ("", None)
        assert setting[0]["n"] == 0


async def test_parallel_resolvers_each_see_their_own_tenant(company, other_company):
    """Concurrent queries for two tenants on one pool never cross."""
    import asyncio

    a, b = await _tenant_id(company.api), await _tenant_id(other_company.api)
    engine = get_engine()

    async def tenants_seen(tenant_id: int) -> set[int]:
        with scope.scoped(tenant_id=tenant_id):
            rows = await engine._run_in_pool("SELECT DISTINCT tenant_id FROM roles")
        return {r["tenant_id"] for r in rows}

    results = await asyncio.gather(*[tenants_seen(t) for t in [a, b] * 10])
    assert all(r == {t} for r, t in zip(results, [a, b] * 10, strict=True))
