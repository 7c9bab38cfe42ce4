"""Claims the key of an installed module."""

from backoffice.sdk import ModuleManifest, Text, hookimpl


@hookimpl
def register_module() -> ModuleManifest:
    return ModuleManifest(key="hr", name=Text("HR again", "HR lagi"), description=Text("x", "x"))
