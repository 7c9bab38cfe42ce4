"""Implements a hook that does not exist (a typo of register_permissions)."""

from backoffice.sdk import ModuleManifest, Text, hookimpl


@hookimpl
def register_module() -> ModuleManifest:
    return ModuleManifest(key="typo", name=Text("Typo", "Salah ketik"), description=Text("x", "x"))


@hookimpl
def register_permisions() -> list:
    return []
