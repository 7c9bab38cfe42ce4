"""What members ask logistics for in the service portal: to send something. Accepting a
request plans a shipment (reference ``REQ-<n>``); the warehouse adds what it carries, ships it and
records its delivery as with any shipment."""

from __future__ import annotations

from backoffice.sdk import RequestType, ServiceRequestContext, Text, UiFormField, decode_id, encode_id

from .shipping.tables import Shipment


async def accept_shipment(ctx: ServiceRequestContext) -> str:
    v = ctx.values
    reference = f"REQ-{decode_id(ctx.request_id, 'ServiceRequest')}"
    rows = await Shipment.insert(Shipment(
        reference=reference, destination=f"{v['recipient']}, {v['address']}"[:300],
        carrier=(v.get("carrier") or "")[:100], packages=max(1, v.get("packages") or 1))).returning(Shipment.id)
    return encode_id("Shipment", rows[0]["id"])


REQUEST_TYPES = [
    RequestType(
        key="logistics.shipment", label=Text("Send a shipment", "Kirim barang"),
        description=Text("Documents, samples or goods to a customer, a branch or a supplier.",
                         "Dokumen, sampel, atau barang ke pelanggan, cabang, atau pemasok."),
        fields=(UiFormField("recipient", Text("Recipient", "Penerima"), required=True),
                UiFormField("address", Text("Address", "Alamat"), kind="textarea", required=True),
                UiFormField("contents", Text("What is sent?", "Apa yang dikirim?"), kind="textarea", required=True),
                UiFormField("packages", Text("Packages", "Jumlah paket"), kind="number"),
                UiFormField("carrier", Text("Preferred carrier", "Kurir pilihan")),
                UiFormField("neededBy", Text("To arrive by", "Tiba sebelum"), kind="date")),
        handler_permission="logistics.stock.move", accept=accept_shipment, response_hours=24),
]
