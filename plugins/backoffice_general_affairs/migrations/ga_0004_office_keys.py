"""Rooms move onto floors of buildings, and the new tables get their per-company keys.

Before this release a room carried its building and floor as free text. Each distinct
building text of a company becomes a building record, each floor text a floor of it, and the
room points at that floor; the text columns go in the next migration. Then the per-company
unique numbers, tags and SKUs, and tenant-leading indexes of the new tables."""

from __future__ import annotations

import re
from typing import Any

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder
from piccolo.querystring import QueryString

from backoffice.sdk import add_raw_statements

ID = "2026-12-01T21:06:13:000000"
VERSION = "1.38.0"
DESCRIPTION = "rooms on floors of buildings; keys of the office tables"

LEGACY_TABLES = ("ga_resources", "ga_buildings", "ga_floors")


async def _fetch(engine: Any, sql: str, *args: Any) -> list[dict[str, Any]]:
    return [dict(r) for r in await engine.run_querystring(QueryString(sql, *args))]


def _code(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Z0-9]", "", name.upper())[:12] or "BLD"
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    taken.add(code)
    return code


def _level(floor: str) -> int:
    found = re.search(r"-?\d+", floor)
    return int(found.group()) if found and len(found.group()) < 6 else 0


async def rooms_onto_floors() -> None:
    engine = engine_finder()
    postgres = engine.engine_type == "postgres"
    if postgres:
        # The owner running migrations is held by row level security like everyone else;
        # the runner forces it again on every tenant table when the migrations are done.
        for table in LEGACY_TABLES:
            await engine.run_ddl(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
    rooms = await _fetch(engine, "SELECT id, tenant_id, building, floor FROM ga_resources "
                                 "WHERE kind = 'room' AND floor_id IS NULL AND (building <> '' OR floor <> '') "
                                 "ORDER BY tenant_id, id")
    buildings: dict[tuple[int, str], int] = {}
    floors: dict[tuple[int, str], int] = {}
    codes: dict[int, set[str]] = {}
    for room in rooms:
        tenant = room["tenant_id"]
        building_name = (room["building"] or "").strip() or "Main building"
        floor_name = (room["floor"] or "").strip() or "Ground floor"
        if (tenant, building_name) not in buildings:
            taken = codes.setdefault(tenant, {r["code"] for r in await _fetch(
                engine, "SELECT code FROM ga_buildings WHERE tenant_id = {}", tenant)})
            created = await _fetch(engine, "INSERT INTO ga_buildings (tenant_id, code, name, address, active) "
                                           "VALUES ({}, {}, {}, '', {}) RETURNING id",
                                   tenant, _code(building_name, taken), building_name[:200], True)
            buildings[(tenant, building_name)] = created[0]["id"]
        building_id = buildings[(tenant, building_name)]
        if (building_id, floor_name) not in floors:
            created = await _fetch(engine, "INSERT INTO ga_floors (tenant_id, building_id, name, level) "
                                           "VALUES ({}, {}, {}, {}) RETURNING id",
                                   tenant, building_id, floor_name[:50], _level(floor_name))
            floors[(building_id, floor_name)] = created[0]["id"]
        await engine.run_querystring(QueryString("UPDATE ga_resources SET floor_id = {} WHERE id = {}",
                                                 floors[(building_id, floor_name)], room["id"]))
    if postgres:
        for table in LEGACY_TABLES:
            await engine.run_ddl(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="ga", description=DESCRIPTION)
    manager.add_raw(rooms_onto_floors)
    add_raw_statements(
        manager,
        "CREATE UNIQUE INDEX ga_buildings_code ON ga_buildings (tenant_id, code)",
        "CREATE INDEX ga_floors_building ON ga_floors (tenant_id, building_id, level)",
        "CREATE INDEX ga_resources_floor ON ga_resources (tenant_id, floor_id)",
        "CREATE UNIQUE INDEX ga_maintenance_number ON ga_maintenance_requests (tenant_id, number)",
        "CREATE INDEX ga_maintenance_status ON ga_maintenance_requests (tenant_id, status, priority)",
        "CREATE INDEX ga_maintenance_reporter ON ga_maintenance_requests (tenant_id, reported_by)",
        "CREATE UNIQUE INDEX ga_office_assets_tag ON ga_office_assets (tenant_id, tag)",
        "CREATE INDEX ga_office_assets_custodian ON ga_office_assets (tenant_id, custodian_user_id)",
        "CREATE UNIQUE INDEX ga_supply_items_sku ON ga_supply_items (tenant_id, sku)",
        "CREATE UNIQUE INDEX ga_supply_requests_number ON ga_supply_requests (tenant_id, number)",
        "CREATE INDEX ga_supply_requests_requester ON ga_supply_requests (tenant_id, requested_by)",
        "CREATE INDEX ga_supply_requests_status ON ga_supply_requests (tenant_id, status)",
        "CREATE INDEX ga_supply_lines_request ON ga_supply_request_lines (tenant_id, supply_request_id)",
        "CREATE INDEX ga_travel_bookings_request ON ga_travel_bookings (tenant_id, travel_request_id)",
        "CREATE INDEX ga_company_events_start ON ga_company_events (tenant_id, starts_at)",
        "CREATE UNIQUE INDEX ga_event_participants_key ON ga_event_participants (tenant_id, company_event_id, user_id)",
        "CREATE INDEX ga_event_participants_user ON ga_event_participants (tenant_id, user_id)",
        "CREATE INDEX ga_event_tasks_event ON ga_event_tasks (tenant_id, company_event_id)",
    )
    return manager
