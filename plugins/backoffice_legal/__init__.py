"""Legal module of Backoffice (backoffice_legal).

The manifest and the hook implementations live here: thin wiring only. The module's areas
(tables, services, GraphQL, jobs, events) live in sub-packages of their own.
"""

from backoffice.sdk import ModuleManifest, Text, hookimpl

MANIFEST = ModuleManifest(
    key="legal",
    name=Text("Legal", "Hukum"),
    description=Text(
        "Contracts with reviews and renewals, legal matters and advice requests, permits and licences, and regulatory filings.",
        "Kontrak dengan peninjauan dan perpanjangan, perkara hukum dan permintaan nasihat, izin dan lisensi, serta pelaporan kepada regulator.",
    ),
    version="0.1.0",
    depends_on=(),
)


@hookimpl
def register_module() -> ModuleManifest:
    return MANIFEST
