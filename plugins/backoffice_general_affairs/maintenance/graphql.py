"""GraphQL of maintenance requests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from backoffice import sdk

from ..common import get_row, person, user_gid, user_pk
from ..facilities.graphql import Bookable, Building, Floor, building_of, floor_of, room_of
from ..inventory.graphql import OfficeAsset, asset_of
from . import services
from .tables import MaintenanceRequest as RequestTable

MANAGE = "ga.maintenance.manage"


@strawberry.type
class MaintenanceRequest:
    id: strawberry.ID
    number: str
    description: str
    priority: str = strawberry.field(description="low, medium, high or urgent")
    status: str = strawberry.field(description="open, in_progress, done or cancelled")
    reported_by_id: strawberry.ID | None
    assignee_id: strawberry.ID | None
    resolution: str
    created_at: datetime
    started_at: datetime | None
    done_at: datetime | None
    cancelled_at: datetime | None
    _row: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, r: dict[str, Any]) -> MaintenanceRequest:
        return cls(id=sdk.encode_id("MaintenanceRequest", r["id"]), number=services.number(r["number"]),
                   description=r["description"], priority=r["priority"], status=r["status"],
                   reported_by_id=user_gid(r["reported_by"]), assignee_id=user_gid(r["assignee_user_id"]),
                   resolution=r["resolution"], created_at=r["created_at"], started_at=r["started_at"],
                   done_at=r["done_at"], cancelled_at=r["cancelled_at"], _row=r)

    @strawberry.field
    async def building(self, info: sdk.Info) -> Building | None:
        return await building_of(info, self._row["building_id"])

    @strawberry.field
    async def floor(self, info: sdk.Info) -> Floor | None:
        return await floor_of(info, self._row["floor_id"])

    @strawberry.field
    async def room(self, info: sdk.Info) -> Bookable | None:
        return await room_of(info, self._row["room_id"])

    @strawberry.field(description="The inventory item to fix, if it is one.")
    async def asset(self, info: sdk.Info) -> OfficeAsset | None:
        return await asset_of(info, self._row["asset_id"])


@strawberry.input
class MaintenanceRequestInput:
    description: str
    priority: str = "medium"
    building_id: strawberry.ID | None = None
    floor_id: strawberry.ID | None = None
    room_id: strawberry.ID | None = None
    asset_id: strawberry.ID | None = strawberry.field(default=None, description="An office asset; its place is used "
                                                                                "when no other is given.")


@strawberry.input
class UpdateMaintenanceRequestInput:
    id: strawberry.ID
    status: str | None = strawberry.field(default=None, description="open -> in_progress -> done; or cancelled")
    priority: str | None = None
    assignee_id: strawberry.ID | None = None
    clear_assignee: bool = False
    resolution: str | None = strawberry.field(default=None, description="What was done.")


@strawberry.type
class MaintenanceRequestPayload(sdk.Payload):
    maintenance_request: MaintenanceRequest | None = None


def _opt(value: strawberry.ID | None, kind: str) -> int | None:
    return sdk.decode_id(value, kind) if value else None


async def _visible(info: sdk.Info, pk: int) -> dict[str, Any]:
    row = await get_row(RequestTable, pk)
    if not services.visible(row, info.context.actor.user_id, await sdk.has_permission(info, MANAGE)):
        raise sdk.NotFound()
    return row


@strawberry.type
class MaintenanceQuery:
    @sdk.field(MANAGE, description="Every maintenance request, newest first.")
    async def maintenance_requests(self, status: str | None = None, priority: str | None = None,
                                   assignee_id: strawberry.ID | None = None, building_id: strawberry.ID | None = None,
                                   first: int | None = 20, after: str | None = None) -> sdk.Connection[MaintenanceRequest]:
        where = sdk.all_of(RequestTable.status == status if status else None,
                           RequestTable.priority == priority if priority else None,
                           RequestTable.assignee_user_id == user_pk(assignee_id) if assignee_id else None,
                           RequestTable.building_id == _opt(building_id, "Building") if building_id else None)
        return await sdk.paginate(RequestTable, node=MaintenanceRequest.of, first=first, after=after, where=where,
                                  descending=True)

    @sdk.field(self_service=True, description="The maintenance requests you filed, newest first.")
    async def my_maintenance_requests(self, info: sdk.Info, first: int | None = 20,
                                      after: str | None = None) -> sdk.Connection[MaintenanceRequest]:
        return await sdk.paginate(RequestTable, node=MaintenanceRequest.of, first=first, after=after, descending=True,
                                  where=RequestTable.reported_by == (info.context.actor.user_id or 0))

    @sdk.field(self_service=True, description="One request: yours, or any for general affairs.")
    async def maintenance_request(self, info: sdk.Info, id: strawberry.ID) -> MaintenanceRequest:
        return MaintenanceRequest.of(await _visible(info, sdk.decode_id(id, "MaintenanceRequest")))


@strawberry.type
class MaintenanceMutation:
    @sdk.mutation(self_service=True, description="Report something to fix in a building, floor or room, or an "
                                                   "inventory item.")
    async def file_maintenance_request(self, info: sdk.Info, input: MaintenanceRequestInput) -> MaintenanceRequestPayload:
        pk = await services.file_request(description=input.description, priority=input.priority,
                                         building_id=_opt(input.building_id, "Building"),
                                         floor_id=_opt(input.floor_id, "Floor"), room_id=_opt(input.room_id, "Bookable"),
                                         asset_id=_opt(input.asset_id, "OfficeAsset"),
                                         reported_by=person(info))
        return MaintenanceRequestPayload(maintenance_request=MaintenanceRequest.of(await get_row(RequestTable, pk)))

    @sdk.mutation(MANAGE, description="Assign, re-prioritise or move a request along its workflow.")
    async def update_maintenance_request(self, input: UpdateMaintenanceRequestInput) -> MaintenanceRequestPayload:
        pk = sdk.decode_id(input.id, "MaintenanceRequest")
        await services.update(pk, status=input.status, priority=input.priority, assignee=user_pk(input.assignee_id),
                              clear_assignee=input.clear_assignee, resolution=input.resolution)
        return MaintenanceRequestPayload(maintenance_request=MaintenanceRequest.of(await get_row(RequestTable, pk)))

    @sdk.mutation(self_service=True, description="Take back a request you filed while it is still open.")
    async def cancel_maintenance_request(self, info: sdk.Info, id: strawberry.ID) -> MaintenanceRequestPayload:
        pk = sdk.decode_id(id, "MaintenanceRequest")
        await services.cancel_own(pk, info.context.actor.user_id, await sdk.has_permission(info, MANAGE))
        return MaintenanceRequestPayload(maintenance_request=MaintenanceRequest.of(await get_row(RequestTable, pk)))
