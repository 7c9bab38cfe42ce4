"""GraphQL of notifications: a person's own ``notifications`` (with ``unreadCount``),
``markNotificationsRead``, the ``notificationKinds`` with their email choice, and
``setNotificationPreference``. Every field acts on the caller's own rows only; the kinds and
notifications of disabled modules are left out."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import strawberry

from backoffice.errors import BadUserInput, Forbidden, NotFound
from backoffice.graphql.fields import Payload, field, mutation
from backoffice.graphql.ids import decode_id, encode_id
from backoffice.graphql.relay import Connection, paginate
from backoffice.i18n import get_locale
from backoffice.notifications.api import declared_kinds
from backoffice.notifications.tables import Notification as NotificationTable
from backoffice.notifications.tables import NotificationPreference


@strawberry.type(description="Something that happened that concerns you.")
class Notification:
    id: strawberry.ID
    kind: str
    title: str
    body: str
    link: str = strawberry.field(description="Where it leads in the web app (a path), or empty.")
    created_at: datetime
    read_at: datetime | None
    read: bool

    @classmethod
    def of(cls, row: dict[str, Any]) -> Notification:
        local = get_locale() == "id"
        return cls(id=strawberry.ID(encode_id("Notification", row["id"])), kind=row["kind"],
                   title=(row["title_id"] if local else row["title_en"]) or row["title_en"],
                   body=(row["body_id"] if local else row["body_en"]) or row["body_en"],
                   link=row["link"], created_at=row["created_at"], read_at=row["read_at"],
                   read=row["read_at"] is not None)


def _who(info: strawberry.Info) -> int:
    user_id = info.context.actor.user_id
    if user_id is None:  # an integration's token acts for nobody in particular
        raise Forbidden(("Only people have notifications.", "Hanya orang yang memiliki notifikasi."))
    return user_id


def _mine(info: strawberry.Info) -> Any:
    """The caller's notifications of the enabled modules."""
    return (NotificationTable.user_id == _who(info)) & NotificationTable.module.is_in(
        sorted(info.context.actor.enabled_modules))


async def unread_count(info: strawberry.Info) -> int:
    return await NotificationTable.count().where(_mine(info) & NotificationTable.read_at.is_null())


@strawberry.type(description="A page of your notifications, newest first.")
class NotificationConnection(Connection[Notification]):
    _unread: strawberry.Private[Any] = None

    @strawberry.field(description="Your unread notifications, across pages.")
    async def unread_count(self) -> int:
        return await self._unread()


@strawberry.type(description="A kind of notification and whether you get it by email too.")
class NotificationKindInfo:
    key: str
    module: str
    label: str
    email: bool = strawberry.field(description="Your choice (or the default until you choose).")
    email_default: bool


@strawberry.input
class MarkNotificationsReadInput:
    ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    all: bool = strawberry.field(default=False, description="Mark every notification read.")


@strawberry.input
class SetNotificationPreferenceInput:
    kind: str
    email: bool


@strawberry.type
class MarkNotificationsReadPayload(Payload):
    marked: int = 0
    unread_count: int = 0


@strawberry.type
class NotificationPreferencePayload(Payload):
    kind: NotificationKindInfo | None = None


def _enabled_kinds(info: strawberry.Info) -> list[tuple[str, Any]]:
    enabled = info.context.actor.enabled_modules
    return [(module, k) for module, k in declared_kinds().values() if module in enabled]


async def _kind_infos(info: strawberry.Info, keys: list[str] | None = None) -> list[NotificationKindInfo]:
    kinds = [(m, k) for m, k in _enabled_kinds(info) if keys is None or k.key in keys]
    user_id = _who(info)
    choices = {r["kind"]: r["email"] for r in await NotificationPreference.select(
        NotificationPreference.kind, NotificationPreference.email).where(
        NotificationPreference.user_id == user_id)}
    locale = get_locale()
    return [NotificationKindInfo(key=k.key, module=m, label=k.label.get(locale),
                                 email=choices.get(k.key, k.email_default),
                                 email_default=k.email_default) for m, k in kinds]


@strawberry.type
class NotificationQuery:
    @field(self_service=True, description="Your notifications, newest first.")
    async def notifications(self, info: strawberry.Info, first: int | None = 20,
                            after: str | None = None,
                            unread_only: bool = False) -> NotificationConnection:
        where = _mine(info)
        if unread_only:
            where = where & NotificationTable.read_at.is_null()
        page = await paginate(NotificationTable, node=Notification.of, first=first, after=after,
                              where=where, order_by=NotificationTable.id, descending=True)

        async def unread() -> int:
            return await unread_count(info)

        return NotificationConnection(edges=page.edges, page_info=page.page_info,
                                      _count=page._count, _unread=unread)

    @field(self_service=True, description="The kinds of notification of the enabled modules, "
           "with your choice of email for each.")
    async def notification_kinds(self, info: strawberry.Info) -> list[NotificationKindInfo]:
        return await _kind_infos(info)


@strawberry.type
class NotificationMutation:
    @mutation(self_service=True, description="Mark some of your notifications read (`ids`), or "
              "all of them (`all: true`). An id that is not yours reads as NOT_FOUND.")
    async def mark_notifications_read(self, info: strawberry.Info,
                                      input: MarkNotificationsReadInput) -> MarkNotificationsReadPayload:
        mine = _mine(info)
        if input.all:
            where = mine
        elif input.ids:
            ids = sorted({decode_id(i, "Notification") for i in input.ids})
            found = await NotificationTable.count().where(mine & NotificationTable.id.is_in(ids))
            if found != len(ids):
                raise NotFound()
            where = mine & NotificationTable.id.is_in(ids)
        else:
            raise BadUserInput(("Give the ids to mark, or all.", "Sebutkan id yang ditandai, atau semua."),
                               field="ids")
        changed = await NotificationTable.update({NotificationTable.read_at: datetime.now(UTC)}).where(
            where & NotificationTable.read_at.is_null()).returning(NotificationTable.id)
        return MarkNotificationsReadPayload(marked=len(changed), unread_count=await unread_count(info))

    @mutation(self_service=True, description="Choose whether a kind of notification also "
              "reaches you by email.")
    async def set_notification_preference(self, info: strawberry.Info,
                                          input: SetNotificationPreferenceInput) -> NotificationPreferencePayload:
        user_id = _who(info)
        if input.kind not in {k.key for _, k in _enabled_kinds(info)}:
            raise BadUserInput((f"There is no notification kind {input.kind!r}.",
                                f"Tidak ada jenis notifikasi {input.kind!r}."), field="kind")
        where = (NotificationPreference.user_id == user_id) & (NotificationPreference.kind == input.kind)
        if await NotificationPreference.exists().where(where):
            await NotificationPreference.update({NotificationPreference.email: input.email}).where(where)
        else:
            await NotificationPreference.insert(NotificationPreference(
                user_id=user_id, kind=input.kind, email=input.email))
        (kind,) = await _kind_infos(info, [input.kind])
        return NotificationPreferencePayload(kind=kind)

