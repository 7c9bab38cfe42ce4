"""Permissions and role templates of the general affairs module."""

from backoffice.sdk import Permission, RoleTemplate, Text

PERMISSIONS = [
    Permission("ga.facility.manage", Text("Manage rooms and vehicles", "Mengelola ruangan dan kendaraan")),
    Permission("ga.travel.approve", Text("Approve and settle business travel",
                                         "Menyetujui dan menyelesaikan perjalanan dinas")),
]

ROLE_TEMPLATES = [
    RoleTemplate(key="ga_staff", name=Text("General affairs staff", "Staf urusan umum"),
                 description=Text("Rooms, vehicles and travel.", "Ruangan, kendaraan, dan perjalanan dinas."),
                 permissions=tuple(p.key for p in PERMISSIONS)),
]
