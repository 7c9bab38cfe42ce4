"""Webhooks, received by a real HTTP server on loopback: a hire in HR reaches the subscribed
endpoint signed as Standard Webhooks says (checked with a few lines of hmac and with the
``standardwebhooks`` package), failures are retried with the same ``webhook-id``, the delivery
log shows each answer, a person can redeliver, an endpoint that keeps failing is disabled and
its admins told, and no company ever sees or receives another's.

Retries wait a fifth of a second here (``WEBHOOK_RETRY_SCHEDULE``) and two deliveries that
fail every attempt disable an endpoint (``WEBHOOK_DISABLE_AFTER_FAILURES``). Delivery runs
in-process on SQLite and through Redis and an arq worker (in this event loop) on PostgreSQL.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from helpers import add_member, enable, eventually
from smtp_helpers import configure, restore

SETTINGS = {
    "WEBHOOK_RETRY_SCHEDULE": "0.2,0.2,0.2",  # four attempts in all
    "WEBHOOK_DISABLE_AFTER_FAILURES": "2",
    "WEBHOOK_TIMEOUT_SECONDS": "5",
}

ENDPOINT_FIELDS = """id url description eventTypes enabled disabledReason consecutiveFailures
  failingSince createdAt secretRotatedAt"""
DELIVERY_FIELDS = """id endpointId eventType eventId status attempts lastStatusCode lastDurationMs
  lastError lastResponseBody nextAttemptAt createdAt body
  attemptLog { at statusCode durationMs error manual }"""
CREATE = f"""mutation($i: CreateWebhookEndpointInput!) {{ createWebhookEndpoint(input: $i) {{
  webhookEndpoint {{ {ENDPOINT_FIELDS} }} secret userErrors {{ field message code }} }} }}"""
UPDATE = f"""mutation($i: UpdateWebhookEndpointInput!) {{ updateWebhookEndpoint(input: $i) {{
  webhookEndpoint {{ {ENDPOINT_FIELDS} }} userErrors {{ field message code }} }} }}"""
DELETE = """mutation($id: ID!) { deleteWebhookEndpoint(input: {id: $id}) { deletedId userErrors { code } } }"""
ROTATE = f"""mutation($id: ID!) {{ rotateWebhookSecret(input: {{id: $id}}) {{
  webhookEndpoint {{ {ENDPOINT_FIELDS} }} secret userErrors {{ code }} }} }}"""
ENABLE = f"""mutation($id: ID!) {{ enableWebhookEndpoint(input: {{id: $id}}) {{
  webhookEndpoint {{ {ENDPOINT_FIELDS} }} userErrors {{ code }} }} }}"""
REDELIVER = f"""mutation($id: ID!) {{ redeliverWebhook(input: {{deliveryId: $id}}) {{
  delivery {{ {DELIVERY_FIELDS} }} userErrors {{ field message code }} }} }}"""
ENDPOINT = f"""query($id: ID!) {{ webhookEndpoint(id: $id) {{ {ENDPOINT_FIELDS} }} }}"""
ENDPOINTS = f"""{{ webhookEndpoints(first: 50) {{ totalCount nodes {{ {ENDPOINT_FIELDS} }} }} }}"""
DELIVERIES = f"""query($e: ID, $s: String) {{ webhookDeliveries(endpointId: $e, status: $s, first: 50) {{
  totalCount nodes {{ {DELIVERY_FIELDS} }} }} }}"""
EVENT_TYPES = "{ webhookEventTypes { key module description } }"


# -- the receiver --------------------------------------------------------------------------------


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """Records every POST; answers 200, or ``status`` for the first ``times`` requests of a
    path (every request while ``times`` is None)."""

    port: int = 0
    requests: list[Received] = field(default_factory=list)
    failing: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def fail(self, path: str, status: int = 500, times: int | None = None) -> None:
        with self.lock:
            self.failing[path] = (status, times)

    def heal(self, path: str) -> None:
        with self.lock:
            self.failing.pop(path, None)

    def answer(self, path: str) -> int:
        with self.lock:
            status, times = self.failing.get(path, (200, None))
            if status != 200 and times is not None:
                times -= 1
                if times <= 0:
                    self.failing.pop(path, None)
                else:
                    self.failing[path] = (status, times)
            return status

    def to(self, path: str) -> list[Received]:
        with self.lock:
            return [r for r in self.requests if r.path == path]

    async def wait_for(self, path: str, count: int = 1, within: float = 30.0) -> list[Received]:
        return await eventually(lambda: _at_least(self.to(path), count), timeout=within)


async def _at_least(items: list[Any], count: int) -> list[Any] | None:
    return items if len(items) >= count else None


@pytest.fixture(scope="module")
def receiver():  # type: ignore[no-untyped-def]
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            with state.lock:
                state.requests.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            status = state.answer(self.path)
            reply = b'{"ok": true}' if status == 200 else b"receiver is down"
            self.send_response(status)
            self.send_header("content-length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    previous = configure(SETTINGS)
    try:
        yield state
    finally:
        restore(previous)
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module", autouse=True)
async def job_worker(app):  # type: ignore[no-untyped-def]
    """With Redis configured, delivery goes through arq: run a worker in this event loop."""
    from backoffice.jobs import worker
    from backoffice.settings import get_settings

    if not get_settings().redis_url:
        yield None
        return
    async with worker.embedded(get_settings()) as running:
        yield running


# -- helpers -------------------------------------------------------------------------------------


def verify_with_hmac(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """What a receiver with only the standard library does."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(expected, sig.split(",", 1)[1])
               for sig in headers["webhook-signature"].split() if sig.startswith("v1,"))


