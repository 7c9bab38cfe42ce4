"""Domain events: the outbox, delivery to enabled modules only, once per handler, retries.

The example module publishes ``example.note_created`` when a note is created; the
``example_listener`` module keeps a receipt per event. Delivery runs in-process on SQLite
and through Redis and an arq worker (in this event loop) on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from helpers import disable, enable, rows_per_table

CREATE = """mutation($t: String!) { createExampleNote(input: {title: $t}) {
  note { id title } userErrors { field code message } } }"""
IMPORT = """mutation($n: [CreateExampleNoteInput!]!) { importExampleNotes(input: {notes: $n}) {
  notes { id } userErrors { field code message } } }"""
RECEIPTS = "{ exampleReceipts(first: 100) { nodes { eventId noteTitle } } }"


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


async def eventually(check: Callable[[], Awaitable[Any]], within: float = 30.0) -> Any:
    """Poll ``check`` until it returns something truthy, or fail at the deadline."""
    deadline = time.monotonic() + within
    while True:
        result = await check()
        if result:
            return result
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


def tenant_id(company: Any) -> int:
    from backoffice.graphql.ids import decode_id

    return decode_id(company.tenant_id, "Tenant")


async def receipts(company: Any, title: str | None = None) -> list[dict[str, Any]]:
    nodes = (await company.api.data(RECEIPTS))["exampleReceipts"]["nodes"]
    return [n for n in nodes if title is None or n["noteTitle"] == title]


async def create(company: Any, title: str) -> dict[str, Any]:
    payload = (await company.api.data(CREATE, {"t": title}))["createExampleNote"]
    assert payload["userErrors"] == []
    return payload["note"]


async def outbox(company: Any) -> list[dict[str, Any]]:
    """The company's outbox rows, read in its scope (as the app reads them)."""
    from backoffice.db.scope import scoped
    from backoffice.events.tables import OutboxEvent

    with scoped(tenant_id=tenant_id(company)):
        return await OutboxEvent.select().order_by(OutboxEvent.id)


async def deliveries(company: Any, event_id: int) -> list[dict[str, Any]]:
    from backoffice.db.scope import scoped
    from backoffice.events.tables import EventDelivery

    with scoped(tenant_id=tenant_id(company)):
        return await EventDelivery.select().where(EventDelivery.event_id == event_id)


@pytest.fixture
async def listening(company):  # type: ignore[no-untyped-def]
    """A company with the example module and its listener on."""
    await enable(company.api, "example")
    await enable(company.api, "example_listener")
    return company


async def test_an_event_reaches_the_listener_once_even_if_dispatched_twice(listening,
                                                                         monkeypatch):
    from backoffice_example.listener.tables import ExampleReceipt

    from backoffice.db.scope import scoped
    from backoffice.events.dispatch import dispatch_events
    from backoffice.events.tables import EventDelivery, OutboxEvent

    await create(listening, "Quarterly plan")
    (receipt,) = await eventually(lambda: receipts(listening, "Quarterly plan"))
    event = next(e for e in await outbox(listening) if e["id"] == receipt["eventId"])
    assert event["event_type"] == "example.note_created"
    await eventually(lambda: _dispatched(listening, event["id"]))

    # As if a worker died after the handler committed but before the event was marked: the
    # event is undelivered again and dispatch runs twice. The delivery record makes it a no-op.
    with scoped(tenant_id=tenant_id(listening)):
        await OutboxEvent.update({OutboxEvent.dispatched_at: None}).where(
            OutboxEvent.id == event["id"])
    await dispatch_events(tenant_id(listening))
    await dispatch_events(tenant_id(listening))
    assert len(await receipts(listening, "Quarterly plan")) == 1
    assert len(await deliveries(listening, event["id"])) == 1
    assert await _dispatched(listening, event["id"])

    # Undelivered from scratch, with two dispatchers racing over it: one delivery, and no
    # failed attempt (a second run of the handler would break the receipts' unique index).
    with scoped(tenant_id=tenant_id(listening)):
        await ExampleReceipt.delete().where(ExampleReceipt.event_id == event["id"])
        await EventDelivery.delete().where(EventDelivery.event_id == event["id"])
        await OutboxEvent.update({OutboxEvent.dispatched_at: None}).where(
            OutboxEvent.id == event["id"])
    # The handler waits (up to a second) for a second run to catch up with it, so that the
    # two dispatchers overlap inside the handler unless delivery is serialised.
    inside, both = [0], asyncio.Event()
    insert = ExampleReceipt.insert

    def overlapping_insert(cls: Any, *rows: Any) -> Any:
        query = insert(*rows)

        async def run() -> Any:
            inside[0] += 1
            if inside[0] == 2:
                both.set()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(both.wait(), 1.0)
            return await query

        return run()

    monkeypatch.setattr(ExampleReceipt, "insert", classmethod(overlapping_insert))
    await asyncio.gather(dispatch_events(tenant_id(listening)),
                         dispatch_events(tenant_id(listening)))
    monkeypatch.undo()
    assert inside[0] == 1  # the handler ran once
    assert len(await receipts(listening, "Quarterly plan")) == 1
    assert len(await deliveries(listening, event["id"])) == 1
    row = next(e for e in await outbox(listening) if e["id"] == event["id"])
    assert row["dispatched_at"] is not None
    assert row["attempts"] == 0 and row["last_error"] == ""


async def _dispatched(company: Any, event_id: int) -> bool:
    rows = [e for e in await outbox(company) if e["id"] == event_id]
    return bool(rows and rows[0]["dispatched_at"] is not None)


