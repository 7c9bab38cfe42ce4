"""Business rules of notes: validation, creation (with its event) and the welcome note."""

from __future__ import annotations

from typing import Any

from backoffice.sdk import BadUserInput

from . import events
from .tables import ExampleNote

TITLE_MAX = 200
WELCOME = ("Welcome to notes", "Write down what the team should not forget.")


def clean_title(title: str, field: str = "title") -> str:
    title = title.strip()
    if not title:
        raise BadUserInput(("Give the note a title.", "Beri judul pada catatan."), field=field)
    if len(title) > TITLE_MAX:
        raise BadUserInput((f"A title has at most {TITLE_MAX} characters.",
                            f"Judul paling banyak {TITLE_MAX} karakter."), field=field)
    return title


async def create_note(title: str, body: str = "", *, field: str = "title") -> dict[str, Any]:
    """Create a note and publish ``example.note_created`` with it, in one transaction."""
    title = clean_title(title, field)
    rows = await ExampleNote.insert(ExampleNote(title=title, body=body or "")).returning(
        ExampleNote.id)
    note_id = rows[0]["id"]
    await events.note_created(note_id, title)
    return await ExampleNote.select().where(ExampleNote.id == note_id).first()


async def import_notes(notes: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Create several notes, all or nothing: the first invalid one undoes the batch (its
    events included, since they are written in the same transaction)."""
    return [await create_note(title, body, field=f"notes.{i}.title")
            for i, (title, body) in enumerate(notes)]


async def seed_welcome_note() -> None:
    """One welcome note for a company that has none (enabling again keeps what exists)."""
    if not await ExampleNote.exists():
        await ExampleNote.insert(ExampleNote(title=WELCOME[0], body=WELCOME[1]))
