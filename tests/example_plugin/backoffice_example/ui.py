"""Navigation and resource metadata of the example module for the web app."""

from backoffice.sdk import NavItem, Text, UiColumn, UiFormField, UiMetadata, UiResource

from .permissions import READ, WRITE

UI = UiMetadata(
    navigation=(
        NavItem(key="example.notes", label=Text("Notes", "Catatan"), path="/example/notes",
                icon="notebook", permission=READ),
    ),
    resources=(
        UiResource(
            key="example.note",
            label=Text("Note", "Catatan"),
            query="exampleNotes",
            columns=(
                UiColumn("title", Text("Title", "Judul"), sortable=False),
                UiColumn("createdAt", Text("Created", "Dibuat"), kind="datetime"),
            ),
            form=(
                UiFormField("title", Text("Title", "Judul"), required=True),
                UiFormField("body", Text("Text", "Isi"), kind="textarea"),
            ),
            create_mutation="createExampleNote",
            permission=READ,
        ),
    ),
)

__all__ = ["UI", "WRITE"]
