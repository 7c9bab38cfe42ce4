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


# --------------------------------------------------------------------------------------------
# The coordination layer: notifications, approvals, the service portal, the dashboard, comments
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NotificationKind:
    """A kind of notification a module sends (``hr.leave_to_approve``). People choose per kind
    whether it also reaches them by email; ``email_default`` is the choice until they do."""

    key: str
    label: Text
    email_default: bool = False


@dataclass(frozen=True)
class ApprovalItem:
    """One thing waiting for a decision, as the module describes it for the approvals inbox."""

    id: str  # the record's global id
    title: str  # in the request's locale (use translate())
    requester_user_id: int | None
    submitted_at: Any  # datetime
    amount: Any = None  # Decimal, for rules by amount
    currency: str = "IDR"
    link: str = ""  # the record's path in the web app
    manager_user_id: int | None = None  # the requester's manager, for "manager" steps
    # The one person the record itself names to decide it (a contract's reviewer): the item waits
    # for them (or whoever stands in for them) alone, in one step; the tenant's rules do not apply.
    decider_user_id: int | None = None


@dataclass(frozen=True)
class Approvable:
    """A kind of record that waits for approval (leave requests, expense claims, travel ...).

    ``pending()`` lists the tenant's records waiting for a decision (called inside the tenant's
    scope, without regard to who asks: the approvals layer applies the tenant's rules).
    ``decide(record_id, approve, reason, decided_by)`` carries out the final decision the way the
    module's own approve/reject mutations do, inside the caller's transaction.
    ``permission`` is who decides when the tenant has set no rule of its own."""

    kind: str  # "<module>.<thing>", e.g. "hr.leave_request"
    label: Text
    permission: str
    pending: Callable[[], Awaitable[list[ApprovalItem]]]
    decide: Callable[[str, bool, str, int], Awaitable[None]]


@dataclass(frozen=True)
class ServiceRequestContext:
    """What the portal hands a request type's ``accept``: the request as submitted."""

    request_id: str  # the ServiceRequest's global id
    requester_user_id: int
    values: dict[str, Any]  # the form's values by field name
    title: str
    accepted_by: int


@dataclass(frozen=True)
class RequestType:
    """Something any member can ask a department for through the service portal.

    ``fields`` is the form; ``handler_permission`` marks the department's queue; when a handler
    accepts a request, ``accept`` creates the module's own record (a ticket, a travel request ...)
    and returns its global id. ``response_hours`` is the response-time target. ``link`` is where
    the requester finds the created record in the web app; ``{id}`` in it stands for the record's
    global id."""

    key: str  # "<module>.<thing>", e.g. "it.equipment"
    label: Text
    description: Text
    fields: tuple[UiFormField, ...]
    handler_permission: str
    accept: Callable[[ServiceRequestContext], Awaitable[str]]
    response_hours: int = 24
    needs_approval: bool = False  # route through the approvals inbox before the queue
    link: str = ""  # e.g. "/me/tickets" or "/me/tickets/{id}"


@dataclass(frozen=True)
class Indicator:
    """A figure of the operations dashboard. ``compute(as_of)`` returns the value on a date
    (a Decimal or an int) inside the tenant's scope; a daily job keeps the trend."""

    key: str  # "<module>.<name>", e.g. "hr.headcount"
    label: Text
    permission: str
    compute: Callable[[Any], Awaitable[Any]]
    link: str = ""  # the list behind the figure, a path in the web app
    unit: str = "count"  # count | money | percent | days
    good: str = "up"  # which direction is good news: up | down


@dataclass(frozen=True)
class Commentable:
    """A record type people can comment on: the global-id type name, the permission needed to
    read it, and ``exists(pk)``, true when the record exists in the current tenant. ``link`` is
    the record's path in the web app with ``{id}`` for its global id (``/hr/employees/{id}``):
    where a notification of a mention leads."""

    type_name: str  # e.g. "Employee"
    permission: str
    exists: Callable[[int], Awaitable[bool]]
    link: str = ""


@dataclass(frozen=True)
class PersonalDataFile:
    """A file kept about a person (a document, a receipt), included as is in their export."""

    name: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class PersonalDataSection:
    """What one module holds about a person, for the export a person may ask for (UU PDP).

    ``key`` names the section and its files in the archive (``hr.leave_requests`` becomes
    ``hr.leave_requests.csv`` and ``.json``); it starts with the module's key. ``rows`` are
    plain values (text, numbers, dates, decimals, lists and dicts of these); ``files`` go into
    the archive under ``files/<key>/``."""

    key: str
    title: Text
    rows: tuple[dict[str, Any], ...] = ()
    files: tuple[PersonalDataFile, ...] = ()


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
    notification_kinds: list[NotificationKind] = field(default_factory=list)
    approvables: list[Approvable] = field(default_factory=list)
    request_types: list[RequestType] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    commentables: list[Commentable] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.manifest.key
