"""What general affairs tells people (``sdk.notify``) and which of its records take comments:
the traveller hears when their trip is approved or rejected."""

from __future__ import annotations

from typing import Any

from backoffice.sdk import Commentable, NotificationKind, Text, notify

from .maintenance.tables import MaintenanceRequest
from .supplies.tables import SupplyRequest
from .travel.tables import TravelRequest

KINDS = [
    NotificationKind("ga.travel_decided", Text("My travel request approved or rejected",
                                               "Permintaan perjalanan saya disetujui atau ditolak"),
                     email_default=True),
]


def _exists(table: Any) -> Any:
    async def exists(pk: int) -> bool:
        return await table.exists().where(table.id == pk)

    return exists


COMMENTABLES = [
    Commentable("TravelRequest", "ga.travel.approve", _exists(TravelRequest), link="/ga/travel/{id}"),
    Commentable("MaintenanceRequest", "ga.maintenance.manage", _exists(MaintenanceRequest),
                link="/ga/maintenance/{id}"),
    Commentable("SupplyRequest", "ga.supply.approve", _exists(SupplyRequest), link="/ga/supplies/{id}"),
]


async def travel_decided(request_id: int, decided_by: int | None) -> None:
    trip = await TravelRequest.select().where(TravelRequest.id == request_id).first()
    where = trip["destination"]
    if trip["status"] == "approved":
        title = (f"Your trip to {where} is approved", f"Perjalanan Anda ke {where} disetujui")
    else:
        title = (f"Your trip to {where} is rejected", f"Perjalanan Anda ke {where} ditolak")
    note = trip["decision_note"]
    await notify("ga.travel_decided", title=title, body=(note, note) if note else "",
                 link="/me/travel", users=[trip["traveller_user_id"]], exclude=[decided_by])