def verify_with_package(secret: str, headers: dict[str, str], body: bytes) -> Any:
    from standardwebhooks import Webhook

    return Webhook(secret).verify(body, headers)


def new_path() -> str:
    return f"/hooks/{secrets.token_hex(6)}"


async def subscribe(company: Any, url: str, event_types: list[str] | None = None,
                    description: str = "") -> dict[str, Any]:
    payload = (await company.api.data(CREATE, {"i": {
        "url": url, "eventTypes": event_types or ["hr.employee_hired"],
        "description": description}}))["createWebhookEndpoint"]
    assert payload["userErrors"] == [], payload["userErrors"]
    return payload


async def hire(company: Any, name: str) -> None:
    """An applicant hired through GraphQL: HR publishes ``hr.employee_hired``."""
    api = company.api
    opening = (await api.data('mutation { createJobOpening(input: {title: "Clerk", headcount: 50}) '
                              '{ jobOpening { id } } }'))["createJobOpening"]["jobOpening"]["id"]
    applicant = (await api.data(
        'mutation($o: ID!, $n: String!) { createApplicant(input: {openingId: $o, fullName: $n}) '
        '{ applicant { id } } }', {"o": opening, "n": name}))["createApplicant"]["applicant"]["id"]
    hired = await api.data('mutation($a: ID!) { hireApplicant(input: {id: $a, startDate: "2026-12-01"}) '
                           '{ userErrors { code message } } }', {"a": applicant})
    assert hired["hireApplicant"]["userErrors"] == []


async def deliveries(company: Any, endpoint_id: str | None = None,
                     status: str | None = None) -> list[dict[str, Any]]:
    data = await company.api.data(DELIVERIES, {"e": endpoint_id, "s": status})
    return data["webhookDeliveries"]["nodes"]


async def settled(company: Any, endpoint_id: str, count: int = 1,
                  status: str = "succeeded") -> list[dict[str, Any]]:
    """The endpoint's deliveries once ``count`` of them have ``status``."""
    async def check() -> list[dict[str, Any]] | None:
        found = await deliveries(company, endpoint_id)
        return found if len([d for d in found if d["status"] == status]) >= count else None

    return await eventually(check, timeout=30)


@pytest.fixture
async def hr(company):  # type: ignore[no-untyped-def]
    await enable(company.api, "hr")
    return company


# -- tests ---------------------------------------------------------------------------------------


