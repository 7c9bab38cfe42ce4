"""IT support module of Backoffice (backoffice_it).

The manifest and the hook implementations live here: thin wiring only. The module's areas
(tables, services, GraphQL, jobs, events) live in sub-packages of their own.
"""

from backoffice.sdk import ModuleManifest, Text, hookimpl

MANIFEST = ModuleManifest(
    key="it",
    name=Text("IT support", "Dukungan TI"),
    description=Text(
        "Hardware and software assets, licences, a helpdesk with SLAs, onboarding and offboarding checklists, and a knowledge base.",
        "Aset perangkat keras dan lunak, lisensi, layanan bantuan dengan SLA, daftar periksa karyawan masuk dan keluar, serta basis pengetahuan.",
    ),
    version="0.1.0",
    depends_on=(),
)


@hookimpl
def register_module() -> ModuleManifest:
    return MANIFEST
