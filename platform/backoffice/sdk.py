"""The plugin SDK: the only part of the core a plugin may import.

Everything a module needs is here: the hook marker and the values hooks return, the base
table for tenant data, guarded GraphQL fields and mutations, connections and global ids,
errors with stable codes, events, jobs and texts in two languages. A test checks that
plugins import nothing else from ``backoffice``.
"""

from __future__ import annotations

from typing import Any

import strawberry

from backoffice.audit.services import record as audit
from backoffice.db.scope import current_tenant_id
from backoffice.db.tables import TenantTable
from backoffice.errors import (
    BackofficeError,
    BadUserInput,
    Conflict,
    Forbidden,
    ModuleDisabled,
    NotFound,
    Unauthenticated,
)
from backoffice.events.outbox import Event
from backoffice.exports import (
    ExportFile,
    FileFormat,
    ImportedRow,
    checked_upload,
    export_file,
    read_rows,
    safe_filename,
)
from backoffice.graphql.fields import Payload, UserError, field, mutation
from backoffice.graphql.ids import decode_id, encode_id
from backoffice.graphql.relay import Connection, Edge, PageInfo, connection_from_list, paginate
from backoffice.i18n import get_locale, translate
from backoffice.jobs.api import job_options
from backoffice.jobs.wrapper import JobContext
from backoffice.modules.hookspecs import hookimpl
from backoffice.modules.types import (
    ApprovalItem,
    Approvable,
    Commentable,
    CronJob,
    EventHandler,
    EventType,
    GraphQLContribution,
    Indicator,
    ModuleManifest,
    NavItem,
    NotificationKind,
    Permission,
    PersonalDataFile,
    PersonalDataSection,
    RequestType,
    RoleTemplate,
    ServiceRequestContext,
    Text,
    UiColumn,
    UiFormField,
    UiMetadata,
    UiResource,
)

Info = strawberry.Info


async def publish(event_type: str, payload: dict[str, Any]) -> int:
    """Publish a domain event from the tenant in scope, in the current transaction.

    The event is written to the outbox with the change that caused it, and delivered at
    least once, after commit, to the handlers of every module the tenant has enabled.
    Returns the event's id."""
    from backoffice.events.outbox import publish as _publish  # noqa: PLC0415

    return await _publish(event_type, payload)


async def enqueue(job: Any, **kwargs: Any) -> int:
    """Queue a background job for the tenant in scope. Returns the job's id (see ``jobs``)."""
    from backoffice.jobs.api import enqueue as _enqueue  # noqa: PLC0415

    return await _enqueue(job, **kwargs)


async def notify(kind: str, *, title: Any, body: Any = "", link: str = "", users: Any = (),
                 permission: str | None = None, role: str | None = None, exclude: Any = ()) -> int:
    """Notify people of the tenant in scope, in the current transaction: the users given by id,
    everyone holding ``permission``, and the members of the role with key ``role``, except
    ``exclude``. ``kind`` is one the module declared in ``register_notification_kinds``;
    ``title`` and ``body`` are ``Text`` (or ``(english, indonesian)``) so each person reads them
    in their language. Email follows after commit for those who chose it for this kind.
    Returns how many people were notified."""
    from backoffice.notifications.api import notify as _notify  # noqa: PLC0415

    return await _notify(kind, title=title, body=body, link=link, users=users, permission=permission,
                         role=role, exclude=exclude)


async def personal_data_archive(*, employee_id: int | None, user_id: int | None,
                                person: str) -> tuple[bytes, int]:
    """A ZIP of everything the tenant's enabled modules hold about one person (each module's
    ``personal_data_export`` sections, as JSON and CSV, with their files), for the person to
    open; ``person`` is how the archive names them. Returns the archive and its record count."""
    from backoffice.privacy.services import build_archive  # noqa: PLC0415

    return await build_archive(employee_id, user_id, person)


async def anonymise_personal_data(*, employee_id: int | None, user_id: int | None,
                                  label: str, names: Any = ()) -> list[str]:
    """Have every enabled module remove what identifies one person (``personal_data_anonymise``),
    then remove the values recorded about the records they changed from the audit log, from
    delivered events and webhooks and from comments, and delete the notifications whose text
    carries one of ``names`` (the person's name and email as they were). Run it in a
    transaction (a mutation's own): a module refusing rolls it all back. Returns the global
    ids of the records changed."""
    from backoffice.privacy.services import anonymise  # noqa: PLC0415

    return await anonymise(employee_id, user_id, label, names)


