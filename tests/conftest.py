"""Test set-up: one fresh database per run, migrated through the real CLI.

``BACKOFFICE_TEST_DB=sqlite`` (default) uses a temporary SQLite file;
``BACKOFFICE_TEST_DB=postgres`` creates a database with an owner role for migrations and an
application role without BYPASSRLS for the app, and uses Redis for jobs. When PostgreSQL or
Redis cannot be reached the run is skipped with the reason, unless
``BACKOFFICE_REQUIRE_SERVICES=1``, which turns the skip into a failure.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BACKEND = os.environ.get("BACKOFFICE_TEST_DB", "sqlite")
REQUIRE = os.environ.get("BACKOFFICE_REQUIRE_SERVICES") == "1"
PG_ADMIN = os.environ.get("BACKOFFICE_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/test")
REDIS = os.environ.get("BACKOFFICE_TEST_REDIS", "redis://127.0.0.1:6379/0")

_state: dict[str, str] = {}
_skip_reason: str | None = None


def _pg_reachable() -> str | None:
    import asyncpg

    async def probe() -> None:
        conn = await asyncpg.connect(PG_ADMIN, timeout=3)
        await conn.close()

    try:
        asyncio.run(probe())
    except Exception as exc:  # noqa: BLE001
        return f"PostgreSQL at {PG_ADMIN} is not reachable: {exc}"
    return None


def _redis_reachable() -> str | None:
    import redis

    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=2).ping()
    except Exception as exc:  # noqa: BLE001
        return f"Redis at {REDIS} is not reachable: {exc}"
    return None


def _pg_admin(statements: list[str], database: str | None = None) -> None:
    import asyncpg

    url = PG_ADMIN if database is None else PG_ADMIN.rsplit("/", 1)[0] + "/" + database

    async def run() -> None:
        conn = await asyncpg.connect(url)
        try:
            for s in statements:
                await conn.execute(s)
        finally:
            await conn.close()

    asyncio.run(run())


def _provision_postgres() -> None:
    suffix = secrets.token_hex(4)
    db, owner, app_role = f"bo_test_{suffix}", f"bo_owner_{suffix}", f"bo_app_{suffix}"
    _pg_admin([
        f"CREATE ROLE {owner} LOGIN",
        f"CREATE ROLE {app_role} LOGIN NOBYPASSRLS",
        f"CREATE DATABASE {db} OWNER {owner}",
    ])
    _pg_admin(["REVOKE ALL ON SCHEMA public FROM PUBLIC",
               f"ALTER SCHEMA public OWNER TO {owner}"], database=db)
    host = PG_ADMIN.split("@", 1)[1].rsplit("/", 1)[0]
    _state.update(db=db, owner=owner, app=app_role)
    os.environ["DATABASE_URL"] = f"postgresql://{app_role}@{host}/{db}"
    os.environ["DATABASE_OWNER_URL"] = f"postgresql://{owner}@{host}/{db}"
    os.environ["DATABASE_APP_ROLE"] = app_role
    os.environ["BACKOFFICE_TEST_PG_SUPERUSER_URL"] = PG_ADMIN.rsplit("/", 1)[0] + "/" + db
    os.environ["REDIS_URL"] = REDIS
    os.environ["ARQ_QUEUE_NAME"] = f"backoffice:test:{suffix}"


def _drop_postgres() -> None:
    if not _state:
        return
    _pg_admin([
        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_state['db']}'",
        f"DROP DATABASE IF EXISTS {_state['db']}",
        f"DROP ROLE IF EXISTS {_state['owner']}",
        f"DROP ROLE IF EXISTS {_state['app']}",
    ])


def pytest_configure(config: pytest.Config) -> None:
    global _skip_reason
    os.environ["BACKOFFICE_ENV"] = "test"
    os.environ.setdefault("SECRET_KEY", "test-secret-" + "x" * 40)
    # API rate limit budgets the suite never reaches (test_rate_limits sets small ones).
    for budget in ("RATE_LIMIT_POINTS", "RATE_LIMIT_USER_POINTS", "RATE_LIMIT_TENANT_POINTS"):
        os.environ.setdefault(budget, "1000000")
    # Webhook receivers in the tests listen on loopback, over plain http.
    os.environ.setdefault("WEBHOOK_ALLOW_HTTP_LOOPBACK", "true")
    os.environ.pop("REDIS_URL", None)
    if BACKEND == "postgres":
        _skip_reason = _pg_reachable() or _redis_reachable()
        if _skip_reason:
            if REQUIRE:
                raise pytest.UsageError(
                    f"BACKOFFICE_REQUIRE_SERVICES=1 but {_skip_reason}")
            return
        _provision_postgres()
    else:
        directory = tempfile.mkdtemp(prefix="backoffice-test-")
        os.environ["DATABASE_URL"] = f"sqlite:///{directory}/test.sqlite3"
    result = subprocess.run([sys.executable, "-m", "backoffice.cli", "migrate"],
                            capture_output=True, text=True, env=os.environ.copy())
    if result.returncode != 0:
        raise pytest.UsageError(f"backoffice migrate failed:\n{result.stdout}\n{result.stderr}")


def pytest_unconfigure(config: pytest.Config) -> None:
    if BACKEND == "postgres":
        _drop_postgres()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _skip_reason:
            item.add_marker(pytest.mark.skip(reason=_skip_reason))
        elif BACKEND != "postgres" and item.get_closest_marker("postgres"):
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL (runs in the PostgreSQL pass)"))
        elif BACKEND == "postgres" and item.get_closest_marker("sqlite_only"):
            item.add_marker(pytest.mark.skip(reason="SQLite-only behaviour"))


from fixtures import api, app, company, new_client, other_company  # noqa: E402, F401
from smtp_helpers import mail_worker, smtp, smtp_server  # noqa: E402, F401
