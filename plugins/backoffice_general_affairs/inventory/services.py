"""Inventory rules: every asset has a unique tag, a category (furniture or equipment), a place
(any of building, floor, room, kept consistent) and a status; a custodian is a member who looks
after it. A disposed asset stays on record but changes no more."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from backoffice.sdk import BadUserInput, Conflict

from ..common import get_row, money, text
from ..facilities.services import resolve_location
from .tables import OfficeAsset

CATEGORIES = ("furniture", "equipment")
STATUSES = ("in_use", "in_storage", "under_repair", "disposed")


def _check(category: str | None, status: str | None, cost: Decimal | None) -> None:
    if category is not None and category not in CATEGORIES:
        raise BadUserInput(("Choose a category: furniture or equipment.", "Pilih kategori: furniture atau equipment."),
                           field="category")
    if status is not None and status not in STATUSES:
        raise BadUserInput(("Choose a status: in_use, in_storage, under_repair or disposed.",
                            "Pilih status: in_use, in_storage, under_repair, atau disposed."), field="status")
    if cost is not None:
        money(cost, "purchaseCost")


async def create_asset(*, tag: str, name: str, category: str, status: str, building_id: int | None,
                       floor_id: int | None, room_id: int | None, custodian: int | None, purchase_date: date | None,
                       purchase_cost: Decimal | None, notes: str) -> int:
    tag, name = text(tag, 32).upper(), text(name, 200)
    if not tag or not name:
        raise BadUserInput(("Give the asset a tag and a name.", "Beri aset label dan nama."), field="tag")
    _check(category, status, purchase_cost)
    if await OfficeAsset.exists().where(OfficeAsset.tag == tag):
        raise Conflict((f"Tag {tag} is in use.", f"Label {tag} sudah dipakai."), field="tag")
    building_id, floor_id, room_id = await resolve_location(building_id, floor_id, room_id)
    result = await OfficeAsset.insert(OfficeAsset(
        tag=tag, name=name, category=category, status=status, building_id=building_id, floor_id=floor_id,
        room_id=room_id, custodian_user_id=custodian, purchase_date=purchase_date, purchase_cost=purchase_cost,
        notes=notes or ""))
    return result[0]["id"]


async def update_asset(pk: int, *, tag: str | None, name: str | None, category: str | None, status: str | None,
                       building_id: int | None, floor_id: int | None, room_id: int | None, clear_place: bool,
                       custodian: int | None, clear_custodian: bool, purchase_date: date | None,
                       purchase_cost: Decimal | None, notes: str | None) -> None:
    """Change an asset. Any of building, floor and room given moves it there (the rest of the
    place follows from the part given); ``clear_place`` leaves it with no place."""
    row = await get_row(OfficeAsset, pk)
    if row["status"] == "disposed":
        raise Conflict(("A disposed asset is kept on record only.",
                        "Aset yang sudah dilepas hanya disimpan sebagai catatan."), field="status")
    _check(category, status, purchase_cost)
    values: dict[Any, Any] = {}
    if tag is not None and text(tag, 32).upper() != row["tag"]:
        tag = text(tag, 32).upper()
        if not tag:
            raise BadUserInput(("Give the asset a tag.", "Beri aset label."), field="tag")
        if await OfficeAsset.exists().where(OfficeAsset.tag == tag):
            raise Conflict((f"Tag {tag} is in use.", f"Label {tag} sudah dipakai."), field="tag")
        values[OfficeAsset.tag] = tag
    if name is not None:
        if not name.strip():
            raise BadUserInput(("Give the asset a name.", "Beri aset nama."), field="name")
        values[OfficeAsset.name] = text(name, 200)
    if category is not None:
        values[OfficeAsset.category] = category
    if status is not None:
        values[OfficeAsset.status] = status
    if clear_place or building_id is not None or floor_id is not None or room_id is not None:
        building_id, floor_id, room_id = await resolve_location(building_id, floor_id, room_id)
        values.update({OfficeAsset.building_id: building_id, OfficeAsset.floor_id: floor_id,
                       OfficeAsset.room_id: room_id})
    if clear_custodian or status == "disposed":
        values[OfficeAsset.custodian_user_id] = None
    elif custodian is not None:
        values[OfficeAsset.custodian_user_id] = custodian
    if purchase_date is not None:
        values[OfficeAsset.purchase_date] = purchase_date
    if purchase_cost is not None:
        values[OfficeAsset.purchase_cost] = purchase_cost
    if notes is not None:
        values[OfficeAsset.notes] = notes
    if values:
        await OfficeAsset.update(values).where(OfficeAsset.id == pk)
