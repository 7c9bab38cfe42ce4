"""What members can ask the example module for in the service portal, and its dashboard figure.

A note request waits for approval first (``needs_approval``): once approved it reaches the queue
of those who write notes, and accepting it writes the note."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from backoffice.sdk import Indicator, RequestType, ServiceRequestContext, Text, UiFormField, encode_id

from .notes import services
from .notes.tables import ExampleNote
from .permissions import READ, WRITE


async def accept_note_request(ctx: ServiceRequestContext) -> str:
    note = await services.create_note(ctx.title, ctx.values.get("body") or "")
    return encode_id("ExampleNote", note["id"])


async def notes_written(as_of: date) -> int:
    """Notes written up to the end of ``as_of``."""
    end = datetime.combine(as_of + timedelta(days=1), time(), tzinfo=UTC)
    return await ExampleNote.count().where(ExampleNote.created_at < end)


REQUEST_TYPES = [
    RequestType(key="example.note_request", label=Text("Ask for a note", "Minta catatan"),
                description=Text("Someone who writes notes writes it for you, once approved.",
                                 "Penulis catatan menuliskannya untuk Anda, setelah disetujui."),
                fields=(UiFormField("body", Text("What should it say?", "Apa isinya?"), kind="textarea",
                                    required=True),),
                handler_permission=WRITE, accept=accept_note_request, response_hours=2, needs_approval=True,
                link="/example/notes"),
]

INDICATORS = [
    Indicator(key="example.notes", label=Text("Notes", "Catatan"), permission=READ, compute=notes_written,
              link="/example/notes"),
]
