"""IT assets, licences and the knowledge base through GraphQL."""

from __future__ import annotations

import pytest

from helpers import add_member, enable

ASSET = """mutation($i: AssetInput!) { createAsset(input: $i) { asset { id tag status labelSvg } userErrors { field code } } }"""
ASSIGN = """mutation($i: AssignAssetInput!) { assignAsset(input: $i) { asset { status assignedUserId history { userId returnedAt } } userErrors { code } } }"""


@pytest.fixture
async def it(company, new_client):  # type: ignore[no-untyped-def]
    await enable(company.api, "it")
    agent = await add_member(company, new_client, role_keys=["it.support_agent"], name="Agent")
    user = await add_member(company, new_client, name="Holder")
    return company, agent, user


async def test_assets_are_assigned_with_history_and_labels(it):
    company, agent, user = it
    asset = (await agent.api.data(ASSET, {"i": {"tag": "LT-001", "kind": "laptop", "name": "ThinkPad T14",
                                                "serialNumber": "PF3X9", "warrantyEnd": "2027-01-31"}}))["createAsset"]["asset"]
    assert "<svg" in asset["labelSvg"]
    dup = await agent.api.data(ASSET, {"i": {"tag": "LT-001", "kind": "laptop", "name": "Other"}})
    assert dup["createAsset"]["userErrors"][0]["code"] == "CONFLICT"
    holder = (await user.api.data("{ me { id } }"))["me"]["id"]
    given = (await agent.api.data(ASSIGN, {"i": {"id": asset["id"], "userId": holder}}))["assignAsset"]["asset"]
    assert given["status"] == "assigned" and given["assignedUserId"] == holder
    mine = (await user.api.data("{ myAssets { tag } }"))["myAssets"]
    assert mine == [{"tag": "LT-001"}]
    back = (await agent.api.data(ASSIGN, {"i": {"id": asset["id"], "userId": None}}))["assignAsset"]["asset"]
    assert back["status"] == "in_stock" and back["history"][0]["returnedAt"] is not None


async def test_licences_flag_over_assignment(it, new_client):
    company, agent, user = it
    lic = (await agent.api.data('mutation { createLicense(input: {product: "Office", seats: 1}) { license { id } } }'))[
        "createLicense"]["license"]["id"]
    seat = "mutation($l: ID!, $u: ID!) { assignLicenseSeat(input: {licenseId: $l, userId: $u}) { license { seatsUsed overAssigned } userErrors { code } } }"
    for member in (user, await add_member(company, new_client, name="Second")):
        uid = (await member.api.data("{ me { id } }"))["me"]["id"]
        result = (await agent.api.data(seat, {"l": lic, "u": uid}))["assignLicenseSeat"]["license"]
    assert result == {"seatsUsed": 2, "overAssigned": True}


async def test_renewal_reminders_once(it):
    from datetime import date, timedelta

    from backoffice.db import scope
    from backoffice.graphql.ids import decode_id
    from backoffice_it.assets import services

    company, agent, _ = it
    soon = str(date.today() + timedelta(days=10))
    await agent.api.data(ASSET, {"i": {"tag": "SV-1", "kind": "server", "name": "NAS", "warrantyEnd": soon}})
    await agent.api.data('mutation($d: Date!) { createLicense(input: {product: "Antivirus", seats: 5, renewalDate: $d}) { license { id } } }', {"d": soon})
    with scope.scoped(tenant_id=decode_id(company.tenant_id, "Tenant")):
        assert await services.remind() == 2
        assert await services.remind() == 0


async def test_knowledge_base_search_and_permissions(it):
    company, agent, user = it
    await agent.api.data('mutation { createArticle(input: {title: "Connect to the VPN", body: "Install WireGuard..."}) { article { id } } }')
    found = (await user.api.data('{ articles(search: "wireguard") { nodes { title } } }'))["articles"]["nodes"]
    assert found == [{"title": "Connect to the VPN"}]
    assert await user.api.error_code('mutation { createArticle(input: {title: "x", body: "y"}) { article { id } } }') == "FORBIDDEN"
    assert await user.api.error_code("{ assets { totalCount } }") == "FORBIDDEN"
