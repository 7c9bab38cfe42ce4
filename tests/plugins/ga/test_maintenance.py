"""Maintenance requests through GraphQL: anyone files one, the place is completed from the room
or the inventory item, GA staff move it open -> in_progress -> done (or cancel), the reporter
may cancel while it is open, and another company cannot touch it."""

from __future__ import annotations

from ga_helpers import user_id
from helpers import QueryCounter, add_member, enable

FIELDS = "id number status priority description assigneeId reportedById building { code } floor { name } room { name } asset { tag }"
FILE = f"""mutation($i: MaintenanceRequestInput!) {{ fileMaintenanceRequest(input: $i) {{
  maintenanceRequest {{ {FIELDS} }} userErrors {{ field code message }} }} }}"""
UPDATE = """mutation($i: UpdateMaintenanceRequestInput!) { updateMaintenanceRequest(input: $i) {
  maintenanceRequest { status assigneeId resolution startedAt doneAt } userErrors { field code message } } }"""
CANCEL = """mutation($id: ID!) { cancelMaintenanceRequest(id: $id) { maintenanceRequest { status } userErrors { field code } } }"""
LIST = f"""{{ maintenanceRequests(first: 100) {{ nodes {{ {FIELDS} }} }} }}"""


async def _file(api, **fields):  # type: ignore[no-untyped-def]
    data = await api.data(FILE, {"i": {"description": "AC bocor", **fields}})
    return data["fileMaintenanceRequest"]


async def test_anyone_files_and_the_place_is_completed(office, new_client):
    member = await add_member(office.company, new_client)
    filed = await _file(member.api, roomId=office.rooms["Melati"], priority="high")
    assert filed["userErrors"] == []
    request = filed["maintenanceRequest"]
    assert request["number"] == "MR-00001" and request["status"] == "open" and request["priority"] == "high"
    assert request["building"] == {"code": "MSD"} and request["floor"] == {"name": "Lantai 12"}
    assert request["room"] == {"name": "Melati"} and request["reportedById"] == user_id(member)
    second = (await _file(member.api, floorId=office.floors["Lantai 15"]))["maintenanceRequest"]
    assert second["number"] == "MR-00002" and second["building"] == {"code": "MSD"} and second["room"] is None
    mine = await member.api.data("{ myMaintenanceRequests { nodes { number } } }")
    assert [n["number"] for n in mine["myMaintenanceRequests"]["nodes"]] == ["MR-00002", "MR-00001"]


async def test_an_inventory_item_brings_its_place(office):
    asset = (await office.api.data("""mutation($i: OfficeAssetInput!) { createOfficeAsset(input: $i) { officeAsset { id } } }""",
                                   {"i": {"tag": "EQP-1", "name": "Dispenser", "category": "equipment",
                                          "roomId": office.rooms["Cendana"]}}))["createOfficeAsset"]["officeAsset"]["id"]
    request = (await _file(office.api, assetId=asset, description="Dispenser tidak dingin"))["maintenanceRequest"]
    assert request["asset"] == {"tag": "EQP-1"} and request["room"] == {"name": "Cendana"}
    assert request["floor"] == {"name": "Lantai 15"}


async def test_the_place_must_be_given_and_agree(office):
    nowhere = await _file(office.api)
    assert [(e["field"], e["code"]) for e in nowhere["userErrors"]] == [(["input", "buildingId"], "BAD_USER_INPUT")]
    wrong_floor = await _file(office.api, roomId=office.rooms["Melati"], floorId=office.floors["Lantai 15"])
    assert [(e["field"], e["code"]) for e in wrong_floor["userErrors"]] == [(["input", "roomId"], "BAD_USER_INPUT")]
    blank = await _file(office.api, description="  ", buildingId=office.building)
    assert [(e["field"], e["code"]) for e in blank["userErrors"]] == [(["input", "description"], "BAD_USER_INPUT")]
    odd = await _file(office.api, buildingId=office.building, priority="whenever")
    assert [(e["field"], e["code"]) for e in odd["userErrors"]] == [(["input", "priority"], "BAD_USER_INPUT")]
    body = await office.api.gql(FILE, {"i": {"description": "x", "buildingId": office.building, "priority": "x"}},
                                headers={"accept-language": "id"})
    assert body["data"]["fileMaintenanceRequest"]["userErrors"][0]["message"] == \
        "Pilih prioritas: low, medium, high, atau urgent."