async def test_a_redelivered_event_is_absorbed_by_the_idempotent_handler(listening):
    from backoffice.db.scope import scoped
    from backoffice.events.dispatch import dispatch_events
    from backoffice.events.tables import EventDelivery, OutboxEvent

    await create(listening, "Vendor list")
    (receipt,) = await eventually(lambda: receipts(listening, "Vendor list"))
    await eventually(lambda: _dispatched(listening, receipt["eventId"]))
    # Even with its delivery record gone, the handler itself makes no second receipt.
    with scoped(tenant_id=tenant_id(listening)):
        await EventDelivery.delete().where(EventDelivery.event_id == receipt["eventId"])
        await OutboxEvent.update({OutboxEvent.dispatched_at: None}).where(
            OutboxEvent.id == receipt["eventId"])
    await dispatch_events(tenant_id(listening))
    assert len(await receipts(listening, "Vendor list")) == 1
    assert len(await deliveries(listening, receipt["eventId"])) == 1


async def test_a_disabled_listener_gets_nothing_not_even_later(listening):
    from backoffice.events.dispatch import dispatch_events

    await disable(listening.api, "example_listener")
    await create(listening, "While away")
    event = (await outbox(listening))[-1]
    # Delivered (to nobody) and marked, since no enabled module subscribes.
    await eventually(lambda: _dispatched(listening, event["id"]))
    assert await deliveries(listening, event["id"]) == []

    await enable(listening.api, "example_listener")  # its receipts are kept meanwhile
    await dispatch_events(tenant_id(listening))
    assert await receipts(listening, "While away") == []
    await create(listening, "Back again")
    await eventually(lambda: receipts(listening, "Back again"))


async def test_a_mutation_that_fails_publishes_nothing(listening):
    before = await rows_per_table(tenant_id(listening))
    data = await listening.api.data(IMPORT, {"n": [{"title": "First"}, {"title": "  "}]})
    payload = data["importExampleNotes"]
    assert payload["notes"] == []
    assert payload["userErrors"][0]["field"] == ["input", "notes", "1", "title"]
    assert payload["userErrors"][0]["code"] == "BAD_USER_INPUT"
    data = await listening.api.data(CREATE, {"t": ""})
    assert data["createExampleNote"]["userErrors"][0]["field"] == ["input", "title"]
    after = await rows_per_table(tenant_id(listening))
    # The first note of the batch and its event were written, then rolled back with it.
    assert after["outbox_events"] == before["outbox_events"]
    assert after["example_notes"] == before["example_notes"]
    assert await receipts(listening, "First") == []


async def test_a_failing_handler_is_retried_later(listening, monkeypatch):
    from backoffice_example.listener.tables import ExampleReceipt

    def refuse(cls: Any, *rows: Any) -> Any:
        raise RuntimeError("receipt store is full")

    monkeypatch.setattr(ExampleReceipt, "insert", classmethod(refuse))
    await create(listening, "Try again")
    event = (await outbox(listening))[-1]

    async def failed_once() -> dict[str, Any] | None:
        row = next(e for e in await outbox(listening) if e["id"] == event["id"])
        return row if row["attempts"] >= 1 else None

    row = await eventually(failed_once)
    assert row["dispatched_at"] is None and row["retry_at"] is not None
    assert "RuntimeError: receipt store is full" in row["last_error"]
    assert "example_listener:record_receipt" in row["last_error"]
    monkeypatch.undo()
    # Retried on its own after the backoff (about two seconds), then delivered once.
    (receipt,) = await eventually(lambda: receipts(listening, "Try again"))
    assert receipt["eventId"] == event["id"]
    await eventually(lambda: _dispatched(listening, event["id"]))


async def test_an_event_whose_dispatch_request_was_lost_is_swept_up(listening, monkeypatch):
    from backoffice.jobs import cron, runner

    async def redis_down(*args: Any, **kwargs: Any) -> None:
        raise ConnectionError("Redis is down")

    async def no_sweep() -> dict[str, int]:
        return {}

    sweep = cron.sweep
    monkeypatch.setattr(runner, "submit_dispatch", redis_down)
    monkeypatch.setattr(cron, "sweep", no_sweep)  # the test runs the sweeper itself
    await create(listening, "Lost and found")
    await asyncio.sleep(0.3)  # time enough to be delivered, had it been asked for
    assert await receipts(listening, "Lost and found") == []
    monkeypatch.undo()
    counts = await sweep()
    assert counts["dispatches"] >= 1
    await eventually(lambda: receipts(listening, "Lost and found"))


async def test_publish_checks_the_type_and_the_payload(listening):
    from backoffice.db.scope import scoped
    from backoffice.events.outbox import UnknownEventType, publish

    with scoped(tenant_id=tenant_id(listening)):
        with pytest.raises(UnknownEventType):
            await publish("example.note_deleted", {"note_id": 1})
        with pytest.raises(TypeError):
            await publish("example.note_created", {"note_id": object()})


async def test_events_stay_in_their_company(listening, other_company):
    await create(listening, "Private")
    await eventually(lambda: receipts(listening, "Private"))
    await enable(other_company.api, "example_listener")
    assert await receipts(other_company) == []
    # Another company's events never reach this company's handlers either.
    await enable(other_company.api, "example")
    await create(other_company, "Theirs")
    await eventually(lambda: receipts(other_company, "Theirs"))
    assert await receipts(listening, "Theirs") == []


async def test_every_event_of_a_transaction_is_delivered(listening):
    titles = [f"Batch note {i}" for i in range(5)]
    data = await listening.api.data(IMPORT, {"n": [{"title": t} for t in titles]})
    assert data["importExampleNotes"]["userErrors"] == []

    async def all_received() -> bool:
        return {r["noteTitle"] for r in await receipts(listening)} >= set(titles)

    await eventually(all_received)
    for title in titles:
        assert len(await receipts(listening, title)) == 1
