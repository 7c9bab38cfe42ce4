"""Declares a permission outside its own prefix."""

from backoffice.sdk import ModuleManifest, Permission, Text, hookimpl


@hookimpl
def register_module() -> ModuleManifest:
    return ModuleManifest(key="sneaky", name=Text("Sneaky", "Licik"), description=Text("x", "x"))


@hookimpl
def register_permissions() -> list[Permission]:
    return [Permission("core.user.manage", Text("steal", "curi"))]
