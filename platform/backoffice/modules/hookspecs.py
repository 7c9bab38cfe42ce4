"""The plugin contract: every hook a Backoffice module can implement.

This file is the reference for plugin authors; ``docs/plugins.md`` has a section per hook
and a test fails when one is missing. Implement a hook with ``@backoffice.sdk.hookimpl`` on
a function of the same name in the module's ``__init__.py``. The core itself is a plugin
(``backoffice.core``) and uses the same hooks.

Hooks are called per plugin, so what a plugin returns is attributed to the module whose
manifest it returned: a plugin cannot declare permissions, fields or handlers for another.
"""

from __future__ import annotations

from typing import Any

import pluggy

from .types import (
    Approvable,
    Commentable,
    CronJob,
    EventHandler,
    EventType,
    GraphQLContribution,
    Indicator,
    ModuleManifest,
    NotificationKind,
    Permission,
    RequestType,
    RoleTemplate,
    UiMetadata,
)

PROJECT = "backoffice"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


# --------------------------------------------------------------------------------------------
# Identity of the module (start-up)
# --------------------------------------------------------------------------------------------


@hookspec
def register_module() -> ModuleManifest:  # type: ignore[empty-body]
    """Return the module's manifest: key, names, description, version, dependencies.

    Required. Called once at start-up. The key must be unique among installed plugins and
    is the prefix of every permission and event the module declares.
    """


@hookspec
def register_piccolo_app() -> Any:
    """Return the module's Piccolo ``AppConfig`` (tables and migrations folder), or ``None``.

    Called at start-up and by ``backoffice migrate``. Tables that hold tenant data subclass
    ``backoffice.sdk.TenantTable``; the migration runner then puts them under row level
    security on PostgreSQL.
    """


# --------------------------------------------------------------------------------------------
# Permissions (start-up)
# --------------------------------------------------------------------------------------------


@hookspec
def register_permissions() -> list[Permission]:  # type: ignore[empty-body]
    """Return every permission the module checks, as ``<module>.<resource>.<action>``.

    Each must start with the module's key. Only declared permissions can be granted.
    """


@hookspec
def register_role_templates() -> list[RoleTemplate]:  # type: ignore[empty-body]
    """Return the roles the module offers each tenant (for example "HR manager").

    Every permission in a template must be declared by this module or a module it depends
    on. Template roles appear in a tenant's roles while the module is enabled.
    """


# --------------------------------------------------------------------------------------------
# API (start-up)
# --------------------------------------------------------------------------------------------


@hookspec
def register_graphql() -> GraphQLContribution:  # type: ignore[empty-body]
    """Return the module's Strawberry query and mutation classes.

    Their fields are merged into the root types of the schema of every tenant that has the
    module enabled, and are absent for the others. Two modules claiming the same root field
    or type name stop start-up with an error naming both. Every root field must declare a
    permission (``sdk.field``/``sdk.mutation``).
    """


# --------------------------------------------------------------------------------------------
# Events and jobs (start-up)
# --------------------------------------------------------------------------------------------


@hookspec
def register_event_types() -> list[EventType]:  # type: ignore[empty-body]
    """Return the domain events the module publishes (``<module>.<event>``).

    ``sdk.publish`` refuses an event type that no module declared.
    """


@hookspec
def register_event_handlers() -> list[EventHandler]:  # type: ignore[empty-body]
    """Return the module's subscriptions to events of any module.

    A handler runs at least once per event, inside the event's tenant scope, only while the
    subscribing module is enabled for that tenant. It must be idempotent.
    """


@hookspec
def register_jobs() -> list[Any]:  # type: ignore[empty-body]
    """Return the module's background job functions (``async def job(ctx, **kwargs)``).

    A job is enqueued with ``sdk.enqueue(job, **kwargs)`` and runs in the enqueuing
    tenant's scope, on an arq worker when Redis is configured and in-process otherwise.
    """


@hookspec
def register_cron_jobs() -> list[CronJob]:  # type: ignore[empty-body]
    """Return jobs to run on a schedule for every tenant that has the module enabled."""


# --------------------------------------------------------------------------------------------
# Web app (start-up)
# --------------------------------------------------------------------------------------------


@hookspec
def register_ui() -> UiMetadata:  # type: ignore[empty-body]
    """Return navigation entries and resource metadata (list columns, forms) for the web app.

    Exposed through the ``uiMetadata`` query, filtered to what the tenant has enabled and
    the user may see.
    """


