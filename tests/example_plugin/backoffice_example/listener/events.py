"""The listener's event handler."""

from backoffice.sdk import Event

from .tables import ExampleReceipt


async def record_receipt(event: Event) -> None:
    """Keep a receipt of a new note. Idempotent: an event seen before changes nothing, so a
    redelivery (delivery is at least once) never makes a second receipt."""
    if await ExampleReceipt.exists().where(ExampleReceipt.event_id == event.id):
        return
    await ExampleReceipt.insert(ExampleReceipt(event_id=event.id,
                                               note_title=str(event.payload.get("title", ""))))
