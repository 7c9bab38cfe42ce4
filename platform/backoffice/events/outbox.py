"""Publishing domain events into the outbox, in the transaction of the change behind them.

The event row commits or rolls back with that change: a mutation that ends in
``userErrors`` publishes nothing. Delivery is asked for after commit (see
:mod:`backoffice.events.dispatch`); if that request is lost, the sweeper finds the tenant
through ``Tenant.pending_work_at`` and asks again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from backoffice.db.scope import current_tenant_id
from backoffice.events.tables import OutboxEvent
from backoffice.jobs.api import mark_pending, on_commit


class UnknownEventType(ValueError):
    """An event type that no module declared with ``register_event_types``."""


@dataclass(frozen=True)
class Event:
    """What a handler receives: ``handler(event)``."""

    id: int
    type: str
    tenant_id: int
    payload: dict[str, Any]
    created_at: datetime


async def publish(event_type: str, payload: dict[str, Any]) -> int:
    """Write ``event_type`` with ``payload`` (JSON values) to the outbox of the tenant in
    scope; returns the event's id. Handlers run after the surrounding transaction commits."""
    from backoffice.runtime import get_registry  # noqa: PLC0415

    if event_type not in get_registry().event_types:
        raise UnknownEventType(
            f"{event_type!r} is not declared by any module (register_event_types)")
    if not isinstance(payload, dict):
        raise TypeError("An event payload must be a dict")
    try:
        json.dumps(payload)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"An event payload must hold JSON values only: {exc}") from exc
    tenant_id = current_tenant_id()
    rows = await OutboxEvent.insert(
        OutboxEvent(event_type=event_type, payload=payload)).returning(OutboxEvent.id)
    event_id = int(rows[0]["id"])
    await mark_pending(tenant_id)

    async def ask_for_dispatch() -> None:
        from backoffice.jobs import runner  # noqa: PLC0415

        await runner.submit_dispatch(tenant_id, event_id)

    await on_commit(ask_for_dispatch, key=("dispatch", tenant_id))
    return event_id
