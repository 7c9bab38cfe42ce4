"""Comment rules: who may see and write the comments of a record, and @mentions.

A record's comments are reachable only when its type is registered as commentable by a module
the tenant has enabled, the caller holds that type's permission, and the record exists in the
tenant. Every other case answers NOT_FOUND alike, so that nobody learns whether a record they
may not see exists.

Mentions take two forms: ``@[Name](<User global id>)``, which the web app inserts when a person
is picked from the list (the name is only for display), and ``@email@example.com`` typed by hand.
Mentioned people are kept if they are active members; those who may read the record get a
``core.mentioned`` notification.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from backoffice.errors import BadUserInput, Forbidden, NotFound
from backoffice.graphql.ids import decode_any, decode_id
from backoffice.identity.tables import User
from backoffice.modules.types import Commentable
from backoffice.notifications import recipients
from backoffice.notifications.api import notify
from backoffice.runtime import get_registry

from .tables import Comment

MAX_BODY = 10_000
MENTION_TOKEN = re.compile(r"@\[([^\]\n]{1,200})\]\(([A-Za-z0-9_=-]{1,200})\)")
MENTION_EMAIL = re.compile(r"(?<![\w.+%-])@([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")


@dataclass(frozen=True)
class Record:
    id: str  # the global id
    type_name: str
    pk: int
    module: str
    commentable: Commentable

    @property
    def link(self) -> str:
        return self.commentable.link.replace("{id}", self.id) if self.commentable.link else ""


def commentable(type_name: str, enabled: frozenset[str]) -> tuple[str, Commentable] | None:
    for m in get_registry():
        if m.key in enabled:
            for c in m.commentables:
                if c.type_name == type_name:
                    return m.key, c
    return None


async def record(actor: Any, record_id: str) -> Record:
    """The record behind ``record_id`` if the caller may comment on it; NOT_FOUND otherwise."""
    type_name, raw = decode_any(record_id)
    if not raw.isdigit() or len(raw) > 18:
        raise NotFound()
    found = commentable(type_name, actor.enabled_modules)
    if found is None:
        raise NotFound()
    module, c = found
    if not await actor.has(c.permission) or not await c.exists(int(raw)):
        raise NotFound()
    return Record(id=record_id, type_name=type_name, pk=int(raw), module=module, commentable=c)


async def mentioned(body: str) -> dict[int, dict[str, Any]]:
    """The active members mentioned in ``body``, by user id."""
    ids: set[int] = set()
    for match in MENTION_TOKEN.finditer(body):
        try:
            ids.add(decode_id(match.group(2), "User"))
        except NotFound:
            continue  # a malformed token mentions nobody
    emails = sorted({m.group(1).lower() for m in MENTION_EMAIL.finditer(body)})
    if emails:
        ids |= {r["id"] for r in await User.select(User.id).where(User.email.is_in(emails))}
    return await recipients.active_people(ids)


def _snippet(body: str, limit: int = 280) -> str:
    plain = MENTION_TOKEN.sub(lambda m: "@" + m.group(1), body).strip()
    return plain if len(plain) <= limit else plain[: limit - 1].rstrip() + "\u2026"


async def add(actor: Any, record_id: str, body: str) -> int:
    target = await record(actor, record_id)
    if actor.user_id is None:
        raise Forbidden(("Only people can comment.", "Hanya orang yang dapat berkomentar."))
    body = (body or "").strip()
    if not body:
        raise BadUserInput(("Write something first.", "Tulis sesuatu terlebih dahulu."), field="body")
    if len(body) > MAX_BODY:
        raise BadUserInput((f"A comment holds at most {MAX_BODY} characters.",
                            f"Komentar paling banyak {MAX_BODY} karakter."), field="body")
    people = await mentioned(body)
    result = await Comment.insert(Comment(
        record_id=record_id, record_type=target.type_name, author_user_id=actor.user_id,
        body=body, mentions=sorted(people)))
    readers = await recipients.holders_of(target.commentable.permission, actor.enabled_modules)
    to_tell = (set(people) & readers) - {actor.user_id}
    if to_tell:
        author = await User.select(User.full_name).where(User.id == actor.user_id).first()
        name = (author or {}).get("full_name") or "Someone"
        await notify("core.mentioned", title=(f"{name} mentioned you in a comment",
                                              f"{name} menyebut Anda dalam komentar"),
                     body=_snippet(body), link=target.link, users=sorted(to_tell))
    return result[0]["id"]


async def get(actor: Any, pk: int) -> tuple[dict[str, Any], Record]:
    row = await Comment.select().where(Comment.id == pk).first()
    if row is None:
        raise NotFound()
    return row, await record(actor, row["record_id"])


async def delete(actor: Any, pk: int) -> None:
    row, _ = await get(actor, pk)
    if actor.user_id is None or row["author_user_id"] != actor.user_id:
        raise Forbidden(("You can delete only your own comments.",
                         "Anda hanya dapat menghapus komentar Anda sendiri."))
    await Comment.delete().where(Comment.id == pk)