async def test_a_hire_reaches_the_endpoint_signed(hr, receiver):
    path = new_path()
    types = [t["key"] for t in (await hr.api.data(EVENT_TYPES))["webhookEventTypes"]]
    assert "hr.employee_hired" in types and "logistics.stock_moved" not in types
    created = await subscribe(hr, receiver.url(path), description="Payroll provider")
    secret, endpoint = created["secret"], created["webhookEndpoint"]
    assert secret.startswith("whsec_") and len(base64.b64decode(secret[6:])) == 32
    assert endpoint["enabled"] and endpoint["eventTypes"] == ["hr.employee_hired"]

    await hire(hr, "Sari Dewi")
    (request,) = await receiver.wait_for(path)
    headers = request.headers
    assert headers["content-type"] == "application/json"
    assert abs(int(headers["webhook-timestamp"]) - time.time()) < 60
    assert headers["webhook-signature"].startswith("v1,")
    assert verify_with_hmac(secret, headers, request.body)
    assert verify_with_package(secret, headers, request.body)["type"] == "hr.employee_hired"
    assert not verify_with_hmac("whsec_" + base64.b64encode(b"x" * 32).decode(), headers, request.body)

    body = request.json
    assert set(body) == {"type", "timestamp", "data"} and body["type"] == "hr.employee_hired"
    assert body["timestamp"].endswith("Z")
    assert body["data"]["full_name"] == "Sari Dewi"
    employee = (await hr.api.data("query($id: ID!) { employee(id: $id) { fullName } }",
                                  {"id": body["data"]["employee_id"]}))["employee"]
    assert employee["fullName"] == "Sari Dewi"  # ids in the payload are the API's global ids

    (delivery,) = await settled(hr, endpoint["id"])
    assert delivery["id"] == headers["webhook-id"]
    assert delivery["eventType"] == "hr.employee_hired" and delivery["attempts"] == 1
    assert delivery["lastStatusCode"] == 200 and delivery["lastResponseBody"] == '{"ok": true}'
    assert delivery["lastDurationMs"] >= 0 and delivery["nextAttemptAt"] is None
    assert delivery["body"].encode() == request.body
    assert [a["statusCode"] for a in delivery["attemptLog"]] == [200]


async def test_the_secret_is_shown_only_when_made(hr, receiver):
    from backoffice.db import scope
    from backoffice.graphql.ids import decode_id
    from backoffice.webhooks.tables import WebhookEndpoint

    created = await subscribe(hr, receiver.url(new_path()))
    secret, endpoint_id = created["secret"], created["webhookEndpoint"]["id"]
    body = await hr.api.gql("query($id: ID!) { webhookEndpoint(id: $id) { secret } }",
                            {"id": endpoint_id})
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    listed = json.dumps(await hr.api.data(ENDPOINTS))
    assert secret not in listed and secret[6:] not in listed
    with scope.scoped(tenant_id=decode_id(hr.tenant_id, "Tenant")):
        row = await WebhookEndpoint.select().where(
            WebhookEndpoint.id == decode_id(endpoint_id, "WebhookEndpoint")).first()
    assert secret not in json.dumps(row, default=str)  # sealed at rest
    audit = await hr.api.data('{ auditLog(operation: "createWebhookEndpoint") { nodes { changes targetIds } } }')
    assert secret not in json.dumps(audit)
    assert endpoint_id in audit["auditLog"]["nodes"][0]["targetIds"]


async def test_a_failed_attempt_is_retried_with_the_same_id(hr, receiver):
    path = new_path()
    receiver.fail(path, 500, times=2)
    created = await subscribe(hr, receiver.url(path))
    await hire(hr, "Budi Santoso")
    requests = await receiver.wait_for(path, 3)
    assert len({r.headers["webhook-id"] for r in requests}) == 1
    assert all(verify_with_hmac(created["secret"], r.headers, r.body) for r in requests)
    assert len({r.body for r in requests}) == 1  # the same body, signed afresh each time
    (delivery,) = await settled(hr, created["webhookEndpoint"]["id"])
    assert delivery["attempts"] == 3 and delivery["lastStatusCode"] == 200
    assert [a["statusCode"] for a in delivery["attemptLog"]] == [500, 500, 200]
    assert all(not a["manual"] for a in delivery["attemptLog"])
    endpoint = (await hr.api.data(ENDPOINT, {"id": created["webhookEndpoint"]["id"]}))["webhookEndpoint"]
    assert endpoint["consecutiveFailures"] == 0 and endpoint["failingSince"] is None


