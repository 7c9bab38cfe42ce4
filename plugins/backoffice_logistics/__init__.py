"""Logistics module of Backoffice (backoffice_logistics).

The manifest and the hook implementations live here: thin wiring only. The module's areas
(tables, services, GraphQL, jobs, events) live in sub-packages of their own.
"""

from backoffice.sdk import ModuleManifest, Text, hookimpl

MANIFEST = ModuleManifest(
    key="logistics",
    name=Text("Logistics", "Logistik"),
    description=Text(
        "Items and warehouses, stock moves and valuation, purchase receipts, shipments and low-stock alerts.",
        "Barang dan gudang, mutasi dan penilaian stok, penerimaan pembelian, pengiriman, dan peringatan stok menipis.",
    ),
    version="0.1.0",
    depends_on=(),
)


@hookimpl
def register_module() -> ModuleManifest:
    return MANIFEST
