"""Telling "the database is unreachable" apart from every other failure.

While PostgreSQL is down or restarting, a request cannot do anything useful: it is answered
at once with HTTP 503, a ``Retry-After`` header and the code ``SERVICE_UNAVAILABLE`` (GraphQL
and plain HTTP routes alike), never with a stack trace or an ``INTERNAL_SERVER_ERROR``. The pool
drops the dead connections on its own and connects again on the next acquire, so the same
process serves again as soon as the database is back.

:func:`is_unavailable` is the one place that decides which exceptions mean that: failing to get
a connection at all (refused, timed out: raised as :class:`ServiceUnavailable` by the engine),
a connection lost or closed under a query, the server shutting down, starting up or out of
connection slots. A plain ``ConnectionError`` is not one of them: it comes from other services
(SMTP, an archive, a webhook receiver), whose failures are the caller's to handle.
"""

from __future__ import annotations

from typing import Any

from backoffice.errors import ServiceUnavailable

# Connection-level messages of asyncpg's InterfaceError (other InterfaceErrors are bugs).
_CLOSED = ("connection is closed", "connection was closed", "pool is closing", "pool is closed",
           "underlying connection is closed")


def _postgres_classes() -> tuple[type[BaseException], ...]:
    try:
        from asyncpg import exceptions as pg  # noqa: PLC0415
    except ImportError:  # SQLite-only installs
        return ()
    return (
        pg.PostgresConnectionError,     # class 08: connection lost, refused, failed
        pg.AdminShutdownError,          # 57P01: the server is shutting down
        pg.CrashShutdownError,          # 57P02
        pg.CannotConnectNowError,       # 57P03: starting up or in recovery
        pg.TooManyConnectionsError,     # 53300
    )


# asyncpg's protocol state when a query goes out on a pooled connection the server has just
# ended (the server's goodbye arrived, the socket is not closed yet): "cannot switch to state
# 12; another operation (2) is in progress". The connection is closed right after.
_CUT_SHORT = "another operation"

_CLASSES: tuple[type[BaseException], ...] | None = None


def database_unavailable_exceptions() -> tuple[type[Exception], ...]:
    """The exception classes an HTTP handler for "database unavailable" is registered for
    (it checks :func:`is_unavailable` itself: an InterfaceError may be a plain bug)."""
    classes: list[type[Exception]] = [ServiceUnavailable, *_postgres_classes()]  # type: ignore[list-item]
    try:
        from asyncpg.exceptions import InterfaceError, InternalClientError  # noqa: PLC0415

        classes += [InterfaceError, InternalClientError]
    except ImportError:
        pass
    return tuple(classes)


def is_unavailable(exc: BaseException | None) -> bool:
    """Whether ``exc`` (or what caused it) means the database cannot be reached right now."""
    global _CLASSES
    if _CLASSES is None:
        _CLASSES = (ServiceUnavailable, *_postgres_classes())
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, _CLASSES):
            return True
        name = type(exc).__name__ if type(exc).__module__.startswith("asyncpg") else ""
        if name == "InterfaceError" and any(text in str(exc) for text in _CLOSED):
            return True
        if name == "InternalClientError" and _CUT_SHORT in str(exc):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _acquire_failures() -> tuple[type[BaseException], ...]:
    try:
        from asyncpg.exceptions import InterfaceError, InternalClientError  # noqa: PLC0415
    except ImportError:
        return (OSError, TimeoutError)
    # InternalClientError: see _CUT_SHORT (here while the pool's ``setup`` runs on the
    # connection, which the pool then closes).
    return (OSError, TimeoutError, InterfaceError, InternalClientError)


class TimedPool:
    """An asyncpg pool whose acquire gives up after ``timeout`` seconds (a pool exhausted, a
    server that does not answer), and reports a connection that cannot be had at all
    (refused, timed out, broken while being set up) as :class:`ServiceUnavailable`.
    Everything else is the pool's own."""

    def __init__(self, pool: Any, timeout: float) -> None:
        self._pool = pool
        self._timeout = timeout

    def acquire(self, *, timeout: float | None = None) -> _Acquire:
        return _Acquire(self._pool.acquire(timeout=self._timeout if timeout is None else timeout))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pool, name)


class _Acquire:
    """``async with pool.acquire()`` and ``await pool.acquire()``, as asyncpg's own."""

    def __init__(self, context: Any) -> None:
        self._context = context

    async def __aenter__(self) -> Any:
        try:
            return await self._context.__aenter__()
        except _ACQUIRE_FAILURES as exc:
            raise ServiceUnavailable() from exc

    async def __aexit__(self, *exc_info: Any) -> Any:
        return await self._context.__aexit__(*exc_info)

    def __await__(self) -> Any:
        return self._get().__await__()

    async def _get(self) -> Any:
        try:
            return await self._context
        except _ACQUIRE_FAILURES as exc:
            raise ServiceUnavailable() from exc


_ACQUIRE_FAILURES = _acquire_failures()