async def test_redelivery_by_hand_and_a_rotated_secret(hr, receiver):
    from backoffice.db import scope
    from backoffice.graphql.ids import decode_id
    from backoffice.webhooks.tables import WebhookDelivery

    path = new_path()
    created = await subscribe(hr, receiver.url(path))
    endpoint_id = created["webhookEndpoint"]["id"]
    await hire(hr, "Citra Lestari")
    (delivery,) = await settled(hr, endpoint_id)

    rotated = (await hr.api.data(ROTATE, {"id": endpoint_id}))["rotateWebhookSecret"]
    assert rotated["secret"] != created["secret"] and rotated["webhookEndpoint"]["secretRotatedAt"]
    again = (await hr.api.data(REDELIVER, {"id": delivery["id"]}))["redeliverWebhook"]
    assert again["userErrors"] == [] and again["delivery"]["status"] == "pending"
    first, second = await receiver.wait_for(path, 2)
    assert second.headers["webhook-id"] == first.headers["webhook-id"] == delivery["id"]
    assert verify_with_hmac(rotated["secret"], second.headers, second.body)
    assert not verify_with_hmac(created["secret"], second.headers, second.body)

    async def redelivered() -> dict[str, Any] | None:
        (d,) = await deliveries(hr, endpoint_id)
        return d if d["attempts"] == 2 and d["status"] == "succeeded" else None

    log = (await eventually(redelivered))["attemptLog"]
    assert [(a["statusCode"], a["manual"]) for a in log] == [(200, False), (200, True)]

    # A delivery still being attempted cannot be sent again by hand; the refusal changes nothing.
    with scope.scoped(tenant_id=decode_id(hr.tenant_id, "Tenant")):
        await WebhookDelivery.update({WebhookDelivery.status: "pending"}).where(
            WebhookDelivery.id == decode_id(delivery["id"], "WebhookDelivery"))
    refused = (await hr.api.data(REDELIVER, {"id": delivery["id"]}))["redeliverWebhook"]
    assert refused["delivery"] is None
    assert refused["userErrors"] == [{"field": ["input", "deliveryId"], "code": "DELIVERY_PENDING",
                                      "message": refused["userErrors"][0]["message"]}]
    assert len(receiver.to(path)) == 2


async def test_an_endpoint_that_keeps_failing_is_disabled_and_its_admins_told(hr, receiver):
    path = new_path()
    receiver.fail(path, 503)
    created = await subscribe(hr, receiver.url(path))
    endpoint_id = created["webhookEndpoint"]["id"]
    await hire(hr, "Dewi Anggraini")
    await hire(hr, "Eko Prasetyo")

    async def disabled() -> dict[str, Any] | None:
        endpoint = (await hr.api.data(ENDPOINT, {"id": endpoint_id}))["webhookEndpoint"]
        return endpoint if not endpoint["enabled"] else None

    endpoint = await eventually(disabled)
    assert endpoint["disabledReason"] == "failing" and endpoint["consecutiveFailures"] == 2
    failed = await settled(hr, endpoint_id, 2, status="failed")
    for delivery in failed:
        assert delivery["attempts"] == 4 and delivery["lastStatusCode"] == 503
        assert [a["statusCode"] for a in delivery["attemptLog"]] == [503] * 4
        assert delivery["lastResponseBody"] == "receiver is down" and delivery["nextAttemptAt"] is None
    assert len(receiver.to(path)) == 8

    audit = (await hr.api.data('{ auditLog(operation: "disableWebhookEndpoint") { nodes { actorId targetIds changes } } }'))
    (entry,) = audit["auditLog"]["nodes"]
    assert entry["targetIds"] == [endpoint_id] and entry["actorId"] is None
    assert entry["changes"]["automatic"] is True

    async def told() -> list[dict[str, Any]]:
        nodes = (await hr.api.data("{ notifications(first: 50) { nodes { kind title } } }"))["notifications"]["nodes"]
        return [n for n in nodes if n["kind"] == "core.webhook_disabled"]

    (notice,) = await eventually(told)
    assert receiver.url(path) in notice["title"]

    # Nothing more is sent while it is off: a new hire makes no delivery.
    await hire(hr, "Fajar Nugroho")
    await eventually(lambda: _dispatched(hr))
    assert len(await deliveries(hr, endpoint_id)) == 2

    # The receiver is fixed: enable the endpoint and send a missed delivery again.
    receiver.heal(path)
    enabled = (await hr.api.data(ENABLE, {"id": endpoint_id}))["enableWebhookEndpoint"]["webhookEndpoint"]
    assert enabled["enabled"] and enabled["consecutiveFailures"] == 0 and enabled["disabledReason"] == ""
    again = (await hr.api.data(REDELIVER, {"id": failed[0]["id"]}))["redeliverWebhook"]
    assert again["userErrors"] == []
    (done,) = [d for d in await settled(hr, endpoint_id, 1) if d["status"] == "succeeded"]
    assert done["id"] == failed[0]["id"] and done["attempts"] == 5