async def test_the_workflow_open_in_progress_done(office, new_client):
    member = await add_member(office.company, new_client)
    tech = await add_member(office.company, new_client, role_keys=["ga.maintenance_technician"], name="Teknisi")
    pk = (await _file(member.api, roomId=office.rooms["Melati"]))["maintenanceRequest"]["id"]
    early = (await tech.api.data(UPDATE, {"i": {"id": pk, "status": "done"}}))["updateMaintenanceRequest"]
    assert [(e["field"], e["code"]) for e in early["userErrors"]] == [(["input", "status"], "CONFLICT")]
    started = (await tech.api.data(UPDATE, {"i": {"id": pk, "status": "in_progress", "assigneeId": user_id(tech)}}))[
        "updateMaintenanceRequest"]
    assert started["userErrors"] == [] and started["maintenanceRequest"]["status"] == "in_progress"
    assert started["maintenanceRequest"]["assigneeId"] == user_id(tech) and started["maintenanceRequest"]["startedAt"]
    assert await member.api.error_code(CANCEL, {"id": pk}) == "FORBIDDEN"  # work has started
    done = (await tech.api.data(UPDATE, {"i": {"id": pk, "status": "done", "resolution": "Selang AC diganti"}}))[
        "updateMaintenanceRequest"]["maintenanceRequest"]
    assert done["status"] == "done" and done["resolution"] == "Selang AC diganti" and done["doneAt"]
    back = (await tech.api.data(UPDATE, {"i": {"id": pk, "status": "in_progress"}}))["updateMaintenanceRequest"]
    assert back["userErrors"][0]["code"] == "CONFLICT"
    listed = await tech.api.data('{ maintenanceRequests(status: "done") { nodes { number } } }')
    assert [n["number"] for n in listed["maintenanceRequests"]["nodes"]] == ["MR-00001"]
    shown = await member.api.data("query($id: ID!) { maintenanceRequest(id: $id) { status } }", {"id": pk})
    assert shown["maintenanceRequest"]["status"] == "done"


async def test_the_reporter_cancels_while_open(office, new_client):
    member = await add_member(office.company, new_client)
    other = await add_member(office.company, new_client, name="Lain")
    pk = (await _file(member.api, buildingId=office.building))["maintenanceRequest"]["id"]
    assert await other.api.error_code(CANCEL, {"id": pk}) == "NOT_FOUND"
    assert await other.api.error_code("query($id: ID!) { maintenanceRequest(id: $id) { status } }", {"id": pk}) == "NOT_FOUND"
    assert (await member.api.data(CANCEL, {"id": pk}))["cancelMaintenanceRequest"]["maintenanceRequest"]["status"] == "cancelled"
    twice = (await member.api.data(CANCEL, {"id": pk}))["cancelMaintenanceRequest"]["userErrors"]
    assert [e["code"] for e in twice] == ["CONFLICT"]


async def test_only_ga_staff_manage_and_companies_stay_apart(office, new_client, other_company):
    member = await add_member(office.company, new_client)
    pk = (await _file(member.api, buildingId=office.building))["maintenanceRequest"]["id"]
    assert await member.api.error_code(LIST) == "FORBIDDEN"
    assert await member.api.error_code(UPDATE, {"i": {"id": pk, "status": "in_progress"}}) == "FORBIDDEN"
    await enable(other_company.api, "ga")
    assert (await other_company.api.data(LIST))["maintenanceRequests"]["nodes"] == []
    assert await other_company.api.error_code(UPDATE, {"i": {"id": pk, "status": "in_progress"}}) == "NOT_FOUND"
    assert await other_company.api.error_code(FILE, {"i": {"description": "AC bocor",  # a room of another company
                                                           "roomId": office.rooms["Melati"]}}) == "NOT_FOUND"


async def test_the_list_costs_a_constant_number_of_statements(office):
    api = office.api
    asset = (await api.data("""mutation($i: OfficeAssetInput!) { createOfficeAsset(input: $i) { officeAsset { id } } }""",
                            {"i": {"tag": "FUR-1", "name": "Meja", "category": "furniture",
                                   "roomId": office.rooms["Melati"]}}))["createOfficeAsset"]["officeAsset"]["id"]
    await _file(api, assetId=asset)
    with QueryCounter() as few:
        await api.data(LIST)
    for room in ("Melati", "Anggrek", "Cendana") * 5:
        await _file(api, roomId=office.rooms[room])
        await _file(api, assetId=asset)
    with QueryCounter() as many:
        data = await api.data(LIST)
    assert len(data["maintenanceRequests"]["nodes"]) == 31
    assert many.count == few.count, many.statements
