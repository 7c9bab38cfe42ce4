"""What the example module adds to notifications and comments: a kind of notification it sends
with ``sdk.notify``, and its notes as commentable records."""

from __future__ import annotations

from backoffice.sdk import Commentable, NotificationKind, Text, notify

from ..permissions import READ
from .tables import ExampleNote

KINDS = [
    NotificationKind("example.note_shared", Text("A note is shared with you",
                                                 "Sebuah catatan dibagikan kepada Anda"),
                     email_default=True),
]


async def note_exists(pk: int) -> bool:
    return await ExampleNote.exists().where(ExampleNote.id == pk)


COMMENTABLES = [Commentable("ExampleNote", READ, note_exists, link="/example/notes/{id}")]


async def share(note_id: str, title: str, user_ids: list[int]) -> int:
    """Tell ``user_ids`` about a note, in the caller's transaction."""
    return await notify("example.note_shared", title=(f"A note for you: {title}",
                                                      f"Catatan untuk Anda: {title}"),
                        body=("Open it to read it.", "Buka untuk membacanya."),
                        link=f"/example/notes/{note_id}", users=user_ids)