async def _dispatched(company: Any) -> bool:
    from backoffice.db import scope
    from backoffice.events.tables import OutboxEvent
    from backoffice.graphql.ids import decode_id

    with scope.scoped(tenant_id=decode_id(company.tenant_id, "Tenant")):
        return not await OutboxEvent.exists().where(OutboxEvent.dispatched_at.is_null())


async def test_only_webhook_managers_may_see_or_change_them(hr, receiver, new_client):
    created = await subscribe(hr, receiver.url(new_path()))
    endpoint_id = created["webhookEndpoint"]["id"]
    member = await add_member(hr, new_client, permissions=["core.user.read", "core.job.read"])
    for query, variables in ((ENDPOINTS, None), (ENDPOINT, {"id": endpoint_id}), (EVENT_TYPES, None),
                             (DELIVERIES, {"e": endpoint_id}), (DELETE, {"id": endpoint_id}),
                             (ROTATE, {"id": endpoint_id}),
                             (CREATE, {"i": {"url": "https://example.com/x", "eventTypes": ["hr.employee_hired"]}})):
        assert await member.api.error_code(query, variables) == "FORBIDDEN"
    assert (await hr.api.data(ENDPOINT, {"id": endpoint_id}))["webhookEndpoint"]["url"] == created["webhookEndpoint"]["url"]
    manager = await add_member(hr, new_client, permissions=["core.webhook.manage"])
    assert (await manager.api.data(ENDPOINT, {"id": endpoint_id}))["webhookEndpoint"]["id"] == endpoint_id
    # Nobody sends a module's events out without access to that module.
    hire_hook = {"i": {"url": receiver.url(new_path()), "eventTypes": ["hr.employee_hired"]}}
    assert await manager.api.error_code(CREATE, hire_hook) == "FORBIDDEN"
    assert await manager.api.error_code(UPDATE, {"i": {"id": endpoint_id, "eventTypes": [
        "hr.employee_terminated"]}}) == "FORBIDDEN"
    assert (await hr.api.data(ENDPOINTS))["webhookEndpoints"]["totalCount"] == 1
    hr_manager = await add_member(hr, new_client, permissions=["core.webhook.manage", "hr.employee.read"])
    assert (await hr_manager.api.data(CREATE, hire_hook))["createWebhookEndpoint"]["userErrors"] == []


