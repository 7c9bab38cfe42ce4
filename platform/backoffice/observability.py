"""What operators watch: ``/ready``, ``/metrics`` (Prometheus) and structured logs.

- ``/health`` says the process is alive; ``/ready`` says it can serve: the database answers
  and no migration is pending (503 with the failing checks otherwise). Redis unreachable is
  reported as ``degraded`` without failing: the API keeps serving while jobs wait.
- ``/metrics`` exposes request latency by route, GraphQL latency by operation (its root fields,
  never the client's free-form operation name), GraphQL errors by code, jobs by outcome and
  duration, and the age of the oldest waiting job or event. No label carries a tenant id.
  With several worker processes set ``PROMETHEUS_MULTIPROC_DIR`` to a shared empty directory.
- Logs: ``LOG_FORMAT=json`` writes one JSON object per line with the request id (taken from
  ``X-Request-ID`` or made up, and echoed in the response), the tenant id and the user id.
"""

from __future__ import annotations

import asyncio
import contextvars
import hmac
import json
import logging
import os
import re
import time
import uuid
from typing import Any

from litestar import MediaType, Request, Response, get
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from strawberry.extensions import SchemaExtension

log = logging.getLogger("backoffice")

REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("backoffice_request_id", default="")
_REQUEST_ID_OK = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
HTTP_LATENCY = Histogram("backoffice_http_request_duration_seconds", "HTTP requests by route and status.",
                         ["method", "route", "status"], buckets=LATENCY_BUCKETS)
GRAPHQL_LATENCY = Histogram("backoffice_graphql_operation_duration_seconds",
                            "GraphQL operations by type and root fields.", ["operation"], buckets=LATENCY_BUCKETS)
GRAPHQL_ERRORS = Counter("backoffice_graphql_errors_total", "GraphQL errors by extensions.code.", ["code"])
JOBS_FINISHED = Counter("backoffice_jobs_finished_total", "Background jobs by outcome.", ["status"])
JOB_DURATION = Histogram("backoffice_job_duration_seconds", "Background job run time by job.", ["job"],
                         buckets=(0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 900))
WORK_WAITING = Gauge("backoffice_oldest_waiting_work_seconds",
                     "Age of the oldest job or event waiting to be handed to a worker (outbox lag).",
                     multiprocess_mode="max")


def _route(path: str) -> str:
    """A bounded label for a path: the API's own routes by name, everything else is the app."""
    for prefix in ("/graphql", "/oauth/token", "/oauth/authorize", "/health", "/ready", "/metrics"):
        if path == prefix or path.startswith(prefix + "/"):
            return prefix
    return "/assets" if path.startswith("/assets/") else "app"


