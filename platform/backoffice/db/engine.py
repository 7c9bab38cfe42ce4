"""Engines for PostgreSQL and SQLite, and the hook that carries the tenant scope into them.

On PostgreSQL every connection handed out (from the pool or fresh) first gets the current
scope copied into session settings that the row level security policies read. The values are
set on every acquire, empty when there is no scope, so a pooled connection never carries one
request's tenant into the next.

Connections are made with a short timeout and the pool hands one out within a bounded wait:
while PostgreSQL is down a request fails at once with ``SERVICE_UNAVAILABLE`` (see
:mod:`backoffice.db.unavailable`) instead of hanging, and the pool connects again by itself
once the server is back.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlparse

from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, TransactionType

from . import scope as tenant_scope
from .unavailable import TimedPool, ServiceUnavailable

log = logging.getLogger(__name__)

_SCOPE_SQL = (
    "SELECT set_config('app.tenant_id', $1, false), "
    "set_config('app.user_id', $2, false), "
    "set_config('app.oauth_client_id', $3, false)"
)


async def apply_scope(connection: Any) -> None:
    """Copy the current scope into a PostgreSQL connection's session settings."""
    current = tenant_scope.current()
    await connection.execute(
        _SCOPE_SQL,
        "" if current.tenant_id is None else str(current.tenant_id),
        "" if current.user_id is None else str(current.user_id),
        current.oauth_client_id or "",
    )


class ScopedPostgresEngine(PostgresEngine):
    """A Piccolo PostgreSQL engine whose connections always carry the current tenant scope."""

    def __init__(self, *args: Any, pool_timeout: float = 30.0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pool_timeout = pool_timeout

    async def start_connection_pool(self, **kwargs: Any) -> None:
        kwargs.setdefault("setup", apply_scope)
        await super().start_connection_pool(**kwargs)
        if self.pool is not None and not isinstance(self.pool, TimedPool):
            self.pool = TimedPool(self.pool, self.pool_timeout)  # type: ignore[assignment]

    async def get_new_connection(self) -> Any:
        try:
            connection = await super().get_new_connection()
        except (OSError, TimeoutError) as exc:
            raise ServiceUnavailable() from exc
        await apply_scope(connection)
        return connection


def postgres_config(url: str, connect_timeout: float = 5.0) -> dict[str, Any]:
    parsed = urlparse(url)
    config: dict[str, Any] = {
        "host": parsed.hostname or "127.0.0.1",
        "port": parsed.port or 5432,
        "database": (parsed.path or "/").lstrip("/") or "postgres",
        "user": parsed.username or "postgres",
        # asyncpg's connect timeout (its default is a minute): for new connections of the
        # pool as for single ones.
        "timeout": connect_timeout,
    }
    if parsed.password:
        config["password"] = parsed.password
    return config


def build_engine(url: str, *, connect_timeout: float = 5.0, pool_timeout: float = 30.0) -> Engine:
    """An engine for ``url`` (``sqlite:///path`` or ``postgresql://user@host/db``).

    On PostgreSQL, ``connect_timeout`` bounds making a connection and ``pool_timeout`` the
    wait for one from the pool (connecting included)."""
    if url.startswith("sqlite"):
        path = url.split("sqlite:///", 1)[1] or "backoffice.sqlite3"
        # A busy timeout lets the API and in-process jobs wait for each other's writes.
        return SQLiteEngine(path=path, timeout=30)
    return ScopedPostgresEngine(config=postgres_config(url, connect_timeout),
                                pool_timeout=pool_timeout)


def is_postgres(engine: Engine) -> bool:
    return isinstance(engine, PostgresEngine)


def write_transaction(engine: Engine) -> Any:
    """A transaction for writing: IMMEDIATE on SQLite so concurrent writers queue, not fail."""
    if isinstance(engine, SQLiteEngine):
        return engine.transaction(transaction_type=TransactionType.immediate)
    return engine.transaction()


async def start(engine: Engine) -> None:
    if isinstance(engine, PostgresEngine):
        if engine.pool is None:
            await engine.start_connection_pool(min_size=1, max_size=10)
    elif isinstance(engine, SQLiteEngine):
        # WAL lets readers run beside one writer; the setting lives in the database file.
        await engine.run_ddl("PRAGMA journal_mode=WAL")


async def stop(engine: Engine) -> None:
    if isinstance(engine, PostgresEngine) and engine.pool is not None:
        await engine.close_connection_pool()


async def enter_scope(tenant_id: int | None, user_id: int | None = None,
                      oauth_client_id: str | None = None) -> None:
    """Change the scope of the running task, including an open PostgreSQL transaction.

    Used where a request learns its tenant mid-way (sign-up, log-in, switching tenant): the
    transaction's connection was set up with the old scope and must follow the new one.
    """
    tenant_scope.set_scope(tenant_scope.Scope(tenant_id, user_id, oauth_client_id))
    from backoffice.runtime import get_engine  # noqa: PLC0415

    engine = get_engine()
    if isinstance(engine, PostgresEngine):
        transaction = engine.current_transaction.get()
        if transaction is not None:
            await apply_scope(transaction.connection)
