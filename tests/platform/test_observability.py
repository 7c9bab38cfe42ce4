"""What operators watch: readiness, Prometheus metrics without tenant labels, request ids, and
JSON log lines that say which request, company and person they belong to."""

from __future__ import annotations

import json
import logging
import re
import time

import httpx
from litestar import Litestar

from backoffice import observability
from backoffice.db import scope


async def test_ready_when_database_and_migrations_are(api):
    response = await api.client.get("/ready")
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "ready"}
    assert response.headers["cache-control"] == "no-store"


async def _small_app_client(**kwargs) -> httpx.AsyncClient:  # type: ignore[no-untyped-def]
    app = Litestar(route_handlers=observability.route_handlers(**kwargs))
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


async def test_ready_but_degraded_when_redis_is_unreachable(app):
    # Jobs and events wait in the database while Redis is down: the API keeps serving.
    async with await _small_app_client(redis_url="redis://127.0.0.1:1/0") as client:
        response = await client.get("/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "degraded": ["redis: ConnectionError"]}


async def test_not_ready_while_migrations_are_pending(app, monkeypatch):
    monkeypatch.setitem(observability._migrations_checked, "at", time.monotonic())
    monkeypatch.setitem(observability._migrations_checked, "pending", ["core:core_0099_future"])
    async with await _small_app_client(redis_url="") as client:
        response = await client.get("/ready")
    assert response.status_code == 503
    assert response.json()["failing"] == ["migrations: 1 pending"]


async def test_metrics_count_operations_and_errors_without_tenant_labels(company):
    await company.api.data("{ tenant { name } }")
    await company.api.gql("{ nothingHere }")
    text = (await company.api.client.get("/metrics")).text
    assert 'backoffice_graphql_operation_duration_seconds_count{operation="query:tenant"}' in text
    assert re.search(r'backoffice_http_request_duration_seconds_count\{method="POST",route="/graphql",status="200"\}', text)
    assert 'backoffice_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}' in text
    assert "backoffice_oldest_waiting_work_seconds" in text
    labels = set(re.findall(r"[{,](\w+)=", text))
    assert not {label for label in labels if "tenant" in label or "user" in label}
    assert company.slug not in text


async def test_metrics_can_require_a_token(app):
    async with await _small_app_client(redis_url="", metrics_token="s3cret") as client:
        assert (await client.get("/metrics")).status_code == 401
        assert (await client.get("/metrics", headers={"authorization": "Bearer wrong"})).status_code == 401
        response = await client.get("/metrics", headers={"authorization": "Bearer s3cret"})
        assert response.status_code == 200 and "backoffice_" in response.text


async def test_every_response_carries_a_request_id(api):
    given = await api.client.get("/health", headers={"x-request-id": "req-42.a_b"})
    assert given.headers["x-request-id"] == "req-42.a_b"
    made = await api.client.get("/health")
    assert re.fullmatch(r"[0-9a-f]{32}", made.headers["x-request-id"])
    # A header that could forge log lines is replaced, not echoed.
    forged = await api.client.get("/health", headers={"x-request-id": 'x"}\n{"level": "error'})
    assert re.fullmatch(r"[0-9a-f]{32}", forged.headers["x-request-id"])


def test_json_log_lines_name_the_request_company_and_person():
    formatter = observability.JsonFormatter()
    record = logging.LogRecord("backoffice", logging.WARNING, __file__, 1, "Payroll %s failed", ("2026-11",), None)
    token = observability.REQUEST_ID.set("req-7")
    try:
        with scope.scoped(tenant_id=12, user_id=34):
            line = formatter.format(record)
    finally:
        observability.REQUEST_ID.reset(token)
    entry = json.loads(line)
    assert entry["message"] == "Payroll 2026-11 failed"
    assert (entry["level"], entry["request_id"], entry["tenant_id"], entry["user_id"]) == ("warning", "req-7", 12, 34)
    assert "\n" not in line