# --------------------------------------------------------------------------------------------
# Tenant lifecycle (per tenant, at run time)
# --------------------------------------------------------------------------------------------


@hookspec
def on_module_enabled(tenant_id: int) -> Any:
    """Called when a tenant enables the module, inside that tenant's scope and inside the
    ``enableModule`` transaction. Seed defaults here; data kept from an earlier enablement
    is still there, so seeding must skip what exists. May be a coroutine.

    Args:
        tenant_id: the tenant that enabled the module (also the current scope).
    """


@hookspec
def on_module_disabled(tenant_id: int) -> Any:
    """Called when a tenant disables the module, inside that tenant's scope and transaction.

    Data must be kept: a later ``enableModule`` brings it back. May be a coroutine.

    Args:
        tenant_id: the tenant that disabled the module.
    """


@hookspec
def seed_demo(tenant_id: int, owner_user_id: int) -> Any:
    """Fill a demo tenant with data that makes the module look alive (``backoffice
    seed-demo``). Called in the tenant's scope after the module is enabled, with the demo
    owner's user id for records that need a person (take only the arguments you need). May
    be a coroutine.

    Args:
        tenant_id: the demo tenant.
    """


# --------------------------------------------------------------------------------------------
# The coordination layer (start-up): what a module adds to notifications, the approvals inbox,
# the service portal, the operations dashboard and comments. Disabling the module removes them.
# --------------------------------------------------------------------------------------------


@hookspec
def register_notification_kinds() -> list[NotificationKind]:  # type: ignore[empty-body]
    """Return the kinds of notification the module sends with ``sdk.notify``; keys start with
    the module key. People choose per kind whether to get them by email too."""


@hookspec
def register_approvables() -> list[Approvable]:  # type: ignore[empty-body]
    """Return the kinds of record of the module that wait for approval. They appear in the
    approvals inbox of whoever the tenant's approval rules name, and are decided there."""


@hookspec
def find_managers(user_ids: list[int]) -> Any:
    """Return ``{user_id: manager_user_id}`` for those of ``user_ids`` whose manager the module
    knows (HR's organisation chart), inside the tenant's scope. The approvals inbox asks the
    enabled modules when a rule has a "manager" step and a record's module does not know the
    requester's manager (an expense claim, a trip). May be a coroutine.

    Args:
        user_ids: the requesters, as user ids.
    """


@hookspec
def register_request_types() -> list[RequestType]:  # type: ignore[empty-body]
    """Return what members can ask the module's department for in the service portal."""


@hookspec
def register_indicators() -> list[Indicator]:  # type: ignore[empty-body]
    """Return the module's figures for the operations dashboard."""


@hookspec
def register_commentables() -> list[Commentable]:  # type: ignore[empty-body]
    """Return the module's record types that people can comment on (with @mentions)."""


# --------------------------------------------------------------------------------------------
# Personal data (per tenant, at run time): what the modules hold about one person, for the
# export and the anonymisation a person may ask for under Indonesia's UU PDP (Law 27/2022).
# --------------------------------------------------------------------------------------------


@hookspec
def personal_data_export(tenant_id: int, employee_id: int | None, user_id: int | None) -> Any:
    """Return a list of ``PersonalDataSection``: what the module holds about one person of the
    tenant in scope, named by their employee record and/or their user account (either may be
    ``None``). Called for every enabled module when an export is built, inside the tenant's
    scope; return nothing of anyone else. May be a coroutine.

    Args:
        tenant_id: the tenant in scope.
        employee_id: the person's employee record (HR's key), if they have one.
        user_id: the person's user account, if they have one.
    """


@hookspec
def personal_data_anonymise(tenant_id: int, employee_id: int | None, user_id: int | None,
                            label: str, names: list[str]) -> Any:
    """Remove what identifies the person from the module's records, keeping what the law
    requires to be kept (amounts of payroll and bookkeeping). Called for every enabled module
    inside the one transaction of the anonymisation; raise ``Conflict`` to refuse (nothing is
    changed then). ``label`` ("Former employee #12") replaces names where a record needs one.
    Return the global ids of the records that were changed or deleted: the values recorded in
    their audit entries and event payloads are removed too. May be a coroutine.

    Args:
        tenant_id: the tenant in scope.
        employee_id: the person's employee record, if they have one.
        user_id: the person's user account, if they have one.
        label: the neutral name that replaces theirs.
        names: their name and email as they were (only those of three characters or more).
    """
