"""``notify``: what ``sdk.notify`` does. Notifications are written in the caller's transaction;
the mail for those who want this kind by email is queued in it too and leaves after commit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from backoffice.i18n import T, Message, normalise
from backoffice.mail import templates
from backoffice.mail.outbox import Message as Mail
from backoffice.mail.outbox import queue_many
from backoffice.modules.types import NotificationKind
from backoffice.notifications import recipients
from backoffice.notifications.tables import Notification, NotificationPreference
from backoffice.runtime import get_registry

_kinds_cache: dict[int, dict[str, tuple[str, NotificationKind]]] = {}


class UnknownNotificationKind(ValueError):
    """A kind that no module declared with ``register_notification_kinds``."""


def declared_kinds() -> dict[str, tuple[str, NotificationKind]]:
    """Every declared kind, by key, with the key of the module that declared it."""
    registry = get_registry()
    kinds = _kinds_cache.get(id(registry))
    if kinds is None:
        kinds = {k.key: (m.key, k) for m in registry for k in m.notification_kinds}
        _kinds_cache.clear()
        _kinds_cache[id(registry)] = kinds
    return kinds


def kind_of(key: str) -> tuple[str, NotificationKind]:
    try:
        return declared_kinds()[key]
    except KeyError:
        raise UnknownNotificationKind(
            f"{key!r} is not declared by any module (register_notification_kinds)") from None


def absolute(link: str) -> str:
    from backoffice.settings import get_settings  # noqa: PLC0415

    if link.startswith("/"):
        return get_settings().base_url.rstrip("/") + link
    return link


async def email_choices(kind: NotificationKind, user_ids: Iterable[int]) -> set[int]:
    """Of ``user_ids``, those who get ``kind`` by email (their choice, else the default)."""
    ids = list(user_ids)
    if not ids:
        return set()
    chosen = {r["user_id"]: r["email"] for r in await NotificationPreference.select(
        NotificationPreference.user_id, NotificationPreference.email).where(
        (NotificationPreference.kind == kind.key) & NotificationPreference.user_id.is_in(ids))}
    return {u for u in ids if chosen.get(u, kind.email_default)}


async def notify(kind: str, *, title: Message, body: Message = "", link: str = "",
                 users: Iterable[Any] = (), permission: str | None = None,
                 role: str | None = None, exclude: Iterable[Any] = ()) -> int:
    """Notify the people of the tenant in scope; see ``backoffice.sdk.notify``.

    Recipients are ``users`` (ids; ``None`` is skipped), the holders of ``permission`` and the
    members of the role ``role``, less ``exclude``, kept only if they are active members with
    an active account. Nothing happens (0) while the kind's module is disabled for the tenant.
    Returns how many people were notified."""
    module, declared = kind_of(kind)
    enabled, company = await recipients.tenant_facts()
    if module not in enabled:
        return 0
    title_t, body_t = T(title), T(body)
    wanted = {int(u) for u in users if u is not None}
    if permission:
        wanted |= await recipients.holders_of(permission, enabled)
    if role:
        wanted |= await recipients.members_of_role(role)
    wanted -= {int(u) for u in exclude if u is not None}
    people = await recipients.active_people(wanted)
    if not people:
        return 0
    await Notification.insert(*[
        Notification(user_id=uid, kind=kind, module=module, title_en=title_t.en[:300],
                     title_id=title_t.id[:300], body_en=body_t.en, body_id=body_t.id,
                     link=link[:500])
        for uid in sorted(people)])
    mails = []
    for uid in sorted(await email_choices(declared, people)):
        person = people[uid]
        locale = normalise(person["locale"])
        rendered = templates.notification(
            locale, name=person["full_name"], company=company, title=title_t.get(locale),
            body=body_t.get(locale), url=absolute(link), kind_label=declared.label.get(locale))
        mails.append(Mail(to=person["email"], subject=rendered.subject, text=rendered.text,
                          html=rendered.html, kind=kind, locale=locale, user_id=uid))
    await queue_many(mails)
    return len(people)
