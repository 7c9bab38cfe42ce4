"""The event the notes area publishes."""

from typing import Any

from backoffice.sdk import publish

NOTE_CREATED = "example.note_created"


async def note_created(note_id: int, title: str) -> int:
    """Publish ``example.note_created`` in the current transaction."""
    payload: dict[str, Any] = {"note_id": note_id, "title": title}
    return await publish(NOTE_CREATED, payload)
