"""Human resources module of Backoffice (backoffice_hr).

The manifest and the hook implementations live here: thin wiring only. The module's areas
(tables, services, GraphQL, jobs, events) live in sub-packages of their own.
"""

from backoffice.sdk import ModuleManifest, Text, hookimpl

MANIFEST = ModuleManifest(
    key="hr",
    name=Text("Human resources", "Sumber daya manusia"),
    description=Text(
        "Employees and departments, recruitment, training, leave, performance reviews, payroll with Indonesian tax and BPJS rules, and company policies.",
        "Karyawan dan departemen, rekrutmen, pelatihan, cuti, penilaian kinerja, penggajian dengan aturan pajak dan BPJS Indonesia, serta kebijakan perusahaan.",
    ),
    version="0.1.0",
    depends_on=(),
)


@hookimpl
def register_module() -> ModuleManifest:
    return MANIFEST
