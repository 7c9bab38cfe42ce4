"""SQL statements per request, counted in-process on the very app the server runs.

Two counts:

- **ORM statements**: every query Piccolo runs (all go through the engine's
  ``run_querystring``; the same hook as ``tests/helpers.py: QueryCounter``).
- **Round trips**: every statement sent on an asyncpg connection, which adds what the ORM
  does not see: the tenant scope copied into each connection on acquire (``set_config``),
  ``BEGIN``/``COMMIT`` of a transaction, and the pool's reset when a connection goes back.

The requests go through ``create_app()`` over httpx's ASGI transport, one at a time, so the
counts are exact and belong to that request alone. (pg_stat_statements would count on the
server side, but needs ``shared_preload_libraries`` and a restart of the shared PostgreSQL.)
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import Any

import asyncpg
import httpx

WIRE_METHODS = ("execute", "executemany", "fetch", "fetchrow", "fetchval", "copy_records_to_table")


class StatementCounter:
    def __init__(self) -> None:
        self.orm: list[str] = []
        self.wire: list[str] = []

    @contextlib.contextmanager
    def counting(self) -> Iterator[StatementCounter]:
        from backoffice.runtime import get_engine

        engine_type = type(get_engine())
        original_run = engine_type.run_querystring
        originals = {name: getattr(asyncpg.Connection, name) for name in WIRE_METHODS}
        counter = self

        async def run_querystring(engine: Any, querystring: Any, *args: Any, **kwargs: Any) -> Any:
            counter.orm.append(str(querystring))
            return await original_run(engine, querystring, *args, **kwargs)

        def wrap(name: str) -> Any:
            original = originals[name]

            async def method(conn: Any, query: Any = "", *args: Any, **kwargs: Any) -> Any:
                counter.wire.append(str(query))
                return await original(conn, query, *args, **kwargs)

            return method

        engine_type.run_querystring = run_querystring  # type: ignore[method-assign]
        for name in WIRE_METHODS:
            setattr(asyncpg.Connection, name, wrap(name))
        try:
            yield self
        finally:
            engine_type.run_querystring = original_run  # type: ignore[method-assign]
            for name, original in originals.items():
                setattr(asyncpg.Connection, name, original)

    def reset(self) -> None:
        self.orm.clear()
        self.wire.clear()


@contextlib.asynccontextmanager
async def in_process_client() -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client on ``create_app()`` in this process, with the app's start-up done."""
    from backoffice.app import create_app, shutdown, startup
    from backoffice.settings import get_settings

    app = create_app()
    await startup(get_settings())
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            yield client
    finally:
        await shutdown()


async def count_request(client: httpx.AsyncClient, counter: StatementCounter, send: Any,
                        repeats: int = 3) -> tuple[int, int, list[str]]:
    """ORM statements and round trips of one request (the last of ``repeats``, once caches
    are warm), and the ORM statements themselves."""
    for _ in range(repeats):
        counter.reset()
        response = await send(client)
        if response.status_code != 200 or b'"errors"' in response.content:
            raise RuntimeError(f"request failed while counting: {response.text[:500]}")
    return len(counter.orm), len(counter.wire), list(counter.orm)