def replace_names(text: str, names: Any, label: str) -> str:
    """``text`` with every mention of one of ``names`` (in any case) replaced by ``label``: for
    the ``personal_data_anonymise`` hook's free text."""
    from backoffice.privacy.services import replace_names as _replace  # noqa: PLC0415

    return _replace(text, names, label)


def loader(info: Info, batch: Any) -> Any:
    """The request's DataLoader for a batch function ``async def batch(keys) -> values``."""
    return info.context.loader(batch)


async def require(info: Info, permission: str) -> None:
    """Raise ``FORBIDDEN`` unless the caller holds ``permission`` (for nested fields)."""
    await info.context.actor.require(permission)


async def has_permission(info: Info, permission: str) -> bool:
    return await info.context.actor.has(permission)


__all__ = [
    "BackofficeError", "BadUserInput", "ExportFile", "FileFormat", "ImportedRow", "export_file",
    "read_rows", "checked_upload", "safe_filename", "Conflict", "Connection", "CronJob", "Edge", "Event",
    "EventHandler", "EventType", "Forbidden", "ApprovalItem", "Approvable", "Commentable", "Indicator",
    "NotificationKind", "PersonalDataFile", "PersonalDataSection", "personal_data_archive",
    "anonymise_personal_data", "replace_names", "RequestType", "ServiceRequestContext", "notify", "GraphQLContribution", "Info", "JobContext",
    "ModuleDisabled",
    "ModuleManifest", "NavItem", "NotFound", "PageInfo", "Payload", "Permission", "RoleTemplate",
    "TenantTable", "Text", "UiColumn", "UiFormField", "UiMetadata", "UiResource",
    "Unauthenticated", "UserError", "audit", "connection_from_list", "current_tenant_id",
    "decode_id", "encode_id", "enqueue", "field", "get_locale", "has_permission", "hookimpl",
    "job_options",
    "add_raw_statements", "all_of", "decode_any_id", "rows_by_id", "rows_grouped_by", "loader", "mutation", "paginate", "publish", "require", "transaction",
    "translate",
]


def add_raw_statements(manager: Any, *statements: str) -> None:
    """Add raw SQL steps to a Piccolo migration: per-tenant unique indexes, tenant-leading
    indexes and other DDL that Piccolo's columns cannot express. Each statement runs on the
    migration's engine; keep them valid on SQLite and PostgreSQL (``CREATE [UNIQUE] INDEX``)."""

    def step(statement: str) -> Any:
        async def run() -> None:
            from piccolo.engine.finder import engine_finder  # noqa: PLC0415

            await engine_finder().run_ddl(statement)

        return run

    for statement in statements:
        manager.add_raw(step(statement))


def transaction() -> Any:
    """A write transaction (``async with sdk.transaction():``) for work outside a mutation,
    such as a job that must replace rows all at once. Mutations have one already."""
    from backoffice.db.engine import write_transaction  # noqa: PLC0415
    from backoffice.runtime import get_engine  # noqa: PLC0415

    return write_transaction(get_engine())


def all_of(*clauses: Any) -> Any:
    """The conjunction of Piccolo where-clauses, skipping ``None``; ``None`` if there are none."""
    where = None
    for clause in clauses:
        if clause is not None:
            where = clause if where is None else where & clause
    return where


async def rows_by_id(table: Any, keys: list[int]) -> list[dict[str, Any] | None]:
    """One query for many rows by primary key, in the order of ``keys`` (a DataLoader's batch)."""
    rows = await table.select().where(table.id.is_in(list(set(keys)) or [0]))
    found = {r["id"]: r for r in rows}
    return [found.get(k) for k in keys]


def decode_any_id(global_id: str) -> tuple[str, int]:
    """The type name and key of a global id that may be of several types (NOT_FOUND if
    malformed)."""
    from backoffice.graphql.ids import decode_any  # noqa: PLC0415

    type_name, pk = decode_any(global_id)
    if not pk.isdigit() or len(pk) > 18:
        raise NotFound()
    return type_name, int(pk)


async def rows_grouped_by(table: Any, column: Any, keys: list[int], order_by: Any = None) -> list[list[dict[str, Any]]]:
    """One query for the rows of many parents (lines of invoices, messages of tickets), grouped
    by ``column`` in the order of ``keys`` (a DataLoader's batch)."""
    query = table.select().where(column.is_in(list(set(keys)) or [0])).order_by(order_by if order_by is not None else table.id)
    grouped: dict[Any, list[dict[str, Any]]] = {}
    for row in await query:
        grouped.setdefault(row[column._meta.name], []).append(row)
    return [grouped.get(k, []) for k in keys]
