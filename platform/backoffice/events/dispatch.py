"""Delivery of a tenant's outbox events to the handlers of the modules it has enabled.

:func:`dispatch_events` runs in the tenant's scope (on an arq worker, or in-process without
Redis). For each undelivered event, oldest first, and each handler subscribed to its type
among the modules the tenant has enabled *at delivery time*:

- a handler with an ``EventDelivery`` row for the event is skipped;
- otherwise it runs in a write transaction that also inserts that row, so the handler's
  changes and the record of its delivery commit together: effectively once per handler,
  even when two dispatchers race (the event row is locked on PostgreSQL, SQLite's write
  transactions queue) or a worker dies half-way;
- a failing handler leaves ``attempts``, ``last_error`` and ``retry_at`` (exponential
  backoff) on the event and is tried again then; the other handlers still run.

The core's webhook fan-out (:mod:`backoffice.webhooks.delivery`) takes part like a handler of
every event type, for a tenant with an enabled webhook endpoint: each event makes its webhook
deliveries once, in the transaction that records it.

An event is marked ``dispatched_at`` once every subscribed handler has it. A module that was
disabled when the event was delivered does not receive it later when it is enabled again:
enabling a module starts its subscriptions from that moment, it does not replay history
(which could be years of events, and handlers written for "now"). Delivery order follows
publication order, but a handler failing on one event does not hold back later ones.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from backoffice.db import scope as tenant_scope
from backoffice.db.engine import write_transaction
from backoffice.events.outbox import Event
from backoffice.events.tables import EventDelivery, OutboxEvent
from backoffice.jobs.api import after_commit, now
from backoffice.jobs.wrapper import backoff, loads
from backoffice.tenancy.tables import Tenant
from backoffice.webhooks import delivery as webhooks

log = logging.getLogger("backoffice.events")

BATCH = 100
ERROR_LIMIT = 2000


def handler_key(module: str, name: str) -> str:
    """The name a delivery is recorded under (unique across modules)."""
    return f"{module}:{name}"


def subscriptions(enabled: frozenset[str]) -> list[tuple[str, Any]]:
    """``(handler key, EventHandler)`` of every enabled module, in module order."""
    from backoffice.runtime import get_registry  # noqa: PLC0415

    return [(handler_key(m.key, h.name), h) for m in get_registry() if m.key in enabled
            for h in m.event_handlers]


async def dispatch_events(tenant_id: int) -> float | None:
    """Deliver the tenant's due events. Returns the seconds until a failed delivery should
    be tried again, or ``None`` when nothing is left to retry."""
    with tenant_scope.scoped(tenant_id=tenant_id):
        return await _dispatch(tenant_id)


async def _dispatch(tenant_id: int) -> float | None:
    from backoffice.runtime import get_engine, get_registry  # noqa: PLC0415

    tenant = await Tenant.select(Tenant.status, Tenant.enabled_modules).where(
        Tenant.id == tenant_id).first()
    if tenant is None or tenant["status"] != "active":
        return None  # a suspended tenant's events wait; the sweeper resumes them
    enabled = get_registry().effective_enabled(loads(tenant["enabled_modules"]) or [])
    subscribed = subscriptions(enabled) + await webhooks.subscriptions()
    engine = get_engine()
    next_retry: float | None = None
    last_id = 0
    while True:
        events = await OutboxEvent.select().where(
            OutboxEvent.dispatched_at.is_null() & (OutboxEvent.id > last_id)
        ).order_by(OutboxEvent.id).limit(BATCH)
        for row in events:
            last_id = row["id"]
            due = row["retry_at"]
            if due is not None and due > now():
                wait = (due - now()).total_seconds()
                next_retry = wait if next_retry is None else min(next_retry, wait)
                continue
            delay = await _deliver(engine, tenant_id, row, subscribed)
            if delay is not None:
                next_retry = delay if next_retry is None else min(next_retry, delay)
        if len(events) < BATCH:
            return next_retry


async def _deliver(engine: Any, tenant_id: int, row: dict[str, Any],
                   subscribed: list[tuple[str, Any]]) -> float | None:
    event = Event(id=row["id"], type=row["event_type"], tenant_id=tenant_id,
                  payload=loads(row["payload"]) or {}, created_at=row["created_at"])
    wanted = [(key, h) for key, h in subscribed if h.event_type in (event.type, "*")]
    done = {r["handler"] for r in await EventDelivery.select(EventDelivery.handler).where(
        EventDelivery.event_id == event.id)} if wanted else set()
    errors: list[str] = []
    for key, subscription in wanted:
        if key in done:
            continue
        try:
            await _run_handler(engine, event, key, subscription)
        except Exception as exc:  # noqa: BLE001 - recorded on the event, retried later
            log.warning("Handler %s failed on event %s (%s) of tenant %s", key, event.id,
                        event.type, tenant_id, exc_info=True)
            errors.append(f"{key}: {type(exc).__name__}: {exc}")
    if errors:
        attempts = int(row["attempts"] or 0) + 1
        delay = backoff(attempts)
        await OutboxEvent.update({
            OutboxEvent.attempts: attempts,
            OutboxEvent.last_error: "; ".join(errors)[:ERROR_LIMIT],
            OutboxEvent.retry_at: now() + timedelta(seconds=delay),
        }).where(OutboxEvent.id == event.id)
        return delay
    await OutboxEvent.update({OutboxEvent.dispatched_at: now(), OutboxEvent.retry_at: None}).where(
        OutboxEvent.id == event.id)
    return None


async def _run_handler(engine: Any, event: Event, key: str, subscription: Any) -> None:
    # Jobs and events the handler starts are handed over only if its transaction commits.
    async with after_commit():
        async with write_transaction(engine):
            if engine.engine_type == "postgres":
                # Two dispatchers of one tenant queue here instead of both running a handler.
                await OutboxEvent.select(OutboxEvent.id).where(
                    OutboxEvent.id == event.id).lock_rows("NO KEY UPDATE")
            if await EventDelivery.exists().where(
                    (EventDelivery.event_id == event.id) & (EventDelivery.handler == key)):
                return
            await subscription.handler(event)
            await EventDelivery.insert(EventDelivery(event_id=event.id, handler=key))

