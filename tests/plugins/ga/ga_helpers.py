"""Helpers of the general affairs tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from helpers import Api, Company

BUILDING = "mutation($i: BuildingInput!) { createBuilding(input: $i) { building { id code } userErrors { field code message } } }"
FLOOR = "mutation($i: FloorInput!) { createFloor(input: $i) { floor { id name } userErrors { field code message } } }"
BOOKABLE = """mutation($i: BookableInput!) { createBookable(input: $i) {
  bookable { id name capacity equipment floor { id name } building { id code } } userErrors { field code message } } }"""


def user_id(member: Company) -> str:
    from backoffice.graphql.ids import encode_id

    return encode_id("User", member.extra["user_id"])


async def owner_id(api: Api) -> str:
    return (await api.data("{ me { id } }"))["me"]["id"]


@dataclass
class Office:
    company: Company
    building: str
    floors: dict[str, str]
    rooms: dict[str, str]

    @property
    def api(self) -> Api:
        return self.company.api


async def make_office(api: Api, code: str = "MSD") -> dict[str, Any]:
    building = (await api.data(BUILDING, {"i": {"code": code, "name": "Menara Sudirman",
                                                "address": "Jl. Jend. Sudirman, Jakarta"}}))["createBuilding"]["building"]["id"]
    floors = {}
    for name, level in (("Lantai 12", 12), ("Lantai 15", 15)):
        floors[name] = (await api.data(FLOOR, {"i": {"buildingId": building, "name": name, "level": level}}))[
            "createFloor"]["floor"]["id"]
    rooms = {}
    for floor, name, capacity, equipment in (("Lantai 12", "Melati", 8, ["TV", "Papan tulis"]),
                                             ("Lantai 12", "Anggrek", 4, []),
                                             ("Lantai 15", "Cendana", 60, ["Proyektor"])):
        rooms[name] = (await api.data(BOOKABLE, {"i": {"kind": "room", "name": name, "floorId": floors[floor],
                                                       "capacity": capacity, "equipment": equipment}}))[
            "createBookable"]["bookable"]["id"]
    return {"building": building, "floors": floors, "rooms": rooms}


async def outbox(company: Company, event_type: str) -> list[dict[str, Any]]:
    """The company's published events of one type, oldest first, with their payloads parsed."""
    import json

    from backoffice.db import scope
    from backoffice.events.tables import OutboxEvent
    from backoffice.graphql.ids import decode_id

    with scope.scoped(tenant_id=decode_id(company.tenant_id, "Tenant")):
        rows = await OutboxEvent.select().where(OutboxEvent.event_type == event_type).order_by(OutboxEvent.id)
    for row in rows:
        row["payload"] = json.loads(row["payload"]) if isinstance(row["payload"], str) else row["payload"]
    return rows


async def seed_demo(company: Company, user: str | None = None) -> None:
    """The module's demo data, entered in ``company`` as ``backoffice seed-demo`` does (for
    ``user`` when given)."""
    from backoffice.db import scope
    from backoffice.graphql.ids import decode_id
    from backoffice.sdk import transaction
    from backoffice_general_affairs.demo import seed

    with scope.scoped(tenant_id=decode_id(company.tenant_id, "Tenant")):
        async with transaction():
            await seed(decode_id(user, "User") if user else None)
