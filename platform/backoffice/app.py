"""``create_app(settings)``: the one place the ASGI application is wired."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from collections.abc import AsyncIterator
from typing import Any

from litestar import Litestar, MediaType, Request, Response, get
from litestar.exceptions.responses import create_exception_response

from backoffice import tracing
from backoffice.db import engine as db_engine
from backoffice.db.unavailable import database_unavailable_exceptions, is_unavailable
from backoffice.errors import ServiceUnavailable
from backoffice.i18n import from_accept_language, get_locale
from backoffice.graphql.controller import graphql_controller
from backoffice.graphql.schema import SchemaRouter
from backoffice.identity.edge import edge_middleware
from backoffice.runtime import get_engine, get_registry
from backoffice.settings import Settings, get_settings

log = logging.getLogger("backoffice")


@get("/health", media_type=MediaType.JSON, sync_to_thread=False, include_in_schema=False)
def health() -> dict[str, str]:
    return {"status": "ok"}


def security_headers(app: Any) -> Any:
    """Headers every response carries: no framing, no sniffing, a strict referrer policy."""
    extra = [
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"strict-origin-when-cross-origin"),
    ]
    if get_settings().is_production:
        extra.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))

    async def middleware(scope: dict[str, Any], receive: Any, send: Any) -> None:
        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await app(scope, receive, send_with_headers if scope["type"] == "http" else send)

    return middleware


def service_unavailable(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """An exception that escaped a handler or the edge (which reads the session before any
    handler runs): the database unreachable is 503 with ``Retry-After``, shaped as a GraphQL
    error on ``/graphql`` and as a JSON error elsewhere; anything else is the usual 500."""
    if not is_unavailable(exc):
        log.error("Unhandled error on %s", request.url.path, exc_info=exc)
        return create_exception_response(request, exc)
    log.warning("Database unavailable on %s: %s: %s", request.url.path, type(exc).__name__, exc)
    error = ServiceUnavailable()
    locale = from_accept_language(request.headers.get("accept-language")) or get_locale()
    message = error.text.get(locale)
    body: dict[str, Any]
    if request.url.path.startswith("/graphql"):
        body = {"data": None, "errors": [{"message": message, "extensions": error.extensions}]}
    else:
        body = {"status_code": 503, "detail": message, **error.extensions}
    return Response(body, status_code=503, media_type=MediaType.JSON, headers={
        "Retry-After": str(error.retry_after), "cache-control": "no-store"})


async def startup(settings: Settings) -> None:
    """What a serving process starts: the database pool and the job runner."""
    from backoffice.jobs import runner  # noqa: PLC0415

    await db_engine.start(get_engine())
    await runner.start(settings)


async def shutdown() -> None:
    from backoffice.jobs import runner  # noqa: PLC0415

    await runner.stop()
    await db_engine.stop(get_engine())
    tracing.shutdown()


def create_app(settings: Settings | None = None) -> Litestar:
    settings = settings or get_settings()
    from backoffice import observability  # noqa: PLC0415

    observability.configure_logging(settings.log_level, settings.log_format)
    registry = get_registry()
    router = SchemaRouter(registry, settings)
    router.full()  # build the complete schema now: a broken plugin fails start-up, not a request

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        await startup(settings)
        try:
            yield
        finally:
            await shutdown()

    route_handlers: list[Any] = [health, graphql_controller(router)]
    from backoffice.identity import oauth_http  # noqa: PLC0415

    route_handlers += oauth_http.route_handlers()
    from backoffice.bulk import http as bulk_http  # noqa: PLC0415

    route_handlers += bulk_http.route_handlers()
    from backoffice import webapp  # noqa: PLC0415

    route_handlers += observability.route_handlers(settings.redis_url, settings.metrics_token)
    route_handlers += webapp.route_handlers(settings)
    app = Litestar(
        route_handlers=route_handlers,
        middleware=[observability.request_middleware, security_headers, edge_middleware],
        plugins=tracing.litestar_plugins(),
        lifespan=[lifespan],
        exception_handlers={cls: service_unavailable for cls in database_unavailable_exceptions()},
        debug=False,
    )
    app.state.schema_router = router
    from backoffice.graphql.ratelimit import RateLimiter  # noqa: PLC0415

    app.state.rate_limiter = RateLimiter(settings)
    return app


