"""Implements hooks but forgets the manifest."""

from backoffice.sdk import Permission, Text, hookimpl


@hookimpl
def register_permissions() -> list[Permission]:
    return [Permission("nameless.thing.read", Text("read", "baca"))]
