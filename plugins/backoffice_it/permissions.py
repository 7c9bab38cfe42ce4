"""Permissions and role templates of the IT support module."""

from backoffice.sdk import Permission, RoleTemplate, Text


def _p(key: str, en: str, id_: str) -> Permission:
    return Permission(key, Text(en, id_))


PERMISSIONS = [
    _p("it.asset.read", "See hardware, software and licences", "Melihat perangkat keras, lunak, dan lisensi"),
    _p("it.asset.manage", "Manage assets, licences and assignments", "Mengelola aset, lisensi, dan penugasan"),
    _p("it.ticket.handle", "Work on helpdesk tickets (all tickets, internal notes)",
       "Menangani tiket layanan bantuan (semua tiket, catatan internal)"),
    _p("it.ticket.manage", "Set SLA targets and categories", "Mengatur target SLA dan kategori"),
    _p("it.article.manage", "Write knowledge base articles", "Menulis artikel basis pengetahuan"),
]

ROLE_TEMPLATES = [
    RoleTemplate(key="support_agent", name=Text("IT support agent", "Agen dukungan TI"),
                 description=Text("Handles tickets and assets.", "Menangani tiket dan aset."),
                 permissions=("it.asset.read", "it.asset.manage", "it.ticket.handle", "it.article.manage")),
    RoleTemplate(key="it_manager", name=Text("IT manager", "Manajer TI"),
                 description=Text("Everything in IT support.", "Semua akses dukungan TI."),
                 permissions=tuple(p.key for p in PERMISSIONS)),
]
