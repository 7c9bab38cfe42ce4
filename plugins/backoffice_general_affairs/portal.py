"""What members ask general affairs for in the service portal: a room, office supplies, a
business trip, something fixed. Accepting a request makes the module's own record through its
rules: the booking (never overlapping another), the supply request, the travel request or the
maintenance request, all in the requester's name."""

from __future__ import annotations

from decimal import Decimal

from backoffice.sdk import (
    BadUserInput,
    Conflict,
    RequestType,
    ServiceRequestContext,
    Text,
    UiFormField,
    decode_id,
    encode_id,
)

from .common import get_row
from .facilities import services as facilities
from .maintenance import services as maintenance
from .maintenance.services import PRIORITIES
from .supplies import services as supplies
from .supplies.tables import SupplyItem
from .travel import services as travel

PRIORITY_OPTIONS = tuple((p, Text(p.capitalize(), label)) for p, label in zip(
    PRIORITIES, ("Rendah", "Sedang", "Tinggi", "Mendesak"), strict=True))


async def accept_room(ctx: ServiceRequestContext) -> str:
    v = ctx.values
    try:
        pk = await facilities.book(decode_id(v["room"], "Bookable"), v["startsAt"], v["endsAt"], ctx.title,
                                   ctx.requester_user_id, kind="room")
    except Exception as exc:
        if facilities.is_overlap_violation(exc):
            raise Conflict(facilities.OVERLAP, field="startsAt") from exc
        raise
    return encode_id("Booking", pk)


async def accept_supplies(ctx: ServiceRequestContext) -> str:
    v = ctx.values
    item = await get_row(SupplyItem, decode_id(v["item"], "SupplyItem"))
    pk = await supplies.request_supplies(lines=[(item["sku"], Decimal(v["quantity"]), v.get("note") or "")],
                                         note=ctx.title, user_id=ctx.requester_user_id)
    return encode_id("SupplyRequest", pk)


async def accept_travel(ctx: ServiceRequestContext) -> str:
    v = ctx.values
    pk = await travel.request(traveller=ctx.requester_user_id, destinations=v["destination"].split(","),
                              departs_on=v["departsOn"], returns_on=v["returnsOn"], purpose=v["purpose"],
                              estimated_cost=v["estimatedCost"], advance=v.get("advance") or Decimal(0))
    return encode_id("TravelRequest", pk)


async def accept_maintenance(ctx: ServiceRequestContext) -> str:
    v = ctx.values
    room = decode_id(v["room"], "Bookable") if v.get("room") else None
    try:
        pk = await maintenance.file_request(
            description=f"{ctx.title}\n\n{v['description']}", priority=v.get("priority") or "medium",
            building_id=decode_id(v["building"], "Building"), floor_id=None, room_id=room, asset_id=None,
            reported_by=ctx.requester_user_id)
    except BadUserInput as exc:
        if exc.field == "roomId":  # the room is not in the building given
            raise BadUserInput(exc.text, field="room") from exc
        raise
    return encode_id("MaintenanceRequest", pk)


REQUEST_TYPES = [
    RequestType(
        key="ga.room", label=Text("A meeting room", "Ruang rapat"),
        description=Text("General affairs books a room for you (and sets it up).",
                         "Urusan umum memesankan ruangan untuk Anda (dan menyiapkannya)."),
        fields=(UiFormField("room", Text("Room", "Ruangan"), kind="ref:Bookable", required=True),
                UiFormField("startsAt", Text("From", "Dari"), kind="datetime", required=True),
                UiFormField("endsAt", Text("Until", "Sampai"), kind="datetime", required=True),
                UiFormField("attendees", Text("People attending", "Jumlah peserta"), kind="number"),
                UiFormField("setup", Text("Set-up needed", "Persiapan yang diperlukan"), kind="textarea")),
        handler_permission="ga.facility.manage", accept=accept_room, response_hours=4, link="/me/bookings"),
    RequestType(
        key="ga.supplies", label=Text("Office supplies", "Perlengkapan kantor"),
        description=Text("Paper, pens, toner ... from the supply catalogue.",
                         "Kertas, pena, toner ... dari katalog perlengkapan."),
        fields=(UiFormField("item", Text("Item", "Barang"), kind="ref:SupplyItem", required=True),
                UiFormField("quantity", Text("Quantity", "Jumlah"), kind="decimal", required=True),
                UiFormField("note", Text("Note", "Catatan"))),
        handler_permission="ga.supply.approve", accept=accept_supplies, response_hours=24, link="/me/supplies"),
    RequestType(
        key="ga.travel", label=Text("Business travel", "Perjalanan dinas"),
        description=Text("A business trip: general affairs arranges it once approved.",
                         "Perjalanan dinas: urusan umum mengaturnya setelah disetujui."),
        fields=(UiFormField("destination", Text("Destination(s), comma separated", "Tujuan, dipisahkan koma"),
                            required=True),
                UiFormField("departsOn", Text("Departure", "Berangkat"), kind="date", required=True),
                UiFormField("returnsOn", Text("Return", "Kembali"), kind="date", required=True),
                UiFormField("purpose", Text("Purpose", "Tujuan perjalanan"), kind="textarea", required=True),
                UiFormField("estimatedCost", Text("Estimated cost", "Perkiraan biaya"), kind="money", required=True),
                UiFormField("advance", Text("Cash advance", "Uang muka"), kind="money")),
        handler_permission="ga.travel.approve", accept=accept_travel, response_hours=24, link="/me/travel"),
    RequestType(
        key="ga.maintenance", label=Text("Something to fix", "Perbaikan"),
        description=Text("A leak, a broken chair, the air conditioning, a light ...",
                         "Kebocoran, kursi rusak, pendingin udara, lampu ..."),
        fields=(UiFormField("building", Text("Building", "Gedung"), kind="ref:Building", required=True),
                UiFormField("room", Text("Room", "Ruangan"), kind="ref:Bookable"),
                UiFormField("description", Text("What needs fixing?", "Apa yang perlu diperbaiki?"), kind="textarea",
                            required=True),
                UiFormField("priority", Text("Priority", "Prioritas"), kind="select", options=PRIORITY_OPTIONS)),
        handler_permission="ga.maintenance.manage", accept=accept_maintenance, response_hours=8,
        link="/me/maintenance"),
]