def request_middleware(app: Any) -> Any:
    """Times every HTTP request and gives it a request id (log field and response header)."""

    async def middleware(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        incoming = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _REQUEST_ID_OK.match(incoming) else uuid.uuid4().hex
        token = REQUEST_ID.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await app(scope, receive, send_with_id)
        finally:
            HTTP_LATENCY.labels(scope.get("method", ""), _route(scope.get("path", "")), str(status)).observe(
                time.perf_counter() - started)
            REQUEST_ID.reset(token)

    return middleware


class GraphQLMetrics(SchemaExtension):
    """Times each GraphQL operation under a label made of its type and root field names."""

    def on_execute(self) -> Any:  # type: ignore[override]
        started = time.perf_counter()
        yield
        context = self.execution_context
        operation = "unknown"
        try:
            kind = context.operation_type.value if context.operation_type else "query"
            document = context.graphql_document
            fields: list[str] = []
            for definition in document.definitions if document else ():
                selection_set = getattr(definition, "selection_set", None)
                for selection in selection_set.selections if selection_set else ():
                    name = getattr(getattr(selection, "name", None), "value", None)
                    if name and name not in fields:
                        fields.append(name)
            operation = f"{kind}:{','.join(sorted(fields)[:3]) or '-'}"
        except Exception:  # noqa: BLE001 - a label must never break a request
            pass
        GRAPHQL_LATENCY.labels(operation).observe(time.perf_counter() - started)


def count_graphql_error(code: str) -> None:
    GRAPHQL_ERRORS.labels(code).inc()


def job_finished(name: str, status: str, seconds: float | None) -> None:
    JOBS_FINISHED.labels(status).inc()
    if seconds is not None:
        JOB_DURATION.labels(name).observe(seconds)


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with the request, tenant and user the record belongs to."""

    def format(self, record: logging.LogRecord) -> str:
        from backoffice.db import scope  # noqa: PLC0415

        current = scope.current()
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": REQUEST_ID.get() or None,
            "tenant_id": current.tenant_id,
            "user_id": current.user_id,
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(level: str, fmt: str) -> None:
    root = logging.getLogger()
    root.setLevel(level)
    if fmt == "json":
        handler = logging.StreamHandler()
        handler.setFormatter(JsonFormatter())
        handler.formatter.converter = time.gmtime  # type: ignore[union-attr]
        root.handlers = [handler]
    elif not root.handlers:
        logging.basicConfig(level=level)


# --------------------------------------------------------------------------------------------
# /ready and /metrics
# --------------------------------------------------------------------------------------------

_migrations_checked: dict[str, Any] = {"at": 0.0, "pending": []}


async def _check_database() -> str | None:
    from backoffice.runtime import get_engine  # noqa: PLC0415

    try:
        await asyncio.wait_for(get_engine().run_ddl("SELECT 1"), 3)
    except Exception as exc:  # noqa: BLE001
        return f"database: {type(exc).__name__}"
    return None


async def _check_redis(url: str) -> str | None:
    if not url:
        return None
    from redis.asyncio import Redis  # noqa: PLC0415

    client = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        await client.ping()
    except Exception as exc:  # noqa: BLE001
        return f"redis: {type(exc).__name__}"
    finally:
        await client.aclose()
    return None


async def _check_migrations() -> str | None:
    # Reading the migration table costs a few queries: once a minute is enough.
    if time.monotonic() - _migrations_checked["at"] > 60:
        from backoffice.db.migrate import pending_migrations  # noqa: PLC0415

        _migrations_checked["pending"] = await pending_migrations()
        _migrations_checked["at"] = time.monotonic()
    pending = _migrations_checked["pending"]
    return f"migrations: {len(pending)} pending" if pending else None


async def _oldest_waiting_work() -> float:
    """Seconds since the oldest tenant's work (jobs or events) started waiting."""
    from backoffice.tenancy.tables import Tenant  # noqa: PLC0415

    rows = await Tenant.select(Tenant.pending_work_at).where(Tenant.pending_work_at.is_not_null()).order_by(
        Tenant.pending_work_at).limit(1)
    if not rows:
        return 0.0
    from datetime import UTC, datetime  # noqa: PLC0415

    return max(0.0, (datetime.now(UTC) - rows[0]["pending_work_at"]).total_seconds())


def route_handlers(redis_url: str, metrics_token: str = "") -> list[Any]:
    @get("/ready", include_in_schema=False)
    async def ready() -> Response[dict[str, Any]]:
        database, redis = await asyncio.gather(_check_database(), _check_redis(redis_url))
        failures = [database] if database else []
        if not failures:
            try:
                failure = await _check_migrations()
            except Exception as exc:  # noqa: BLE001
                failure = f"migrations: {type(exc).__name__}"
            if failure:
                failures.append(failure)
        if failures:
            return Response({"status": "unavailable", "failing": failures}, status_code=503,
                            headers={"cache-control": "no-store"})
        # Redis down does not stop the API: jobs and events wait in the database and flow once
        # it is back. Readiness says so without taking the process out of service.
        body: dict[str, Any] = {"status": "ready"}
        if redis:
            body["degraded"] = [redis]
        return Response(body, headers={"cache-control": "no-store"})

    @get("/metrics", include_in_schema=False, media_type=MediaType.TEXT)
    async def metrics(request: Request[Any, Any, Any]) -> Response[Any]:
        # With METRICS_TOKEN set, only a scraper that sends it as a bearer token reads them.
        if metrics_token and not hmac.compare_digest(
                request.headers.get("authorization", ""), f"Bearer {metrics_token}"):
            return Response({"detail": "Unauthorized"}, status_code=401, media_type=MediaType.JSON)
        try:
            WORK_WAITING.set(await _oldest_waiting_work())
        except Exception:  # noqa: BLE001 - the other metrics are still worth serving
            log.warning("Could not read the oldest waiting work", exc_info=True)
        directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
        if directory:
            from prometheus_client import multiprocess  # noqa: PLC0415

            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
            body = generate_latest(registry)
        else:
            body = generate_latest()
        return Response(body, media_type=CONTENT_TYPE_LATEST, headers={"cache-control": "no-store"})

    return [ready, metrics]
