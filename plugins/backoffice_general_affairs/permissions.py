"""Permissions and role templates of the general affairs module.

Every member, with no role at all, books rooms and vehicles, files maintenance requests, asks
for supplies and to travel, and answers event invitations: those fields are self-service and
act on the caller's own records."""

from backoffice.sdk import Permission, RoleTemplate, Text


def _p(key: str, en: str, id_: str) -> Permission:
    return Permission(key, Text(en, id_))


PERMISSIONS = [
    _p("ga.facility.manage", "Manage buildings, floors, rooms and vehicles, and cancel any booking",
       "Mengelola gedung, lantai, ruangan, dan kendaraan, serta membatalkan pemesanan apa pun"),
    _p("ga.maintenance.manage", "See, assign and work on every maintenance request",
       "Melihat, menugaskan, dan mengerjakan semua permintaan perawatan"),
    _p("ga.inventory.read", "See office furniture and equipment", "Melihat perabot dan peralatan kantor"),
    _p("ga.inventory.manage", "Manage office furniture and equipment and the supply catalogue",
       "Mengelola perabot dan peralatan kantor serta katalog perlengkapan"),
    _p("ga.supply.approve", "See, approve and reject supply requests",
       "Melihat, menyetujui, dan menolak permintaan perlengkapan"),
    _p("ga.event.manage", "Plan company events: venue, budget, participants and tasks",
       "Merencanakan acara perusahaan: tempat, anggaran, peserta, dan tugas"),
    _p("ga.travel.approve", "Approve and settle business travel", "Menyetujui dan menyelesaikan perjalanan dinas"),
]

ROLE_TEMPLATES = [
    RoleTemplate(key="ga_staff", name=Text("General affairs staff", "Staf urusan umum"),
                 description=Text("Everything in general affairs: facilities, maintenance, inventory, supplies, "
                                  "events and travel.",
                                  "Semua akses urusan umum: fasilitas, perawatan, inventaris, perlengkapan, acara, "
                                  "dan perjalanan dinas."),
                 permissions=tuple(p.key for p in PERMISSIONS)),
    RoleTemplate(key="maintenance_technician", name=Text("Maintenance technician", "Teknisi perawatan"),
                 description=Text("Works on maintenance requests; looks up furniture and equipment.",
                                  "Mengerjakan permintaan perawatan; melihat perabot dan peralatan."),
                 permissions=("ga.maintenance.manage", "ga.inventory.read")),
    RoleTemplate(key="event_organiser", name=Text("Event organiser", "Penyelenggara acara"),
                 description=Text("Plans company events.", "Merencanakan acara perusahaan."),
                 permissions=("ga.event.manage",)),
]
