"""The demo data of general affairs (``seed_demo``) looks alive through GraphQL: a building with
floors and rooms, inventory, a maintenance request, a supply request and an upcoming event."""

from __future__ import annotations

import pytest

from ga_helpers import outbox, owner_id, seed_demo
from helpers import enable

SEEN = """{ buildings { nodes { code floors { name rooms { name } } } }
  officeAssets { totalCount } maintenanceRequests { nodes { number room { name } status } }
  supplyRequests { nodes { id number status requestedById lines { sku quantity } } }
  companyEvents { nodes { name room { name } budget tasks { title } participants { userId } } } }"""


@pytest.mark.parametrize("with_owner", [True, False])
async def test_demo_data(company, with_owner):
    await enable(company.api, "ga")
    owner = await owner_id(company.api)
    await seed_demo(company, owner if with_owner else None)
    data = await company.api.data(SEEN)
    building = data["buildings"]["nodes"][0]
    assert building["code"] == "MSD" and len(building["floors"]) == 3
    assert sum(len(f["rooms"]) for f in building["floors"]) == 4
    assert data["officeAssets"]["totalCount"] == 6
    assert data["maintenanceRequests"]["nodes"] == [{"number": "MR-00001", "room": {"name": "Ruang Rapat Melati"},
                                                     "status": "open"}]
    supply = data["supplyRequests"]["nodes"][0]
    assert supply["status"] == "submitted" and [x["sku"] for x in supply["lines"]] == ["ATK-KRT-A4", "ATK-PLP-HTM"]
    assert supply["requestedById"] == (owner if with_owner else None)
    event = data["companyEvents"]["nodes"][0]
    assert event["room"] == {"name": "Ruang Serbaguna Cendana"} and len(event["tasks"]) == 3
    assert event["participants"] == ([{"userId": owner}] if with_owner else [])
    if not with_owner:  # entered without a member: whoever approves it stands in as the requester
        await company.api.data("mutation($i: SupplyDecisionInput!) { decideSupplyRequest(input: $i) { userErrors { code } } }",
                               {"i": {"id": supply["id"], "approve": True}})
        payload = (await outbox(company, "ga.supply_request_approved"))[0]["payload"]
        assert payload["requested_by"] == owner and payload["number"] == "SR-00001"
        assert payload["lines"] == [{"sku": "ATK-KRT-A4", "quantity": "5"}, {"sku": "ATK-PLP-HTM", "quantity": "12"}]
