"""Depends on a module that is not installed."""

from backoffice.sdk import ModuleManifest, Text, hookimpl


@hookimpl
def register_module() -> ModuleManifest:
    return ModuleManifest(key="lonely", name=Text("Lonely", "Sendiri"), description=Text("x", "x"),
                          depends_on=("warehouse_robots",))