async def test_companies_never_see_or_receive_each_others_webhooks(hr, other_company, receiver):
    await enable(other_company.api, "hr")
    mine, theirs = new_path(), new_path()
    my_endpoint = (await subscribe(hr, receiver.url(mine)))["webhookEndpoint"]
    their_endpoint = (await subscribe(other_company, receiver.url(theirs)))["webhookEndpoint"]

    await hire(other_company, "Gita Permata")
    (received,) = await receiver.wait_for(theirs)
    (their_delivery,) = await settled(other_company, their_endpoint["id"])
    await hire(hr, "Hadi Wijaya")
    await receiver.wait_for(mine)
    await settled(hr, my_endpoint["id"])
    assert len(receiver.to(theirs)) == 1 and len(receiver.to(mine)) == 1
    assert received.json["data"]["full_name"] == "Gita Permata"
    assert [d["id"] for d in await deliveries(hr)] != [] and their_delivery["id"] not in \
        [d["id"] for d in await deliveries(hr)]
    assert [e["id"] for e in (await hr.api.data(ENDPOINTS))["webhookEndpoints"]["nodes"]] == [my_endpoint["id"]]

    api, other_id = hr.api, their_endpoint["id"]
    assert await api.error_code(ENDPOINT, {"id": other_id}) == "NOT_FOUND"
    assert await api.error_code(DELIVERIES, {"e": other_id}) == "NOT_FOUND"
    assert await api.error_code(UPDATE, {"i": {"id": other_id, "description": "mine now"}}) == "NOT_FOUND"
    assert await api.error_code(ROTATE, {"id": other_id}) == "NOT_FOUND"
    assert await api.error_code(ENABLE, {"id": other_id}) == "NOT_FOUND"
    assert await api.error_code(DELETE, {"id": other_id}) == "NOT_FOUND"
    assert await api.error_code(REDELIVER, {"id": their_delivery["id"]}) == "NOT_FOUND"
    # An id of another type is not an endpoint either.
    assert await api.error_code(ENDPOINT, {"id": their_delivery["id"]}) == "NOT_FOUND"
    untouched = (await other_company.api.data(ENDPOINT, {"id": other_id}))["webhookEndpoint"]
    assert untouched["description"] == "" and untouched["secretRotatedAt"] is None
    assert len(await deliveries(other_company, other_id)) == 1


@pytest.mark.parametrize("url,code", [
    ("http://example.com/hook", "INSECURE_URL"),
    ("ftp://example.com/hook", "INVALID_URL"),
    ("https://", "INVALID_URL"),
    ("not a url", "INVALID_URL"),
    ("https://user:pass@example.com/hook", "INVALID_URL"),
    ("https://example.com:99999/hook", "INVALID_URL"),
    ("https://10.1.2.3/hook", "PRIVATE_URL"),
    ("https://169.254.169.254/latest/meta-data", "PRIVATE_URL"),
    ("https://[fd00::1]/hook", "PRIVATE_URL"),
])
async def test_a_bad_url_is_refused_and_nothing_changes(hr, url, code):
    before = (await hr.api.data(ENDPOINTS))["webhookEndpoints"]["totalCount"]
    payload = (await hr.api.data(CREATE, {"i": {"url": url, "eventTypes": ["hr.employee_hired"]}}))[
        "createWebhookEndpoint"]
    assert payload["webhookEndpoint"] is None and payload["secret"] is None
    (error,) = payload["userErrors"]
    assert error["field"] == ["input", "url"] and error["code"] == code and error["message"]
    assert (await hr.api.data(ENDPOINTS))["webhookEndpoints"]["totalCount"] == before


