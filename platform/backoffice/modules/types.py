"""The values plugins hand to the core through hooks (re-exported by :mod:`backoffice.sdk`)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

PERMISSION_RE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
MODULE_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{1,31}$")
EVENT_TYPE_RE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Text:
    """A text a user reads, in English and Bahasa Indonesia."""

    en: str
    id: str

    def get(self, locale: str | None) -> str:
        return self.id if (locale or "en").lower().startswith("id") else self.en


@dataclass(frozen=True)
class ModuleManifest:
    """What a module is: returned by the ``register_module`` hook.

    Attributes:
        key: unique, lower-case; the prefix of the module's permissions and events.
        name: the module's name in both languages.
        description: one or two sentences in both languages.
        version: the module's version.
        depends_on: keys of modules that must be enabled for this one to work.
        core: ``True`` only for the core itself (always enabled, cannot be disabled).
        default_enabled: enabled for new tenants at sign-up.
    """

    key: str
    name: Text
    description: Text
    version: str = "0.1.0"
    depends_on: tuple[str, ...] = ()
    core: bool = False
    default_enabled: bool = False


@dataclass(frozen=True)
class Permission:
    """A permission string ``<module>.<resource>.<action>`` with a description."""

    key: str
    description: Text

    @property
    def module(self) -> str:
        return self.key.split(".", 1)[0]


@dataclass(frozen=True)
class RoleTemplate:
    """A role a module offers every tenant (for example "HR manager").

    Template roles follow the module: when a module version adds a permission to a
    template, every tenant's role made from it gains it.
    """

    key: str
    name: Text
    permissions: tuple[str, ...]
    description: Text | None = None


@dataclass(frozen=True)
class GraphQLContribution:
    """Strawberry classes a module adds to the schema.

    ``queries`` and ``mutations`` are ``@strawberry.type`` classes whose fields are merged
    into the root ``Query`` and ``Mutation`` types; ``types`` are extra types to include
    (for example implementations of an interface not reachable from a field).
    """

    queries: tuple[type, ...] = ()
    mutations: tuple[type, ...] = ()
    types: tuple[type, ...] = ()


@dataclass(frozen=True)
class EventType:
    """A domain event a module publishes (``<module>.<event>``) and what its payload holds."""

    key: str
    description: Text


EventHandlerFn = Callable[["Any"], Awaitable[None]]


@dataclass(frozen=True)
class EventHandler:
    """A subscription: ``handler(event)`` runs for each ``event_type`` published in a tenant
    that has the subscribing module enabled. ``name`` identifies it for idempotency."""

    event_type: str
    handler: EventHandlerFn
    name: str


@dataclass(frozen=True)
class CronJob:
    """A job that runs on a schedule for every tenant that has the module enabled.

    ``minute``/``hour``/``day``/``month``/``weekday`` follow arq's cron fields
    (``None`` means every value).
    """

    name: str
    job: Callable[..., Awaitable[Any]]
    minute: int | set[int] | None = 0
    hour: int | set[int] | None = None
    day: int | set[int] | None = None
    month: int | set[int] | None = None
    weekday: int | set[int] | None = None


@dataclass(frozen=True)
class NavItem:
    key: str
    label: Text
    path: str
    icon: str = ""
    permission: str | None = None
    children: tuple[NavItem, ...] = ()
    # The key of the module's UiResource this item opens as a generic list, if any.
    resource: str | None = None


@dataclass(frozen=True)
class UiColumn:
    field: str
    label: Text
    sortable: bool = False
    kind: str = "text"


@dataclass(frozen=True)
class UiFormField:
    field: str
    label: Text
    kind: str = "text"
    required: bool = False
    options: tuple[tuple[str, Text], ...] = ()


@dataclass(frozen=True)
class UiResource:
    """How the web app shows one kind of record: its list query, columns and form."""

    key: str
    label: Text
    query: str
    columns: tuple[UiColumn, ...] = ()
    form: tuple[UiFormField, ...] = ()
    create_mutation: str | None = None
    update_mutation: str | None = None
    permission: str | None = None
    # The list query's free-text argument, as a path: "search" or "filter.search".
    search: str | None = None
    # Filters the list offers; each field names a query argument path ("status", "filter.status").
    filters: tuple[UiFormField, ...] = ()
    # The single-record query the detail page uses (``employee(id)``), if the module has one.
    detail_query: str | None = None


@dataclass(frozen=True)
class UiMetadata:
    navigation: tuple[NavItem, ...] = ()
    resources: tuple[UiResource, ...] = ()


@dataclass
class ModuleInfo:
    """Everything the manager collected from one plugin, validated."""

    manifest: ModuleManifest
    plugin: Any
    permissions: list[Permission] = field(default_factory=list)
    role_templates: list[RoleTemplate] = field(default_factory=list)
    graphql: GraphQLContribution = field(default_factory=GraphQLContribution)
    event_types: list[EventType] = field(default_factory=list)
    event_handlers: list[EventHandler] = field(default_factory=list)
    jobs: list[Callable[..., Awaitable[Any]]] = field(default_factory=list)
    cron_jobs: list[CronJob] = field(default_factory=list)
    ui: UiMetadata = field(default_factory=UiMetadata)
    piccolo_app: Any = None

    @property
    def key(self) -> str:
        return self.manifest.key
