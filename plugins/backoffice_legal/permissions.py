"""Permissions and role templates of the legal module."""

from backoffice.sdk import Permission, RoleTemplate, Text


def _p(key: str, en: str, id_: str) -> Permission:
    return Permission(key, Text(en, id_))


PERMISSIONS = [
    _p("legal.contract.read", "See every contract and its value", "Melihat semua kontrak dan nilainya"),
    _p("legal.contract.manage", "Write, review and sign off contracts", "Menyusun, meninjau, dan mengesahkan kontrak"),
    _p("legal.matter.read", "See legal matters and advice requests", "Melihat perkara hukum dan permintaan nasihat"),
    _p("legal.matter.manage", "Handle legal matters and answer advice requests",
       "Menangani perkara hukum dan menjawab permintaan nasihat"),
    _p("legal.permit.manage", "Keep permits, licences and regulatory filings",
       "Mengelola izin, lisensi, dan pelaporan kepada regulator"),
]

ROLE_TEMPLATES = [
    RoleTemplate(key="legal_officer", name=Text("Legal officer", "Petugas hukum"),
                 description=Text("Everything in legal.", "Semua akses hukum."),
                 permissions=tuple(p.key for p in PERMISSIONS)),
]