async def test_event_types_are_checked_and_a_failed_update_changes_nothing(company, receiver):
    url = receiver.url(new_path())
    # HR is not enabled in this company: its events cannot be subscribed to.
    payload = (await company.api.data(CREATE, {"i": {"url": url, "eventTypes": ["hr.employee_hired"]}}))[
        "createWebhookEndpoint"]
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(["input", "eventTypes"], "UNKNOWN_EVENT_TYPE")]
    payload = (await company.api.data(CREATE, {"i": {"url": url, "eventTypes": []}}))["createWebhookEndpoint"]
    assert payload["userErrors"][0]["code"] == "BAD_USER_INPUT"
    assert (await company.api.data(ENDPOINTS))["webhookEndpoints"]["totalCount"] == 0

    await enable(company.api, "logistics")
    endpoint = (await subscribe(company, url, ["logistics.stock_moved"], "Stock"))["webhookEndpoint"]
    changed = (await company.api.data(UPDATE, {"i": {"id": endpoint["id"], "description": "Warehouse",
                                                     "url": "http://example.com/plain"}}))["updateWebhookEndpoint"]
    assert changed["userErrors"][0]["code"] == "INSECURE_URL"
    kept = (await company.api.data(ENDPOINT, {"id": endpoint["id"]}))["webhookEndpoint"]
    assert kept["description"] == "Stock" and kept["url"] == url
    changed = (await company.api.data(UPDATE, {"i": {"id": endpoint["id"], "eventTypes": [
        "logistics.low_stock", "logistics.stock_moved"]}}))["updateWebhookEndpoint"]
    assert changed["userErrors"] == []
    assert changed["webhookEndpoint"]["eventTypes"] == ["logistics.low_stock", "logistics.stock_moved"]
    deleted = (await company.api.data(DELETE, {"id": endpoint["id"]}))["deleteWebhookEndpoint"]
    assert deleted["deletedId"] == endpoint["id"]
    assert await company.api.error_code(ENDPOINT, {"id": endpoint["id"]}) == "NOT_FOUND"


def test_plain_http_to_loopback_needs_the_setting_which_production_refuses():
    from backoffice.errors import BadUserInput
    from backoffice.settings import Settings, SettingsError
    from backoffice.webhooks.services import check_url

    assert check_url(" http://127.0.0.1:9/hook ") == "http://127.0.0.1:9/hook"
    assert check_url("http://localhost/hook") == "http://localhost/hook"
    previous = configure({"WEBHOOK_ALLOW_HTTP_LOOPBACK": "false"})
    try:
        for url, code in (("http://127.0.0.1/hook", "INSECURE_URL"), ("https://127.0.0.1/hook", "PRIVATE_URL"),
                          ("https://localhost/hook", "PRIVATE_URL")):
            with pytest.raises(BadUserInput) as refused:
                check_url(url)
            assert refused.value.code == code
        assert check_url("https://hooks.example.com/in") == "https://hooks.example.com/in"
    finally:
        restore(previous)
    with pytest.raises(SettingsError):
        Settings.from_env({"BACKOFFICE_ENV": "production", "SECRET_KEY": "s" * 40,
                           "WEBHOOK_ALLOW_HTTP_LOOPBACK": "true"})
    default = Settings.from_env({})
    assert not default.webhook_allow_http_loopback
    assert default.webhook_retry_schedule == (5, 300, 1800, 7200, 18000, 36000, 50400)


async def test_a_name_that_resolves_to_a_private_address_is_not_posted_to(monkeypatch):
    from backoffice.webhooks import delivery

    previous = configure({"WEBHOOK_ALLOW_HTTP_LOOPBACK": "false"})
    try:
        attempt = await delivery.post("https://localhost.localdomain.invalid/hook", "id", "whsec_" + "A" * 44, "{}")
        assert attempt.status_code is None and attempt.error.startswith("DNSError")
        attempt = await delivery.post("https://127.0.0.1:1/hook", "id", "whsec_" + "A" * 44, "{}")
        assert attempt.status_code is None and attempt.error.startswith("PrivateAddress")
    finally:
        restore(previous)


def test_the_retry_schedule_comes_from_the_job_options():
    from backoffice.jobs.api import JobOptions
    from backoffice.jobs.wrapper import backoff, retry_delay

    options = JobOptions(retry_schedule=lambda: [5, 300, 1800])
    assert options.attempts(default=5) == 4
    assert [retry_delay(options, n) for n in (1, 2, 3, 4)] == [5, 300, 1800, 1800]
    assert JobOptions(retry_schedule=[]).attempts(default=5) == 1
    assert JobOptions(max_attempts=2, retry_schedule=[1, 2, 3]).attempts(default=5) == 2
    plain = JobOptions(retry_base=0.1)
    assert plain.attempts(default=5) == 5 and retry_delay(plain, 2) == backoff(2, 0.1)
