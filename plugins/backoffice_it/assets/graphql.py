"""GraphQL of IT assets and licences."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry

from backoffice import sdk

from . import services
from .tables import Asset as AssetTable
from .tables import AssetAssignment as AssignmentTable
from .tables import License as LicenseTable
from .tables import LicenseSeat as SeatTable


async def load_histories(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(AssignmentTable, AssignmentTable.asset_id, keys, order_by=AssignmentTable.id)


async def load_seat_counts(keys: list[int]) -> list[int]:
    rows = await SeatTable.select(SeatTable.license_id).where(SeatTable.license_id.is_in(list(set(keys))))
    counts: dict[int, int] = {}
    for r in rows:
        counts[r["license_id"]] = counts.get(r["license_id"], 0) + 1
    return [counts.get(k, 0) for k in keys]


@strawberry.type
class AssetAssignment:
    user_id: strawberry.ID
    assigned_at: datetime
    returned_at: datetime | None


@strawberry.type
class Asset:
    id: strawberry.ID
    tag: str
    kind: str
    name: str
    serial_number: str
    purchase_date: date | None
    purchase_price: Decimal
    warranty_end: date | None
    location: str
    status: str
    assigned_user_id: strawberry.ID | None
    _pk: strawberry.Private[int]

    @classmethod
    def of(cls, r: dict[str, Any]) -> Asset:
        return cls(id=sdk.encode_id("Asset", r["id"]), tag=r["tag"], kind=r["kind"], name=r["name"],
                   serial_number=r["serial_number"], purchase_date=r["purchase_date"],
                   purchase_price=Decimal(r["purchase_price"]), warranty_end=r["warranty_end"], location=r["location"],
                   status=r["status"], _pk=r["id"],
                   assigned_user_id=sdk.encode_id("User", r["assigned_user_id"]) if r["assigned_user_id"] else None)

    @strawberry.field
    async def history(self, info: sdk.Info) -> list[AssetAssignment]:
        return [AssetAssignment(user_id=sdk.encode_id("User", r["user_id"]), assigned_at=r["assigned_at"],
                                returned_at=r["returned_at"]) for r in await sdk.loader(info, load_histories).load(self._pk)]

    @strawberry.field(description="A printable SVG label with the tag as a QR code.")
    def label_svg(self) -> str:
        return services.label_svg(self.tag, self.name)


@strawberry.type
class License:
    id: strawberry.ID
    product: str
    vendor: str
    seats: int
    renewal_date: date | None
    _pk: strawberry.Private[int]

    @strawberry.field
    async def seats_used(self, info: sdk.Info) -> int:
        return await sdk.loader(info, load_seat_counts).load(self._pk)

    @strawberry.field(description="More people hold a seat than the licence allows.")
    async def over_assigned(self, info: sdk.Info) -> bool:
        return await sdk.loader(info, load_seat_counts).load(self._pk) > self.seats


def _license(r: dict[str, Any]) -> License:
    return License(id=sdk.encode_id("License", r["id"]), product=r["product"], vendor=r["vendor"], seats=r["seats"],
                   renewal_date=r["renewal_date"], _pk=r["id"])


@strawberry.input
class AssetInput:
    tag: str
    kind: str
    name: str
    serial_number: str = ""
    purchase_date: date | None = None
    purchase_price: Decimal = Decimal(0)
    warranty_end: date | None = None
    location: str = ""


@strawberry.input
class AssignAssetInput:
    id: strawberry.ID
    user_id: strawberry.ID | None = strawberry.field(default=None, description="Null takes the asset back.")


@strawberry.input
class LicenseInput:
    product: str
    seats: int
    vendor: str = ""
    renewal_date: date | None = None


@strawberry.input
class LicenseSeatInput:
    license_id: strawberry.ID
    user_id: strawberry.ID


@strawberry.type
class AssetPayload(sdk.Payload):
    asset: Asset | None = None


@strawberry.type
class LicensePayload(sdk.Payload):
    license: License | None = None


@strawberry.type
class AssetQuery:
    @sdk.field("it.asset.read")
    async def assets(self, first: int | None = 50, after: str | None = None, kind: str | None = None,
                     status: str | None = None, search: str | None = None) -> sdk.Connection[Asset]:
        where = sdk.all_of(AssetTable.kind == kind if kind else None, AssetTable.status == status if status else None,
                           (AssetTable.name.ilike(f"%{search}%") | AssetTable.tag.ilike(f"%{search}%")
                            | AssetTable.serial_number.ilike(f"%{search}%")) if search else None)
        return await sdk.paginate(AssetTable, node=Asset.of, first=first, after=after, where=where, order_by=AssetTable.tag)

    @sdk.field("it.asset.read")
    async def licenses(self, first: int | None = 50, after: str | None = None) -> sdk.Connection[License]:
        return await sdk.paginate(LicenseTable, node=_license, first=first, after=after, order_by=LicenseTable.product)

    @sdk.field(self_service=True, description="The devices assigned to you.")
    async def my_assets(self, info: sdk.Info) -> list[Asset]:
        rows = await AssetTable.select().where(AssetTable.assigned_user_id == (info.context.actor.user_id or 0))
        return [Asset.of(r) for r in rows]


@strawberry.type
class AssetMutation:
    @sdk.mutation("it.asset.manage")
    async def create_asset(self, input: AssetInput) -> AssetPayload:
        pk = await services.create_asset({"tag": input.tag, "kind": input.kind, "name": input.name,
                                          "serial_number": input.serial_number, "purchase_date": input.purchase_date,
                                          "purchase_price": input.purchase_price, "warranty_end": input.warranty_end,
                                          "location": input.location})
        return AssetPayload(asset=Asset.of(await services._get(AssetTable, pk)))

    @sdk.mutation("it.asset.manage", description="Give a device to a member, or take it back.")
    async def assign_asset(self, input: AssignAssetInput) -> AssetPayload:
        pk = sdk.decode_id(input.id, "Asset")
        await services.assign(pk, sdk.decode_id(input.user_id, "User") if input.user_id else None)
        return AssetPayload(asset=Asset.of(await services._get(AssetTable, pk)))

    @sdk.mutation("it.asset.manage")
    async def create_license(self, input: LicenseInput) -> LicensePayload:
        pk = await services.create_license(input.product, input.vendor, input.seats, input.renewal_date)
        return LicensePayload(license=_license(await services._get(LicenseTable, pk)))

    @sdk.mutation("it.asset.manage", description="Give a member a seat; over-assignment is allowed and flagged.")
    async def assign_license_seat(self, input: LicenseSeatInput) -> LicensePayload:
        pk = sdk.decode_id(input.license_id, "License")
        await services.assign_seat(pk, sdk.decode_id(input.user_id, "User"))
        return LicensePayload(license=_license(await services._get(LicenseTable, pk)))
