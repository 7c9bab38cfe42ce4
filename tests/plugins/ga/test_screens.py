"""The screens general affairs describes (uiMetadata) work against its own schema: every list,
detail and filter the web app builds from them is a valid query, in both languages."""

from __future__ import annotations

from typing import Any

from ga_helpers import owner_id, seed_demo
from helpers import add_member, enable

UI = """{ uiMetadata { navigation { key module label resource children { key module label resource } }
  resources { key module label query detailQuery createMutation updateMutation search
    columns { field label } form { field kind label } filters { field kind } } } }"""


def selection(paths: list[str]) -> str:
    """["id", "floor.name", "floor.id"] -> "id floor { name id }", as the web app builds it."""
    tree: dict[str, Any] = {}
    for path in paths:
        node = tree
        for part in path.split("."):
            node = node.setdefault(part, {})

    def render(node: dict[str, Any]) -> str:
        return " ".join(f"{k} {{ {render(v)} }}" if v else k for k, v in node.items())

    return render(tree)


def form_path(field: dict[str, Any]) -> str:
    if field["kind"].startswith("ref:") and field["field"].endswith("Id"):
        return field["field"][:-2] + ".id"
    return field["field"]


async def test_every_screen_queries_what_exists(company):
    api = company.api
    await enable(api, "ga")
    await seed_demo(company, await owner_id(api))
    await api.data('mutation { requestTravel(input: {destination: "Medan", departsOn: "2030-01-02", returnsOn: "2030-01-03"}) '
                   '{ userErrors { code } } }')
    ui = (await api.data(UI))["uiMetadata"]
    resources = {r["key"]: r for r in ui["resources"] if r["module"] == "ga"}
    items = [i for top in ui["navigation"] if top["module"] == "ga" for i in (top, *top["children"])]
    linked = {i["resource"] for i in items if i["resource"]}
    assert linked <= set(resources) and len(linked) >= 10
    for resource in resources.values():
        columns = ["id", *[c["field"] for c in resource["columns"]]]
        listed = await api.data(f"{{ list: {resource['query']}(first: 5) {{ totalCount nodes {{ {selection(columns)} }} }} }}")
        nodes = listed["list"]["nodes"]
        for f in resource["filters"]:
            value = '"x"' if not f["kind"].startswith("ref:") else '"QnVpbGRpbmc6MA"'
            body = await api.gql(f"{{ list: {resource['query']}(first: 1, {f['field']}: {value}) {{ totalCount }} }}")
            assert "errors" not in body or body["errors"][0]["extensions"]["code"] == "NOT_FOUND", (resource["key"], body)
        if resource["search"]:
            await api.data(f'{{ list: {resource["query"]}(first: 1, {resource["search"]}: "a") {{ totalCount }} }}')
        if resource["detailQuery"] and nodes:
            paths = [*columns, *[form_path(f) for f in resource["form"]]]
            record = await api.data(f"query($id: ID!) {{ record: {resource['detailQuery']}(id: $id) {{ {selection(paths)} }} }}",
                                    {"id": nodes[0]["id"]})
            assert record["record"]["id"] == nodes[0]["id"]
        assert resource["detailQuery"] is None or nodes, resource["key"]  # every detail query was tried


async def test_labels_in_both_languages_and_by_permission(company, new_client):
    api = company.api
    await enable(api, "ga")
    english = (await api.data(UI))["uiMetadata"]
    indonesian = (await api.data(UI, headers={"accept-language": "id"}))["uiMetadata"]

    def labels(ui):  # type: ignore[no-untyped-def]
        return {i["key"]: i["label"] for top in ui["navigation"] if top["module"] == "ga" for i in (top, *top["children"])}

    assert labels(english)["ga.maintenance"] == "Maintenance" and labels(indonesian)["ga.maintenance"] == "Perawatan"
    assert labels(indonesian)["me.supplies"] == "Perlengkapan kantor"
    member = await add_member(company, new_client)
    theirs = (await member.api.data(UI))["uiMetadata"]
    keys = set(labels(theirs))
    assert {"me.bookings", "me.maintenance", "me.supplies", "me.travel", "me.events"} <= keys
    assert not keys & {"ga", "ga.inventory", "ga.supplies"}  # nothing to manage, no menu
    assert {r["key"] for r in theirs["resources"] if r["module"] == "ga"} == {"ga.my_maintenance_requests",
                                                                              "ga.my_supply_requests"}
