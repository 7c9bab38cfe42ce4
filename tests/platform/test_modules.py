"""The module catalogue and per-company enablement, through GraphQL."""

from __future__ import annotations

from helpers import QueryCounter, disable, enable

BUSINESS = {"hr", "finance", "it", "legal", "logistics", "ga"}
MODULES = "{ modules(first: 50) { totalCount nodes { key name description version dependsOn core enabled } } }"


async def test_catalogue_lists_every_installed_module(company):
    data = (await company.api.data(MODULES))["modules"]
    keys = {m["key"] for m in data["nodes"]}
    assert BUSINESS | {"core"} <= keys
    assert data["totalCount"] == len(data["nodes"])
    core = next(m for m in data["nodes"] if m["key"] == "core")
    assert core["core"] is True and core["enabled"] is True
    for m in data["nodes"]:
        assert m["name"] and m["description"] and m["version"]
        if m["key"] in BUSINESS:
            assert m["enabled"] is False  # a new company starts with the core only


async def test_catalogue_in_indonesian(company):
    data = await company.api.data(MODULES, headers={"accept-language": "id"})
    names = {m["key"]: m["name"] for m in data["modules"]["nodes"]}
    assert names["hr"] == "Sumber daya manusia"
    assert names["finance"] == "Keuangan"


async def test_enable_and_disable_a_module(company):
    result = await enable(company.api, "finance")
    assert result["module"] == {"key": "finance", "enabled": True}
    tenant = (await company.api.data("{ tenant { enabledModules } }"))["tenant"]
    assert "finance" in tenant["enabledModules"]
    result = await disable(company.api, "finance")
    assert result["module"] == {"key": "finance", "enabled": False}
    tenant = (await company.api.data("{ tenant { enabledModules } }"))["tenant"]
    assert "finance" not in tenant["enabledModules"]


async def test_enabling_twice_changes_nothing(company):
    await enable(company.api, "it")
    again = await enable(company.api, "it")
    assert again["module"]["enabled"] is True and again["enabledWithIt"] == []


async def test_the_core_cannot_be_disabled(company):
    result = await disable(company.api, "core")
    assert result["userErrors"][0]["code"] == "BAD_USER_INPUT"


async def test_unknown_module_is_not_found(company):
    code = await company.api.error_code('mutation { enableModule(input: {key: "casino"}) { module { key } } }')
    assert code == "NOT_FOUND"


async def test_enabling_in_one_company_leaves_the_other_alone(company, other_company):
    await enable(company.api, "legal")
    other = (await other_company.api.data("{ tenant { enabledModules } }"))["tenant"]
    assert "legal" not in other["enabledModules"]


async def test_module_list_costs_the_same_whatever_is_enabled(company):
    with QueryCounter() as few:
        await company.api.data(MODULES)
    for key in BUSINESS:
        await enable(company.api, key)
    with QueryCounter() as many:
        await company.api.data(MODULES)
    assert many.count == few.count


async def test_concurrent_enables_all_land(company):
    import asyncio

    keys = sorted(BUSINESS)
    results = await asyncio.gather(*[enable(company.api, k) for k in keys])
    assert all(r["module"]["enabled"] for r in results)
    tenant = (await company.api.data("{ tenant { enabledModules } }"))["tenant"]
    assert set(keys) <= set(tenant["enabledModules"])
