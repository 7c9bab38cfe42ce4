"""Delivering events to webhook endpoints.

**Fan-out.** The event dispatcher (:mod:`backoffice.events.dispatch`) runs :func:`fan_out` for
every event of a tenant that has an enabled endpoint, exactly like a module's handler: in the
transaction that records the event as delivered to it, so each event makes its deliveries
once. ``fan_out`` writes one ``WebhookDelivery`` per enabled endpoint subscribed to the event's
type (and created before the event), with the body as it will be signed, and queues a job for
each after commit.

**Attempts.** :func:`deliver_webhook` POSTs the body with the Standard Webhooks headers
(``webhook-id`` is the delivery's global id, the same on every attempt; ``webhook-timestamp``
and ``webhook-signature`` are made afresh for each). A 2xx answer is success; anything else
(another status, a redirect, a timeout, a refused connection, an address that is not public)
is recorded on the delivery and the job fails, so the job system tries again after the next
step of ``WEBHOOK_RETRY_SCHEDULE``. After the last attempt the delivery is ``failed``.
:func:`redeliver_webhook` is the single attempt a person asks for.

**Health.** A success clears the endpoint's failure record. An endpoint is disabled
automatically, with an audit entry and a notification to the people who manage webhooks, when
``WEBHOOK_DISABLE_AFTER_FAILURES`` deliveries in a row failed every attempt, or when it has
been failing without a single success for ``WEBHOOK_DISABLE_AFTER_HOURS``.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx

from backoffice.events.outbox import Event
from backoffice.jobs.api import create_job, job_options, options_of
from backoffice.jobs.wrapper import JobContext, retry_delay
from backoffice.modules.types import EventHandler
from backoffice.webhooks import services
from backoffice.webhooks.tables import WebhookDelivery, WebhookEndpoint

log = logging.getLogger("backoffice.webhooks")

HANDLER_KEY = "core:webhooks"
RESPONSE_LIMIT = 2000  # characters of a response body kept on the delivery
ERROR_LIMIT = 500
LOG_LIMIT = 20  # attempts kept in a delivery's log (the latest)
USER_AGENT = "Backoffice-Webhooks/1.0"


def timestamp_text(at: datetime) -> str:
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


def body_of(event: Event) -> str:
    """The JSON body: ``{"type", "timestamp", "data"}``; ids in ``data`` are global ids."""
    return json.dumps({"type": event.type, "timestamp": timestamp_text(event.created_at),
                       "data": event.payload}, ensure_ascii=False, separators=(",", ":"))


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """``v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`` with the secret's bytes."""
    digest = hmac.new(services.secret_bytes(secret), f"{msg_id}.{timestamp}.".encode() + body,
                      hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


# -- fan-out (an event handler of every event type) ----------------------------------------------


async def fan_out(event: Event) -> None:
    """Make this event's deliveries: one per enabled endpoint subscribed to its type."""
    endpoints = await WebhookEndpoint.select(
        WebhookEndpoint.id, WebhookEndpoint.event_types, WebhookEndpoint.created_at,
    ).where(WebhookEndpoint.enabled == True)  # noqa: E712
    targets = [r["id"] for r in endpoints if event.type in (services.loads(r["event_types"]) or [])
               and r["created_at"] <= event.created_at]
    if not targets:
        return
    body = body_of(event)
    rows = await WebhookDelivery.insert(*[
        WebhookDelivery(endpoint_id=pk, event_id=event.id, event_type=event.type, body=body,
                        next_attempt_at=services.now())
        for pk in targets]).returning(WebhookDelivery.id)
    for row in rows:
        await create_job(deliver_webhook, {"delivery_id": int(row["id"])})


SUBSCRIPTION = EventHandler(event_type="*", handler=fan_out, name="webhooks")


async def subscriptions() -> list[tuple[str, EventHandler]]:
    """The fan-out as a subscriber of every event, for a tenant with an enabled endpoint."""
    if await WebhookEndpoint.exists().where(WebhookEndpoint.enabled == True):  # noqa: E712
        return [(HANDLER_KEY, SUBSCRIPTION)]
    return []


# -- one attempt ---------------------------------------------------------------------------------


@dataclass
class Attempt:
    """What one POST came to."""

    status_code: int | None = None
    duration_ms: int = 0
    error: str = ""
    response_body: str = ""

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    @property
    def summary(self) -> str:
        if self.status_code is not None:
            return f"HTTP {self.status_code}" + (f": {self.error}" if self.error else "")
        return self.error


class DeliveryFailed(Exception):
    """An attempt did not get a 2xx answer: the job system tries again on schedule."""


async def _check_addresses(url: str, allow_loopback: bool) -> str:
    """An error if the URL's host resolves to an address deliveries may not go to."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        return f"DNSError: {host} could not be resolved ({exc})"
    if not infos:
        return f"DNSError: {host} has no address"
    for info in infos:
        address = str(info[4][0])
        if not services.address_allowed(address, allow_loopback):
            return f"PrivateAddress: {host} resolves to {address}, which is not a public address"
    return ""


async def post(url: str, msg_id: str, secret: str, body: str) -> Attempt:
    """POST ``body`` to ``url``, signed; never raises for the receiver's failures."""
    from backoffice.settings import get_settings  # noqa: PLC0415

    settings = get_settings()
    started = time.monotonic()

    def elapsed() -> int:
        return int((time.monotonic() - started) * 1000)

    refused = await _check_addresses(url, settings.webhook_allow_http_loopback)
    if refused:
        return Attempt(duration_ms=elapsed(), error=refused)
    data = body.encode()
    timestamp = int(time.time())
    headers = {
        "content-type": "application/json", "user-agent": USER_AGENT,
        "webhook-id": msg_id, "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, msg_id, timestamp, data),
    }
    timeout = settings.webhook_timeout_seconds
    try:
        # No redirects (a 3xx is a failure) and no proxies from the environment.
        async with httpx.AsyncClient(timeout=timeout, follow_redirects=False,
                                     trust_env=False) as client:
            async with client.stream("POST", url, content=data, headers=headers) as response:
                kept = bytearray()
                async for chunk in response.aiter_bytes():
                    kept += chunk
                    if len(kept) >= RESPONSE_LIMIT:
                        break
                text = bytes(kept[:RESPONSE_LIMIT]).decode("utf-8", errors="replace")
                return Attempt(status_code=response.status_code, duration_ms=elapsed(),
                               response_body=text)
    except httpx.TimeoutException:
        return Attempt(duration_ms=elapsed(), error=f"Timeout: no answer within {timeout:g} s")
    except httpx.HTTPError as exc:
        detail = str(exc) or type(exc).__name__
        return Attempt(duration_ms=elapsed(), error=f"{type(exc).__name__}: {detail}"[:ERROR_LIMIT])


def retry_schedule() -> tuple[float, ...]:
    from backoffice.settings import get_settings  # noqa: PLC0415

    return get_settings().webhook_retry_schedule


@job_options(retry_schedule=retry_schedule)
async def deliver_webhook(ctx: JobContext, delivery_id: int) -> dict[str, Any]:
    """One attempt of a delivery; the job system retries it on the webhook schedule."""
    return await _attempt(ctx, delivery_id, manual=False)


@job_options(max_attempts=1)
async def redeliver_webhook(ctx: JobContext, delivery_id: int) -> dict[str, Any]:
    """The single attempt a person asked for with ``redeliverWebhook``."""
    return await _attempt(ctx, delivery_id, manual=True)


async def _attempt(ctx: JobContext, delivery_id: int, *, manual: bool) -> dict[str, Any]:
    delivery = await WebhookDelivery.select().where(WebhookDelivery.id == delivery_id).first()
    if delivery is None or delivery["status"] != "pending":
        return {"skipped": True}  # deleted with its endpoint, or settled already
    endpoint = await WebhookEndpoint.select().where(
        WebhookEndpoint.id == delivery["endpoint_id"]).first()
    if endpoint is None:
        return {"skipped": True}
    if not endpoint["enabled"]:
        # Nothing is sent to a disabled endpoint; enabling it and redelivering sends it.
        await WebhookDelivery.update({
            WebhookDelivery.status: "failed", WebhookDelivery.next_attempt_at: None,
            WebhookDelivery.last_error: "EndpointDisabled: the endpoint was disabled before this attempt",
        }).where(WebhookDelivery.id == delivery_id)
        return {"delivered": False, "error": "EndpointDisabled"}

    at = services.now()
    try:
        secret = services.unseal(endpoint["sealed_secret"])
    except services.UnreadableSecret as exc:
        outcome = Attempt(error=f"UnreadableSecret: {exc}")
    else:
        outcome = await post(endpoint["url"], services.delivery_global_id(delivery_id), secret, delivery["body"])
    last = manual or ctx.attempt >= ctx.max_attempts
    delay = None if outcome.ok or last else retry_delay(options_of(deliver_webhook), ctx.attempt)
    status = "succeeded" if outcome.ok else ("pending" if delay is not None else "failed")
    entry = {"at": timestamp_text(at), "statusCode": outcome.status_code,
             "durationMs": outcome.duration_ms, "error": outcome.error, "manual": manual}
    attempt_log = [*(services.loads(delivery["attempt_log"]) or [])[-(LOG_LIMIT - 1):], entry]
    await WebhookDelivery.update({
        WebhookDelivery.attempts: WebhookDelivery.attempts + 1,
        WebhookDelivery.status: status,
        WebhookDelivery.last_status_code: outcome.status_code,
        WebhookDelivery.last_duration_ms: outcome.duration_ms,
        WebhookDelivery.last_error: outcome.error,
        WebhookDelivery.last_response_body: outcome.response_body,
        WebhookDelivery.last_attempt_at: at,
        WebhookDelivery.next_attempt_at: at + timedelta(seconds=delay) if delay is not None else None,
        WebhookDelivery.attempt_log: attempt_log,
    }).where(WebhookDelivery.id == delivery_id)
    await _record_health(endpoint, outcome.ok, failed_for_good=status == "failed" and not manual)
    if not outcome.ok:
        log.info("Webhook delivery %s to %s failed (attempt %s of %s): %s", delivery_id,
                 endpoint["url"], ctx.attempt, ctx.max_attempts, outcome.summary)
        raise DeliveryFailed(outcome.summary)
    return {"delivered": True, "statusCode": outcome.status_code}


# -- endpoint health -----------------------------------------------------------------------------


async def _record_health(endpoint: dict[str, Any], ok: bool, *, failed_for_good: bool) -> None:
    from backoffice.settings import get_settings  # noqa: PLC0415

    pk = endpoint["id"]
    if ok:
        if endpoint["consecutive_failures"] or endpoint["failing_since"] is not None:
            await WebhookEndpoint.update({WebhookEndpoint.consecutive_failures: 0,
                                          WebhookEndpoint.failing_since: None}).where(
                WebhookEndpoint.id == pk)
        return
    if endpoint["failing_since"] is None:
        await WebhookEndpoint.update({WebhookEndpoint.failing_since: services.now()}).where(
            (WebhookEndpoint.id == pk) & WebhookEndpoint.failing_since.is_null())
    if failed_for_good:
        await WebhookEndpoint.update({
            WebhookEndpoint.consecutive_failures: WebhookEndpoint.consecutive_failures + 1,
        }).where(WebhookEndpoint.id == pk)
    row = await WebhookEndpoint.select(
        WebhookEndpoint.enabled, WebhookEndpoint.consecutive_failures, WebhookEndpoint.failing_since,
    ).where(WebhookEndpoint.id == pk).first()
    if row is None or not row["enabled"]:
        return
    settings = get_settings()
    too_many = row["consecutive_failures"] >= settings.webhook_disable_after_failures
    too_long = row["failing_since"] is not None and services.now() - row["failing_since"] >= \
        timedelta(hours=settings.webhook_disable_after_hours)
    if too_many or too_long:
        await disable_failing(pk, endpoint["url"], row["consecutive_failures"])


async def disable_failing(pk: int, url: str, failures: int) -> None:
    """Turn off an endpoint that keeps failing; record it and tell those who manage webhooks."""
    from backoffice.audit.services import record  # noqa: PLC0415
    from backoffice.db.engine import write_transaction  # noqa: PLC0415
    from backoffice.notifications.api import notify  # noqa: PLC0415
    from backoffice.runtime import get_engine  # noqa: PLC0415

    async with write_transaction(get_engine()):
        if not await services.set_enabled(pk, False, reason="failing"):
            return  # disabled meanwhile (by a person, or by another failing delivery)
        await record("disableWebhookEndpoint", target_ids=[services.endpoint_global_id(pk)],
                     changes={"automatic": True, "reason": "failing",
                              "consecutiveFailedDeliveries": failures})
        await notify(
            "core.webhook_disabled",
            title=(f"Webhook disabled: {url}", f"Webhook dinonaktifkan: {url}"),
            body=(f"Deliveries to {url} kept failing, so the endpoint was turned off. Fix the "
                  "receiver, enable the endpoint again and redeliver what it missed.",
                  f"Pengiriman ke {url} terus gagal, sehingga endpoint dinonaktifkan. Perbaiki "
                  "penerimanya, aktifkan kembali endpoint, lalu kirim ulang yang terlewat."),
            permission="core.webhook.manage")
    log.warning("Webhook endpoint %s (%s) was disabled: its deliveries kept failing", pk, url)
