"""The example third-party plugin, installed as a package of its own: its notes API, its
permissions and role template, its UI metadata, its seeding, and the company boundary."""

from __future__ import annotations

from typing import Any

from helpers import disable, enable, log_in, sign_up

NOTES = "{ exampleNotes(first: 10) { totalCount nodes { id title body createdAt } } }"
NOTE = "query($id: ID!) { exampleNote(id: $id) { id title body } }"
CREATE = """mutation($t: String!, $b: String) { createExampleNote(input: {title: $t, body: $b}) {
  note { id title body } userErrors { field code message } } }"""


def tenant_id(company: Any) -> int:
    from backoffice.graphql.ids import decode_id

    return decode_id(company.tenant_id, "Tenant")


async def add_member(company: Any, new_client: Any, role_keys: list[str]) -> Any:
    """A second user in ``company`` holding only ``role_keys``; returns their logged-in client.
    (Set up in the database: inviting users is another area's API.)"""
    from backoffice.db.scope import scoped
    from backoffice.identity.tables import Membership, MembershipRole, Role, User

    member = await sign_up(await new_client())
    user = await User.select(User.id).where(User.email == member.email).first()
    with scoped(tenant_id=tenant_id(company)):
        rows = await Membership.insert(Membership(user_id=user["id"])).returning(Membership.id)
        for role in await Role.select(Role.id).where(Role.key.is_in(role_keys or ["-"])):
            await MembershipRole.insert(MembershipRole(membership_id=rows[0]["id"],
                                                       role_id=role["id"]))
    api = await new_client()
    assert (await log_in(api, member.email, tenant_slug=company.slug))["userErrors"] == []
    return api


async def test_the_plugin_is_installed_through_its_entry_points(company):
    data = await company.api.data("{ modules(first: 50) { nodes { key name dependsOn } } }")
    modules = {m["key"]: m for m in data["modules"]["nodes"]}
    assert modules["example"]["dependsOn"] == ["hr"]
    assert modules["example"]["name"] == "Example notes"
    assert "example_listener" in modules
    indonesian = await company.api.data("{ modules(first: 50) { nodes { key name } } }",
                                        headers={"accept-language": "id"})
    names = {m["key"]: m["name"] for m in indonesian["modules"]["nodes"]}
    assert names["example"] == "Catatan contoh"


async def test_enabling_brings_its_dependency_and_one_welcome_note(company):
    result = await enable(company.api, "example")
    assert result["module"]["enabled"] is True and result["enabledWithIt"] == ["hr"]
    notes = (await company.api.data(NOTES))["exampleNotes"]
    assert [n["title"] for n in notes["nodes"]] == ["Welcome to notes"]
    await disable(company.api, "example")
    await enable(company.api, "example")  # the data was kept: no second welcome note
    assert (await company.api.data(NOTES))["exampleNotes"]["totalCount"] == 1


async def test_a_disabled_module_has_no_fields(company):
    body = await company.api.gql(NOTES)
    assert body["errors"][0]["extensions"]["code"] == "MODULE_DISABLED"
    assert body["errors"][0]["extensions"]["module"] == "example"


async def test_write_list_and_read_notes(company):
    await enable(company.api, "example")
    first = (await company.api.data(CREATE, {"t": " Stand-up ", "b": "At nine"}))
    first = first["createExampleNote"]["note"]
    assert first["title"] == "Stand-up" and first["body"] == "At nine"
    second = (await company.api.data(CREATE, {"t": "Retro"}))["createExampleNote"]["note"]
    notes = (await company.api.data(NOTES))["exampleNotes"]
    assert [n["id"] for n in notes["nodes"][:2]] == [second["id"], first["id"]]  # newest first
    assert (await company.api.data(NOTE, {"id": first["id"]}))["exampleNote"] == first


async def test_a_note_needs_a_title_in_both_languages(company):
    await enable(company.api, "example")
    data = await company.api.data(CREATE, {"t": "   "})
    error = data["createExampleNote"]["userErrors"][0]
    assert error == {"field": ["input", "title"], "code": "BAD_USER_INPUT",
                     "message": "Give the note a title."}
    data = await company.api.data(CREATE, {"t": ""}, headers={"accept-language": "id"})
    assert data["createExampleNote"]["userErrors"][0]["message"] == "Beri judul pada catatan."
    assert data["createExampleNote"]["note"] is None


async def test_another_company_cannot_reach_the_notes(company, other_company):
    await enable(company.api, "example")
    await enable(other_company.api, "example")
    note = (await company.api.data(CREATE, {"t": "Salaries"}))["createExampleNote"]["note"]
    body = await other_company.api.gql(NOTE, {"id": note["id"]})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    titles = [n["title"] for n in (await other_company.api.data(NOTES))["exampleNotes"]["nodes"]]
    assert "Salaries" not in titles
    for malformed in ("not-an-id", company.tenant_id):  # garbage, and an id of another type
        body = await company.api.gql(NOTE, {"id": malformed})
        assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_permissions_and_the_editor_role(company, new_client):
    await enable(company.api, "example")
    await enable(company.api, "example_listener")
    nobody = await add_member(company, new_client, [])
    assert await nobody.error_code(NOTES) == "FORBIDDEN"
    body = await nobody.gql(CREATE, {"t": "Sneaky"})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    editor = await add_member(company, new_client, ["example.editor"])
    created = (await editor.data(CREATE, {"t": "By the editor"}))["createExampleNote"]
    assert created["userErrors"] == []
    assert (await editor.data(NOTES))["exampleNotes"]["totalCount"] >= 2
    # The editor role covers notes only, not the listener's receipts.
    assert await editor.error_code("{ exampleReceipts { totalCount } }") == "FORBIDDEN"

    viewer = await add_member(company, new_client, ["example_listener.viewer"])
    assert await viewer.data("{ exampleReceipts { totalCount } }")
    assert await viewer.error_code(NOTES) == "FORBIDDEN"
    for job_mutation in ('countExampleNotes(input: {titleContains: ""})',
                         'exportExampleNotes(input: {target: "archive://main"})'):
        body = await viewer.gql(f"mutation {{ {job_mutation} {{ jobId }} }}")
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    jobs = (await company.api.data("{ jobs(first: 100) { nodes { name } } }"))["jobs"]["nodes"]
    assert not [j for j in jobs if j["name"].endswith("export_notes")]  # nothing was queued
    titles = [n["title"] for n in (await company.api.data(NOTES))["exampleNotes"]["nodes"]]
    assert "Sneaky" not in titles


async def test_ui_metadata_follows_enablement_and_permissions(company, new_client):
    query = "{ uiMetadata { navigation { key module label } resources { key query createMutation } } }"
    before = (await company.api.data(query))["uiMetadata"]
    assert "example.notes" not in [n["key"] for n in before["navigation"]]
    await enable(company.api, "example")
    ui = (await company.api.data(query, headers={"accept-language": "id"}))["uiMetadata"]
    nav = next(n for n in ui["navigation"] if n["key"] == "example.notes")
    assert nav == {"key": "example.notes", "module": "example", "label": "Catatan"}
    resource = next(r for r in ui["resources"] if r["key"] == "example.note")
    assert resource == {"key": "example.note", "query": "exampleNotes",
                        "createMutation": "createExampleNote"}
    nobody = await add_member(company, new_client, [])
    hidden = (await nobody.data(query))["uiMetadata"]
    assert "example.notes" not in [n["key"] for n in hidden["navigation"]]
