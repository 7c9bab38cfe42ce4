"""Permissions and role templates of the logistics module."""

from backoffice.sdk import Permission, RoleTemplate, Text

PERMISSIONS = [
    Permission("logistics.stock.read", Text("See items, stock and moves", "Melihat barang, stok, dan mutasi")),
    Permission("logistics.stock.move", Text("Post stock moves", "Memposting mutasi stok")),
    Permission("logistics.item.manage", Text("Manage items, warehouses and stock settings",
                                             "Mengelola barang, gudang, dan pengaturan stok")),
]

ROLE_TEMPLATES = [
    RoleTemplate(key="operations_manager", name=Text("Operations manager", "Manajer operasional"),
                 description=Text("Everything in logistics.", "Semua akses logistik."),
                 permissions=tuple(p.key for p in PERMISSIONS)),
    RoleTemplate(key="warehouse_staff", name=Text("Warehouse staff", "Staf gudang"),
                 description=Text("Receives, issues and moves stock.", "Menerima, mengeluarkan, dan memindahkan stok."),
                 permissions=("logistics.stock.read", "logistics.stock.move")),
]
