"""A second example module (``example_listener``): it reacts to ``example.note_created`` by
keeping a receipt, and never imports the module that publishes the event.

The manifest and hooks live here: wiring only.
"""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig

from backoffice.sdk import (
    EventHandler,
    GraphQLContribution,
    ModuleManifest,
    Permission,
    RoleTemplate,
    Text,
    hookimpl,
)

from .events import record_receipt
from .tables import ExampleReceipt

READ = "example_listener.receipt.read"

MANIFEST = ModuleManifest(
    key="example_listener",
    name=Text("Note receipts", "Tanda terima catatan"),
    description=Text(
        "Keeps a receipt of every new note: an example of modules talking through events.",
        "Menyimpan tanda terima setiap catatan baru: contoh modul yang berkomunikasi lewat "
        "peristiwa.",
    ),
    version="0.1.0",
)


@hookimpl
def register_module() -> ModuleManifest:
    return MANIFEST


@hookimpl
def register_piccolo_app() -> AppConfig:
    return AppConfig(app_name="example_listener",
                     migrations_folder_path=str(Path(__file__).parent / "migrations"),
                     table_classes=[ExampleReceipt])


@hookimpl
def register_permissions() -> list[Permission]:
    return [Permission(READ, Text("See note receipts", "Melihat tanda terima catatan"))]


@hookimpl
def register_role_templates() -> list[RoleTemplate]:
    return [RoleTemplate(key="viewer", name=Text("Receipts viewer", "Pembaca tanda terima"),
                         permissions=(READ,))]


@hookimpl
def register_graphql() -> GraphQLContribution:
    from .graphql import ExampleListenerQuery

    return GraphQLContribution(queries=(ExampleListenerQuery,))


@hookimpl
def register_event_handlers() -> list[EventHandler]:
    return [EventHandler(event_type="example.note_created", handler=record_receipt,
                         name="record_receipt")]
