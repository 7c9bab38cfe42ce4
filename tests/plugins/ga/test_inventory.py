"""Office inventory through GraphQL: furniture and equipment with a place, a custodian and a
status; who may see and change them; the company boundary; a constant cost per list."""

from __future__ import annotations

from ga_helpers import user_id
from helpers import QueryCounter, add_member, enable

FIELDS = "id tag name category status custodianId purchaseCost building { code } floor { name } room { name }"
CREATE = f"""mutation($i: OfficeAssetInput!) {{ createOfficeAsset(input: $i) {{ officeAsset {{ {FIELDS} }}
  userErrors {{ field code message }} }} }}"""
UPDATE = f"""mutation($i: UpdateOfficeAssetInput!) {{ updateOfficeAsset(input: $i) {{ officeAsset {{ {FIELDS} }}
  userErrors {{ field code message }} }} }}"""
LIST = f"""query($s: String, $c: String) {{ officeAssets(search: $s, category: $c, first: 100) {{ totalCount nodes {{ {FIELDS} }} }} }}"""


async def test_assets_have_a_place_a_custodian_and_a_status(office, new_client):
    api = office.api
    keeper = await add_member(office.company, new_client, name="Sari")
    desk = (await api.data(CREATE, {"i": {"tag": "fur-0001", "name": "Meja rapat oval", "category": "furniture",
                                          "roomId": office.rooms["Melati"], "custodianId": user_id(keeper),
                                          "purchaseDate": "2025-03-01", "purchaseCost": "4500000.00"}}))["createOfficeAsset"]
    assert desk["userErrors"] == []
    asset = desk["officeAsset"]
    assert asset["tag"] == "FUR-0001" and asset["status"] == "in_use" and asset["custodianId"] == user_id(keeper)
    assert asset["building"] == {"code": "MSD"} and asset["floor"] == {"name": "Lantai 12"}
    assert asset["room"] == {"name": "Melati"} and asset["purchaseCost"] in ("4500000.00", "4500000")
    mine = await keeper.api.data("{ myOfficeAssets { tag } }")
    assert mine["myOfficeAssets"] == [{"tag": "FUR-0001"}]
    await api.data(CREATE, {"i": {"tag": "FUR-0002", "name": "Kursi", "category": "furniture"}})
    clash = (await api.data(UPDATE, {"i": {"id": asset["id"], "tag": "fur-0002"}}))["updateOfficeAsset"]["userErrors"]
    assert [(e["field"], e["code"]) for e in clash] == [(["input", "tag"], "CONFLICT")]
    moved = (await api.data(UPDATE, {"i": {"id": asset["id"], "floorId": office.floors["Lantai 15"],
                                           "status": "in_storage", "tag": "FUR-0100"}}))["updateOfficeAsset"]["officeAsset"]
    assert moved["room"] is None and moved["floor"] == {"name": "Lantai 15"} and moved["status"] == "in_storage"
    assert moved["tag"] == "FUR-0100" and moved["building"] == {"code": "MSD"}
    nowhere = (await api.data(UPDATE, {"i": {"id": asset["id"], "clearPlace": True}}))["updateOfficeAsset"]["officeAsset"]
    assert nowhere["building"] is None and nowhere["floor"] is None
    gone = (await api.data(UPDATE, {"i": {"id": asset["id"], "status": "disposed"}}))["updateOfficeAsset"]["officeAsset"]
    assert gone["status"] == "disposed" and gone["custodianId"] is None
    frozen = (await api.data(UPDATE, {"i": {"id": asset["id"], "status": "in_use"}}))["updateOfficeAsset"]["userErrors"]
    assert [(e["field"], e["code"]) for e in frozen] == [(["input", "status"], "CONFLICT")]
    found = await api.data(LIST, {"s": "oval"})
    assert found["officeAssets"]["totalCount"] == 1


async def test_asset_input_is_checked(office):
    api = office.api
    await api.data(CREATE, {"i": {"tag": "EQP-1", "name": "Proyektor", "category": "equipment"}})
    taken = (await api.data(CREATE, {"i": {"tag": "eqp-1", "name": "Lain", "category": "equipment"}}))["createOfficeAsset"]
    assert [(e["field"], e["code"]) for e in taken["userErrors"]] == [(["input", "tag"], "CONFLICT")]
    odd = (await api.data(CREATE, {"i": {"tag": "X-1", "name": "Kapal", "category": "vehicle"}}))["createOfficeAsset"]
    assert [(e["field"], e["code"]) for e in odd["userErrors"]] == [(["input", "category"], "BAD_USER_INPUT")]
    negative = (await api.data(CREATE, {"i": {"tag": "X-2", "name": "Kursi", "category": "furniture",
                                              "purchaseCost": "-1"}}))["createOfficeAsset"]
    assert [(e["field"], e["code"]) for e in negative["userErrors"]] == [(["input", "purchaseCost"], "BAD_USER_INPUT")]
    apart = (await api.data(CREATE, {"i": {"tag": "X-3", "name": "Kursi", "category": "furniture",
                                           "roomId": office.rooms["Cendana"], "floorId": office.floors["Lantai 12"]}}))
    assert apart["createOfficeAsset"]["userErrors"][0]["code"] == "BAD_USER_INPUT"


async def test_readers_read_managers_manage(office, new_client):
    await office.api.data(CREATE, {"i": {"tag": "FUR-1", "name": "Lemari", "category": "furniture"}})
    member = await add_member(office.company, new_client)
    reader = await add_member(office.company, new_client, role_keys=["ga.maintenance_technician"], name="Teknisi")
    assert await member.api.error_code(LIST) == "FORBIDDEN"
    assert (await reader.api.data(LIST))["officeAssets"]["totalCount"] == 1
    assert await reader.api.error_code(CREATE, {"i": {"tag": "FUR-2", "name": "Meja", "category": "furniture"}}) == "FORBIDDEN"


async def test_another_company_sees_and_moves_nothing(office, other_company):
    asset = (await office.api.data(CREATE, {"i": {"tag": "FUR-1", "name": "Lemari", "category": "furniture"}}))[
        "createOfficeAsset"]["officeAsset"]["id"]
    await enable(other_company.api, "ga")
    assert (await other_company.api.data(LIST))["officeAssets"]["totalCount"] == 0
    assert await other_company.api.error_code("query($id: ID!) { officeAsset(id: $id) { tag } }", {"id": asset}) == "NOT_FOUND"
    assert await other_company.api.error_code(UPDATE, {"i": {"id": asset, "status": "disposed"}}) == "NOT_FOUND"
    # nor puts its own asset into this company's room
    assert await other_company.api.error_code(CREATE, {"i": {"tag": "FUR-1", "name": "Meja", "category": "furniture",
                                                             "roomId": office.rooms["Melati"]}}) == "NOT_FOUND"


async def test_the_list_costs_a_constant_number_of_statements(office):
    api = office.api
    await api.data(CREATE, {"i": {"tag": "A-00", "name": "Kursi", "category": "furniture", "roomId": office.rooms["Melati"]}})
    with QueryCounter() as few:
        await api.data(LIST)
    for n in range(1, 30):
        room = ("Melati", "Anggrek", "Cendana")[n % 3]
        await api.data(CREATE, {"i": {"tag": f"A-{n:02d}", "name": "Kursi", "category": "furniture",
                                      "roomId": office.rooms[room]}})
    with QueryCounter() as many:
        data = await api.data(LIST)
    assert len(data["officeAssets"]["nodes"]) == 30
    assert many.count == few.count, many.statements
