"""An example third-party Backoffice module (``example``), built on ``backoffice.sdk`` alone.

It keeps notes, and shows every part of the plugin contract: its own tables and migrations,
permissions and a role template, GraphQL queries and mutations, a domain event published in
the mutation's transaction, background jobs that report progress and retry, a cron job, UI
metadata, and seeding on enablement. Its sibling :mod:`backoffice_example.listener` is a
second module that reacts to the event. The manifest and hooks live here: wiring only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from piccolo.conf.apps import AppConfig

from backoffice.sdk import (
    Approvable,
    Commentable,
    CronJob,
    EventType,
    GraphQLContribution,
    Indicator,
    ModuleManifest,
    NotificationKind,
    Permission,
    PersonalDataSection,
    RequestType,
    RoleTemplate,
    Text,
    UiMetadata,
    encode_id,
    replace_names,
    hookimpl,
)

from . import permissions, ui
from .notes import jobs, services
from .notes.tables import ExampleNote

MANIFEST = ModuleManifest(
    key="example",
    name=Text("Example notes", "Catatan contoh"),
    description=Text(
        "Short notes for the team: an example of a module made outside the product.",
        "Catatan singkat untuk tim: contoh modul yang dibuat di luar produk.",
    ),
    version="0.1.0",
    depends_on=("hr",),
)


@hookimpl
def register_module() -> ModuleManifest:
    return MANIFEST


@hookimpl
def register_piccolo_app() -> AppConfig:
    return AppConfig(app_name="example",
                     migrations_folder_path=str(Path(__file__).parent / "migrations"),
                     table_classes=[ExampleNote])


@hookimpl
def register_permissions() -> list[Permission]:
    return permissions.PERMISSIONS


@hookimpl
def register_role_templates() -> list[RoleTemplate]:
    return permissions.ROLE_TEMPLATES


@hookimpl
def register_graphql() -> GraphQLContribution:
    from .notes.graphql import ExampleMutation, ExampleQuery

    return GraphQLContribution(queries=(ExampleQuery,), mutations=(ExampleMutation,))


@hookimpl
def register_event_types() -> list[EventType]:
    return [EventType("example.note_created", Text(
        "A note was created. Payload: note_id, title.",
        "Catatan dibuat. Isi: note_id, title."))]


@hookimpl
def register_jobs() -> list[Any]:
    return [jobs.count_notes, jobs.export_notes]


@hookimpl
def register_cron_jobs() -> list[CronJob]:
    return [CronJob(name="hourly_count", job=jobs.count_notes, minute=0)]


@hookimpl
def register_approvables() -> list[Approvable]:
    from .notes.approvals import APPROVABLES

    return APPROVABLES


@hookimpl
def register_ui() -> UiMetadata:
    return ui.UI


@hookimpl
async def on_module_enabled(tenant_id: int) -> None:
    await services.seed_welcome_note()


@hookimpl
async def seed_demo(tenant_id: int) -> None:
    await services.seed_welcome_note()


@hookimpl
async def on_module_disabled(tenant_id: int) -> None:
    # The notes stay (a re-enabled module finds them again); the company's log says why the
    # module's fields went away.
    from backoffice.sdk import audit

    await audit("exampleModuleDisabled", changes={"module": "example"})


@hookimpl
def register_request_types() -> list[RequestType]:
    from .portal import REQUEST_TYPES

    return REQUEST_TYPES


@hookimpl
def register_indicators() -> list[Indicator]:
    from .portal import INDICATORS

    return INDICATORS


@hookimpl
def register_notification_kinds() -> list[NotificationKind]:
    from .notes.notifications import KINDS

    return KINDS


@hookimpl
def register_commentables() -> list[Commentable]:
    from .notes.notifications import COMMENTABLES

    return COMMENTABLES


@hookimpl
async def personal_data_export(user_id: int | None) -> list[PersonalDataSection]:
    """The notes a person submitted, for their personal data export."""
    if user_id is None:
        return []
    rows = await ExampleNote.select(ExampleNote.title, ExampleNote.body, ExampleNote.status,
                                    ExampleNote.created_at).where(ExampleNote.submitted_by == user_id)
    return [PersonalDataSection("example.notes", Text("Notes you submitted", "Catatan yang Anda ajukan"),
                                rows=tuple(rows))]


@hookimpl
async def personal_data_anonymise(user_id: int | None, label: str, names: list[str]) -> list[str]:
    """A former employee's notes stay, without their name in the text or the reason given to them."""
    if user_id is None:
        return []
    notes = await ExampleNote.select(ExampleNote.id, ExampleNote.body).where(ExampleNote.submitted_by == user_id)
    for note in notes:
        await ExampleNote.update({ExampleNote.body: replace_names(note["body"], names, label),
                                  ExampleNote.decision_reason: ""}).where(ExampleNote.id == note["id"])
    return [encode_id("ExampleNote", n["id"]) for n in notes]
