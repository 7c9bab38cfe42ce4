"""GraphQL of office inventory: furniture and equipment."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import strawberry

from backoffice import sdk

from ..common import get_row, user_gid, user_pk
from ..facilities.graphql import Bookable, Building, Floor, building_of, floor_of, room_of
from . import services
from .tables import OfficeAsset as AssetTable

READ = "ga.inventory.read"
MANAGE = "ga.inventory.manage"


async def load_assets(keys: list[int]) -> list[dict[str, Any] | None]:
    return await sdk.rows_by_id(AssetTable, keys)


async def asset_of(info: sdk.Info, pk: int | None) -> OfficeAsset | None:
    row = await sdk.loader(info, load_assets).load(pk) if pk else None
    return OfficeAsset.of(row) if row else None


@strawberry.type(description="Office furniture or equipment.")
class OfficeAsset:
    id: strawberry.ID
    tag: str
    name: str
    category: str = strawberry.field(description="furniture or equipment")
    status: str = strawberry.field(description="in_use, in_storage, under_repair or disposed")
    custodian_id: strawberry.ID | None
    purchase_date: date | None
    purchase_cost: Decimal | None
    notes: str
    _row: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, r: dict[str, Any]) -> OfficeAsset:
        return cls(id=sdk.encode_id("OfficeAsset", r["id"]), tag=r["tag"], name=r["name"], category=r["category"],
                   status=r["status"], custodian_id=user_gid(r["custodian_user_id"]), purchase_date=r["purchase_date"],
                   purchase_cost=Decimal(r["purchase_cost"]) if r["purchase_cost"] is not None else None,
                   notes=r["notes"], _row=r)

    @strawberry.field
    async def building(self, info: sdk.Info) -> Building | None:
        return await building_of(info, self._row["building_id"])

    @strawberry.field
    async def floor(self, info: sdk.Info) -> Floor | None:
        return await floor_of(info, self._row["floor_id"])

    @strawberry.field
    async def room(self, info: sdk.Info) -> Bookable | None:
        return await room_of(info, self._row["room_id"])


@strawberry.input
class OfficeAssetInput:
    tag: str
    name: str
    category: str = strawberry.field(description="furniture or equipment")
    status: str = "in_use"
    building_id: strawberry.ID | None = None
    floor_id: strawberry.ID | None = None
    room_id: strawberry.ID | None = None
    custodian_id: strawberry.ID | None = None
    purchase_date: date | None = None
    purchase_cost: Decimal | None = None
    notes: str = ""


@strawberry.input
class UpdateOfficeAssetInput:
    id: strawberry.ID
    tag: str | None = None
    name: str | None = None
    category: str | None = None
    status: str | None = strawberry.field(default=None, description="disposed is final and clears the custodian")
    building_id: strawberry.ID | None = strawberry.field(default=None, description="Any of buildingId, floorId and "
                                                                                   "roomId moves the asset there.")
    floor_id: strawberry.ID | None = None
    room_id: strawberry.ID | None = None
    clear_place: bool = False
    custodian_id: strawberry.ID | None = None
    clear_custodian: bool = False
    purchase_date: date | None = None
    purchase_cost: Decimal | None = None
    notes: str | None = None


@strawberry.type
class OfficeAssetPayload(sdk.Payload):
    office_asset: OfficeAsset | None = None


def _opt(value: strawberry.ID | None, kind: str) -> int | None:
    return sdk.decode_id(value, kind) if value else None


@strawberry.type
class InventoryQuery:
    @sdk.field(READ, description="Office furniture and equipment, by tag.")
    async def office_assets(self, category: str | None = None, status: str | None = None,
                            building_id: strawberry.ID | None = None, room_id: strawberry.ID | None = None,
                            custodian_id: strawberry.ID | None = None, search: str | None = None,
                            first: int | None = 50, after: str | None = None) -> sdk.Connection[OfficeAsset]:
        where = sdk.all_of(AssetTable.category == category if category else None,
                           AssetTable.status == status if status else None,
                           AssetTable.building_id == _opt(building_id, "Building") if building_id else None,
                           AssetTable.room_id == _opt(room_id, "Bookable") if room_id else None,
                           AssetTable.custodian_user_id == user_pk(custodian_id) if custodian_id else None,
                           (AssetTable.tag.ilike(f"%{search.strip()}%") | AssetTable.name.ilike(f"%{search.strip()}%"))
                           if search and search.strip() else None)
        return await sdk.paginate(AssetTable, node=OfficeAsset.of, first=first, after=after, where=where,
                                  order_by=AssetTable.tag)

    @sdk.field(READ)
    async def office_asset(self, id: strawberry.ID) -> OfficeAsset:
        return OfficeAsset.of(await get_row(AssetTable, sdk.decode_id(id, "OfficeAsset")))

    @sdk.field(self_service=True, description="The furniture and equipment in your care.")
    async def my_office_assets(self, info: sdk.Info) -> list[OfficeAsset]:
        rows = await AssetTable.select().where(AssetTable.custodian_user_id == (info.context.actor.user_id or 0)
                                               ).order_by(AssetTable.tag)
        return [OfficeAsset.of(r) for r in rows]


@strawberry.type
class InventoryMutation:
    @sdk.mutation(MANAGE)
    async def create_office_asset(self, input: OfficeAssetInput) -> OfficeAssetPayload:
        pk = await services.create_asset(
            tag=input.tag, name=input.name, category=input.category, status=input.status,
            building_id=_opt(input.building_id, "Building"), floor_id=_opt(input.floor_id, "Floor"),
            room_id=_opt(input.room_id, "Bookable"), custodian=user_pk(input.custodian_id),
            purchase_date=input.purchase_date, purchase_cost=input.purchase_cost, notes=input.notes)
        return OfficeAssetPayload(office_asset=OfficeAsset.of(await get_row(AssetTable, pk)))

    @sdk.mutation(MANAGE, description="Move an asset, hand it to a custodian, or change its status.")
    async def update_office_asset(self, input: UpdateOfficeAssetInput) -> OfficeAssetPayload:
        pk = sdk.decode_id(input.id, "OfficeAsset")
        await services.update_asset(
            pk, tag=input.tag, name=input.name, category=input.category, status=input.status,
            building_id=_opt(input.building_id, "Building"), floor_id=_opt(input.floor_id, "Floor"),
            room_id=_opt(input.room_id, "Bookable"), clear_place=input.clear_place,
            custodian=user_pk(input.custodian_id), clear_custodian=input.clear_custodian,
            purchase_date=input.purchase_date, purchase_cost=input.purchase_cost, notes=input.notes)
        return OfficeAssetPayload(office_asset=OfficeAsset.of(await get_row(AssetTable, pk)))
