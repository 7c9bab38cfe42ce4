"""What general affairs puts in the approvals inbox: travel requests (with their estimated cost
and cash advance) and supply requests.

Deciding there does what ``decideTravelRequest`` and ``decideSupplyRequest`` do: an approved
supply request is published as ``ga.supply_request_approved`` for logistics; an approved trip can
take bookings and be settled."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from backoffice.sdk import Approvable, ApprovalItem, Text, decode_id, encode_id, get_locale

from .common import decimal_string
from .supplies import services as supplies
from .supplies.tables import SupplyRequest, SupplyRequestLine
from .travel import services as travel
from .travel.tables import TravelRequest


def _money(value: Any) -> str:
    amount = Decimal(value)
    text = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    if get_locale() == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


async def pending_travel() -> list[ApprovalItem]:
    rows = await TravelRequest.select(
        TravelRequest.id, TravelRequest.traveller_user_id, TravelRequest.destination,
        TravelRequest.departs_on, TravelRequest.returns_on, TravelRequest.estimated_cost,
        TravelRequest.advance, TravelRequest.created_at,
    ).where(TravelRequest.status == "submitted").order_by(TravelRequest.id)
    indonesian = get_locale() == "id"
    items = []
    for r in rows:
        gid = encode_id("TravelRequest", r["id"])
        span = f"{r['departs_on'].isoformat()} – {r['returns_on'].isoformat()}"
        advance = _money(r["advance"])
        title = (f"{r['destination']}, {span} (uang muka IDR {advance})" if indonesian
                 else f"{r['destination']}, {span} (cash advance IDR {advance})")
        items.append(ApprovalItem(
            id=gid, title=title, requester_user_id=r["traveller_user_id"], submitted_at=r["created_at"],
            amount=Decimal(r["estimated_cost"]), currency="IDR", link=f"/ga/travel/{gid}"))
    return items


async def decide_travel(record_id: str, approve: bool, reason: str, decided_by: int) -> None:
    await travel.decide(decode_id(record_id, "TravelRequest"), approve=approve, note=reason,
                        user_id=decided_by)


async def pending_supplies() -> list[ApprovalItem]:
    rows = await SupplyRequest.select(
        SupplyRequest.id, SupplyRequest.number, SupplyRequest.requested_by, SupplyRequest.created_at,
    ).where(SupplyRequest.status == "submitted").order_by(SupplyRequest.id)
    if not rows:
        return []
    lines: dict[int, list[dict[str, Any]]] = {}
    for line in await SupplyRequestLine.select(
            SupplyRequestLine.supply_request_id, SupplyRequestLine.sku, SupplyRequestLine.name,
            SupplyRequestLine.quantity, SupplyRequestLine.unit).where(
            SupplyRequestLine.supply_request_id.is_in([r["id"] for r in rows])).order_by(SupplyRequestLine.id):
        lines.setdefault(line["supply_request_id"], []).append(line)
    items = []
    for r in rows:
        gid = encode_id("SupplyRequest", r["id"])
        asked = ", ".join(f"{line['name'] or line['sku']} × {decimal_string(line['quantity'])} {line['unit']}"
                          for line in lines.get(r["id"], []))
        items.append(ApprovalItem(
            id=gid, title=f"{supplies.number(r['number'])}: {asked}"[:300],
            requester_user_id=r["requested_by"], submitted_at=r["created_at"], link=f"/ga/supplies/{gid}"))
    return items


async def decide_supplies(record_id: str, approve: bool, reason: str, decided_by: int) -> None:
    await supplies.decide(decode_id(record_id, "SupplyRequest"), approve=approve, reason=reason,
                          user_id=decided_by)


APPROVABLES = [
    Approvable(kind="ga.travel_request", label=Text("Business trip", "Perjalanan dinas"),
               permission="ga.travel.approve", pending=pending_travel, decide=decide_travel),
    Approvable(kind="ga.supply_request", label=Text("Supply request", "Permintaan perlengkapan"),
               permission="ga.supply.approve", pending=pending_supplies, decide=decide_supplies),
]
