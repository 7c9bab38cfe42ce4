"""GraphQL of outbound shipments."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import strawberry

from backoffice import sdk

from ..stock import services as stock
from ..stock.graphql import MOVE, READ, allow_negative
from .tables import Shipment as ShipmentTable
from .tables import ShipmentLine as LineTable

FLOW = {"planned": {"picked", "shipped"}, "picked": {"shipped"}, "shipped": {"delivered", "returned"},
        "delivered": {"returned"}, "returned": set()}


@strawberry.type
class Shipment:
    id: strawberry.ID
    reference: str
    destination: str
    carrier: str
    tracking_number: str
    packages: int
    status: str
    received_by: str
    delivered_at: datetime | None

    @classmethod
    def of(cls, r: dict[str, Any]) -> Shipment:
        return cls(id=sdk.encode_id("Shipment", r["id"]), reference=r["reference"], destination=r["destination"],
                   carrier=r["carrier"], tracking_number=r["tracking_number"], packages=r["packages"],
                   status=r["status"], received_by=r["received_by"], delivered_at=r["delivered_at"])


@strawberry.input
class ShipmentLineInput:
    item_id: strawberry.ID
    quantity: Decimal
    from_location_id: strawberry.ID


@strawberry.input
class ShipmentInput:
    reference: str
    destination: str
    lines: list[ShipmentLineInput]
    carrier: str = ""
    packages: int = 1


@strawberry.input
class ShipmentStatusInput:
    id: strawberry.ID
    status: str
    tracking_number: str | None = None
    received_by: str | None = strawberry.field(default=None, description="Proof of delivery: who signed for it.")


@strawberry.type
class ShipmentPayload(sdk.Payload):
    shipment: Shipment | None = None


async def _get(pk: int) -> dict[str, Any]:
    row = await ShipmentTable.select().where(ShipmentTable.id == pk).first()
    if row is None:
        raise sdk.NotFound()
    return row


@strawberry.type
class ShippingQuery:
    @sdk.field(READ)
    async def shipments(self, status: str | None = None, first: int | None = 20,
                        after: str | None = None) -> sdk.Connection[Shipment]:
        return await sdk.paginate(ShipmentTable, node=Shipment.of, first=first, after=after, descending=True,
                                  where=ShipmentTable.status == status if status else None)


@strawberry.type
class ShippingMutation:
    @sdk.mutation(MOVE)
    async def create_shipment(self, input: ShipmentInput) -> ShipmentPayload:
        if not input.reference.strip() or not input.destination.strip() or not input.lines or input.packages < 1:
            raise sdk.BadUserInput(("Give a reference, a destination, at least one line and one package.",
                                    "Beri referensi, tujuan, minimal satu baris dan satu paket."), field="lines")
        lines = [(sdk.decode_id(line.item_id, "Item"), sdk.decode_id(line.from_location_id, "Location"))
                 for line in input.lines]
        for item_id, location_id in lines:  # the company's own items and locations only
            await stock._get(stock.Item, item_id)
            await stock._get(stock.Location, location_id)
        result = await ShipmentTable.insert(ShipmentTable(reference=input.reference.strip()[:64],
                                                          destination=input.destination.strip()[:300],
                                                          carrier=input.carrier, packages=input.packages))
        pk = result[0]["id"]
        for i, line in enumerate(input.lines):
            if line.quantity <= 0:
                raise sdk.BadUserInput(("Ship a positive quantity.", "Kirim jumlah positif."), field=f"lines.{i}.quantity")
            await LineTable.insert(LineTable(shipment_id=pk, item_id=lines[i][0], quantity=line.quantity,
                                             from_location_id=lines[i][1]))
        return ShipmentPayload(shipment=Shipment.of(await _get(pk)))

    @sdk.mutation(MOVE, description="Move a shipment on; shipping takes stock out, a return brings it back.")
    async def update_shipment_status(self, input: ShipmentStatusInput) -> ShipmentPayload:
        pk = sdk.decode_id(input.id, "Shipment")
        row = await _get(pk)
        if input.status not in FLOW[row["status"]]:
            raise sdk.Conflict((f"A {row['status']} shipment cannot become {input.status}.",
                                f"Pengiriman {row['status']} tidak dapat menjadi {input.status}."), field="status")
        values: dict[Any, Any] = {ShipmentTable.status: input.status}
        if input.tracking_number is not None:
            values[ShipmentTable.tracking_number] = input.tracking_number
        if input.status == "delivered":
            if not (input.received_by or "").strip():
                raise sdk.BadUserInput(("Say who received it.", "Sebutkan siapa yang menerima."), field="receivedBy")
            values[ShipmentTable.received_by] = input.received_by.strip()
            values[ShipmentTable.delivered_at] = datetime.now(UTC)
        if input.status in ("shipped", "returned"):
            for line in await LineTable.select().where(LineTable.shipment_id == pk):
                out = input.status == "shipped"
                await stock.post_move(
                    kind="issue" if out else "receipt", item_id=line["item_id"], quantity=Decimal(line["quantity"]),
                    from_location=line["from_location_id"] if out else None,
                    to_location=None if out else line["from_location_id"], unit_cost=None, move_date=date.today(),
                    reference=row["reference"], idempotency_key=f"shipment:{pk}:{line['id']}:{input.status}",
                    allow_negative=await allow_negative())
        await ShipmentTable.update(values).where(ShipmentTable.id == pk)
        return ShipmentPayload(shipment=Shipment.of(await _get(pk)))
