"""Maintenance rules: anyone files a request for a place (building, floor, room) or an office
asset, with a description and a priority; GA staff assign it and move it along
open -> in_progress -> done, or cancel it; whoever filed it may cancel it while still open."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, Forbidden, NotFound

from ..common import get_row, next_number
from ..facilities.services import resolve_location
from ..inventory.tables import OfficeAsset
from .tables import MaintenanceRequest

PRIORITIES = ("low", "medium", "high", "urgent")
STATUSES = ("open", "in_progress", "done", "cancelled")
FLOW = {"open": {"in_progress", "cancelled"}, "in_progress": {"done", "cancelled"}, "done": set(), "cancelled": set()}
LABELS = {"open": ("open", "terbuka"), "in_progress": ("in progress", "sedang dikerjakan"), "done": ("done", "selesai"),
          "cancelled": ("cancelled", "dibatalkan")}


def _cannot(current: str, wanted: str) -> Conflict:
    now, then = LABELS[current], LABELS.get(wanted, (wanted, wanted))
    return Conflict((f"A request that is {now[0]} cannot become {then[0]}.",
                     f"Permintaan yang {now[1]} tidak dapat menjadi {then[1]}."), field="status")


def number(n: int) -> str:
    return f"MR-{n:05d}"


def visible(row: dict[str, Any], user_id: int | None, manager: bool) -> bool:
    return manager or (user_id is not None and row["reported_by"] == user_id)


async def file_request(*, description: str, priority: str, building_id: int | None, floor_id: int | None,
                       room_id: int | None, asset_id: int | None, reported_by: int | None) -> int:
    if not description.strip():
        raise BadUserInput(("Say what needs fixing.", "Sebutkan apa yang perlu diperbaiki."), field="description")
    if priority not in PRIORITIES:
        raise BadUserInput(("Choose a priority: low, medium, high or urgent.",
                            "Pilih prioritas: low, medium, high, atau urgent."), field="priority")
    if asset_id is not None:
        asset = await get_row(OfficeAsset, asset_id)
        if building_id is None and floor_id is None and room_id is None:
            building_id, floor_id, room_id = asset["building_id"], asset["floor_id"], asset["room_id"]
    elif building_id is None and floor_id is None and room_id is None:
        raise BadUserInput(("Say where: a building, a floor, a room or an inventory item.",
                            "Sebutkan di mana: gedung, lantai, ruangan, atau barang inventaris."), field="buildingId")
    building_id, floor_id, room_id = await resolve_location(building_id, floor_id, room_id)
    result = await MaintenanceRequest.insert(MaintenanceRequest(
        number=await next_number(MaintenanceRequest), description=description.strip(), priority=priority,
        building_id=building_id, floor_id=floor_id, room_id=room_id, asset_id=asset_id, reported_by=reported_by))
    return result[0]["id"]


async def update(pk: int, *, status: str | None, priority: str | None, assignee: int | None, clear_assignee: bool,
                 resolution: str | None) -> None:
    row = await get_row(MaintenanceRequest, pk)
    values: dict[Any, Any] = {}
    if row["status"] in ("done", "cancelled") and (priority is not None or assignee is not None or clear_assignee):
        label = LABELS[row["status"]]
        raise Conflict((f"This request is {label[0]}.", f"Permintaan ini sudah {label[1]}."), field="status")
    if status is not None and status != row["status"]:
        if status not in STATUSES:
            raise BadUserInput(("Choose a status: open, in_progress, done or cancelled.",
                                "Pilih status: open, in_progress, done, atau cancelled."), field="status")
        if status not in FLOW[row["status"]]:
            raise _cannot(row["status"], status)
        now = datetime.now(UTC)
        values[MaintenanceRequest.status] = status
        if status == "in_progress":
            values[MaintenanceRequest.started_at] = now
        elif status == "done":
            values[MaintenanceRequest.done_at] = now
        else:
            values[MaintenanceRequest.cancelled_at] = now
    if priority is not None and priority != row["priority"]:
        if priority not in PRIORITIES:
            raise BadUserInput(("Choose a priority: low, medium, high or urgent.",
                                "Pilih prioritas: low, medium, high, atau urgent."), field="priority")
        values[MaintenanceRequest.priority] = priority
    if clear_assignee:
        values[MaintenanceRequest.assignee_user_id] = None
    elif assignee is not None:
        values[MaintenanceRequest.assignee_user_id] = assignee
    if resolution is not None:
        values[MaintenanceRequest.resolution] = resolution.strip()
    if values:
        await MaintenanceRequest.update(values).where(MaintenanceRequest.id == pk)


async def cancel_own(pk: int, user_id: int | None, manager: bool) -> None:
    """Whoever filed a request takes it back while it is open; GA staff cancel any open or
    in-progress request."""
    row = await get_row(MaintenanceRequest, pk)
    if not visible(row, user_id, manager):
        raise NotFound()
    if "cancelled" not in FLOW[row["status"]]:
        raise _cannot(row["status"], "cancelled")
    if not manager and row["status"] != "open":
        raise Forbidden(("Work has started: ask general affairs to cancel it.",
                         "Pekerjaan sudah dimulai: minta urusan umum untuk membatalkannya."))
    await MaintenanceRequest.update({MaintenanceRequest.status: "cancelled",
                                     MaintenanceRequest.cancelled_at: datetime.now(UTC)}).where(
        MaintenanceRequest.id == pk)
