"""Permissions and role templates of the logistics module."""

from backoffice.sdk import Permission, RoleTemplate, Text

PERMISSIONS = [
    Permission("logistics.stock.read", Text("See items, stock, moves and stock issue documents",
                                            "Melihat barang, stok, mutasi, dan dokumen pengeluaran stok")),
    Permission("logistics.stock.move", Text("Post stock moves and stock issue documents",
                                            "Memposting mutasi stok dan dokumen pengeluaran stok")),
    Permission("logistics.item.manage", Text("Manage items, warehouses and stock settings",
                                             "Mengelola barang, gudang, dan pengaturan stok")),
    Permission("logistics.purchase.read", Text("See expected deliveries and their receipts",
                                               "Melihat rencana penerimaan barang dan penerimaannya")),
    Permission("logistics.purchase.manage", Text("Record and cancel expected deliveries",
                                                 "Mencatat dan membatalkan rencana penerimaan barang")),
    Permission("logistics.purchase.receive", Text("Receive goods against expected deliveries",
                                                  "Menerima barang sesuai rencana penerimaan")),
]

ROLE_TEMPLATES = [
    RoleTemplate(key="operations_manager", name=Text("Operations manager", "Manajer operasional"),
                 description=Text("Everything in logistics.", "Semua akses logistik."),
                 permissions=tuple(p.key for p in PERMISSIONS)),
    RoleTemplate(key="warehouse_staff", name=Text("Warehouse staff", "Staf gudang"),
                 description=Text("Receives, issues and moves stock, including goods expected from suppliers.",
                                  "Menerima, mengeluarkan, dan memindahkan stok, termasuk barang dari pemasok."),
                 permissions=("logistics.stock.read", "logistics.stock.move", "logistics.purchase.read",
                              "logistics.purchase.receive")),
    RoleTemplate(key="purchasing_staff", name=Text("Purchasing staff", "Staf pembelian"),
                 description=Text("Records the deliveries expected from suppliers and follows them up.",
                                  "Mencatat rencana penerimaan barang dari pemasok dan memantaunya."),
                 permissions=("logistics.stock.read", "logistics.purchase.read", "logistics.purchase.manage")),
]
