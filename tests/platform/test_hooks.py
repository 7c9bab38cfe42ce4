"""One test per hook of the plugin contract, through the example plugin (a separate package
installed like any third-party plugin), and a check that keeps the docs and these tests
complete: a hook without a section in docs/plugins.md or a test here fails."""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path

import pytest

from backoffice.modules import hookspecs
from helpers import add_member, enable

ROOT = Path(__file__).resolve().parents[2]
HOOKS = sorted(name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
               if hasattr(fn, "backoffice_spec"))


def test_every_hook_has_a_docs_section_and_a_test():
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    sections = set(re.findall(r"^### `(\w+)`", docs, flags=re.M))
    tests = {name for name in dir(sys.modules[__name__]) if name.startswith("test_hook_")}
    assert HOOKS, "no hookspecs found"
    assert [h for h in HOOKS if h not in sections] == [], "hooks without a section in docs/plugins.md"
    assert [h for h in HOOKS if f"test_hook_{h}" not in tests] == [], "hooks without a test"


@pytest.fixture
async def example(company):  # type: ignore[no-untyped-def]
    await enable(company.api, "example")
    return company


async def test_hook_register_module(company):
    modules = {m["key"]: m for m in (await company.api.data(
        "{ modules { nodes { key name dependsOn version } } }"))["modules"]["nodes"]}
    assert modules["example"]["dependsOn"] == ["hr"]
    assert modules["example"]["name"] == "Example notes"


async def test_hook_register_piccolo_app(example):
    created = await example.api.data('mutation { createExampleNote(input: {title: "Stored"}) { note { id } userErrors { code } } }')
    assert created["createExampleNote"]["userErrors"] == []


async def test_hook_register_permissions(example):
    keys = {p["key"] for p in (await example.api.data("{ permissions { key } }"))["permissions"]}
    assert {"example.note.read", "example.note.write"} <= keys


async def test_hook_register_role_templates(example):
    keys = {r["key"] for r in (await example.api.data("{ roles { nodes { key } } }"))["roles"]["nodes"]}
    assert "example.editor" in keys


async def test_hook_register_graphql(company):
    assert (await company.api.gql("{ exampleNotes { totalCount } }"))["errors"][0]["extensions"]["code"] == "MODULE_DISABLED"
    await enable(company.api, "example")
    types = (await company.api.data('{ __schema { queryType { fields { name } } } }'))["__schema"]["queryType"]["fields"]
    assert "exampleNotes" in {t["name"] for t in types}


async def test_hook_register_event_types(example):
    from backoffice.runtime import get_registry

    assert "example.note_created" in get_registry().event_types


async def test_hook_register_event_handlers(example):
    from backoffice.runtime import get_registry

    handlers = [h for h in get_registry().get("example_listener").event_handlers]
    assert [h.event_type for h in handlers] == ["example.note_created"]


async def test_hook_register_jobs(example):
    data = await example.api.data('mutation { countExampleNotes(input: {titleContains: ""}) { jobId userErrors { code } } }')
    job = (await example.api.data("query($id: ID!) { job(id: $id) { name module } }",
                                  {"id": data["countExampleNotes"]["jobId"]}))["job"]
    assert job["module"] == "example" and job["name"].endswith("count_notes")


async def test_hook_register_cron_jobs(example):
    from backoffice.runtime import get_registry

    crons = get_registry().get("example").cron_jobs
    assert [c.name for c in crons] == ["hourly_count"]


async def test_hook_register_ui(example):
    ui = (await example.api.data("{ uiMetadata { navigation { module key } resources { module key } } }"))["uiMetadata"]
    assert "example" in {n["module"] for n in ui["navigation"]}


async def test_hook_on_module_enabled(example):
    notes = (await example.api.data("{ exampleNotes { totalCount } }"))["exampleNotes"]["totalCount"]
    assert notes == 1  # the welcome note seeded when the module was enabled


async def test_hook_on_module_disabled(example, new_client):
    await example.api.data('mutation { createExampleNote(input: {title: "Keep me"}) { userErrors { code } } }')
    await example.api.data('mutation { disableModule(input: {key: "example"}) { userErrors { code } } }')
    log = (await example.api.data('{ auditLog(operation: "exampleModuleDisabled") { totalCount } }'))["auditLog"]
    assert log["totalCount"] == 1
    await enable(example.api, "example")
    titles = [n["title"] for n in (await example.api.data("{ exampleNotes { nodes { title } } }"))["exampleNotes"]["nodes"]]
    assert "Keep me" in titles  # data kept while the module was off


async def test_hook_seed_demo(new_client):
    import os
    import subprocess

    from helpers import log_in, unique_email

    email = unique_email("demo")
    result = subprocess.run([sys.executable, "-m", "backoffice.cli", "seed-demo", "--email", email,
                             "--password", "demo-password", "--name", f"Demo {email}"],
                            capture_output=True, text=True, env=os.environ.copy(), timeout=300)
    assert result.returncode == 0, result.stderr
    api = await new_client()
    assert (await log_in(api, email, "demo-password"))["userErrors"] == []
    notes = (await api.data("{ exampleNotes { totalCount } }"))["exampleNotes"]["totalCount"]
    employees = (await api.data("{ employees { totalCount } }"))["employees"]["totalCount"]
    assert notes >= 1 and employees == 50  # each module's seed_demo ran
    sheet = (await api.data("query($d: Date!) { balanceSheet(asOf: $d) { assets liabilities equity } }",
                            {"d": "2100-01-01"}))["balanceSheet"]
    from decimal import Decimal

    assert Decimal(sheet["assets"]) > 0
    assert Decimal(sheet["assets"]) == Decimal(sheet["liabilities"]) + Decimal(sheet["equity"])


async def test_hook_register_request_types(example, new_client):
    from backoffice.db import scope
    from backoffice.db.engine import write_transaction
    from backoffice.graphql.ids import decode_id
    from backoffice.portal.services import approval_decided
    from backoffice.runtime import get_engine

    types = (await example.api.data('{ requestTypes(module: "example") { key needsApproval canHandle } }'))
    assert types["requestTypes"] == [{"key": "example.note_request", "needsApproval": True, "canHandle": True}]
    member = await add_member(example, new_client)
    asked = (await member.api.data(
        'mutation { submitServiceRequest(input: {type: "example.note_request", title: "Lift closed", '
        'values: {body: "Use the stairs on Friday"}}) { serviceRequest { id status } userErrors { code } } }'
    ))["submitServiceRequest"]["serviceRequest"]
    assert asked["status"] == "pending_approval"
    with scope.scoped(tenant_id=decode_id(example.tenant_id, "Tenant")):
        async with write_transaction(get_engine()):
            await approval_decided(asked["id"], True)
    accepted = (await example.api.data(
        'mutation($id: ID!) { acceptServiceRequest(input: {id: $id}) { serviceRequest { status recordId } '
        'userErrors { code } } }', {"id": asked["id"]}))["acceptServiceRequest"]["serviceRequest"]
    notes = (await example.api.data("{ exampleNotes { nodes { id title } } }"))["exampleNotes"]["nodes"]
    assert {"id": accepted["recordId"], "title": "Lift closed"} in notes


async def test_hook_register_indicators(example):
    async def notes() -> dict:
        data = await example.api.data("{ dashboard { indicators { key value unit link } } }")
        return next(i for i in data["dashboard"]["indicators"] if i["key"] == "example.notes")

    assert await notes() == {"key": "example.notes", "value": "1", "unit": "count", "link": "/example/notes"}
    await example.api.data('mutation { createExampleNote(input: {title: "Two"}) { userErrors { code } } }')
    assert (await notes())["value"] == "2"


async def test_hook_register_approvables(example, new_client):
    from approval_helpers import decide, inbox

    note = (await example.api.data('mutation { createExampleNote(input: {title: "Office hours"}) { note { id } } }'))[
        "createExampleNote"]["note"]["id"]
    sent = await example.api.data('mutation($i: SubmitExampleNoteInput!) { submitExampleNote(input: $i) { '
                                  'note { status } userErrors { code } } }', {"i": {"id": note}})
    assert sent["submitExampleNote"]["note"]["status"] == "pending"
    editor = await add_member(example, new_client, role_keys=["example.editor"], name="Editor")
    [item] = await inbox(editor.api, "example.note")
    assert (item["id"], item["title"], item["kindLabel"]) == (note, "Office hours", "Note to publish")
    assert await inbox(example.api, "example.note") == []  # the owner sent it: not theirs to approve
    assert (await decide(editor.api, "example.note", note))["status"] == "APPROVED"
    status = (await example.api.data("query($id: ID!) { exampleNote(id: $id) { status } }", {"id": note}))
    assert status["exampleNote"]["status"] == "published"


async def test_hook_find_managers(company, new_client):
    from backoffice.db import scope
    from backoffice.graphql.ids import decode_id, encode_id
    from backoffice.runtime import get_registry

    await enable(company.api, "hr")
    manager, report = (await add_member(company, new_client, name="Manager"),
                       await add_member(company, new_client, name="Report"))
    create = "mutation($i: EmployeeInput!) { createEmployee(input: $i) { employee { id } } }"
    boss = (await company.api.data(create, {"i": {"fullName": "Manager", "startDate": "2015-01-05", "userId": encode_id(
        "User", manager.extra["user_id"])}}))["createEmployee"]["employee"]["id"]
    await company.api.data(create, {"i": {"fullName": "Report", "startDate": "2020-01-06", "managerId": boss,
                                          "userId": encode_id("User", report.extra["user_id"])}})
    with scope.scoped(tenant_id=decode_id(company.tenant_id, "Tenant")):
        found = await get_registry().call("hr", "find_managers",
                                          user_ids=[report.extra["user_id"], manager.extra["user_id"]])
    assert found == {report.extra["user_id"]: manager.extra["user_id"]}


async def test_hook_register_notification_kinds(example, new_client):
    from backoffice.db import scope
    from backoffice.graphql.ids import decode_id
    from backoffice.jobs.api import after_commit
    from backoffice.sdk import transaction
    from backoffice_example.notes.notifications import share

    reader = await add_member(example, new_client, permissions=["example.note.read"])
    kinds = {k["key"]: k for k in (await reader.api.data(
        "{ notificationKinds { key module label email } }"))["notificationKinds"]}
    assert kinds["example.note_shared"] == {"key": "example.note_shared", "module": "example",
                                            "label": "A note is shared with you", "email": True}
    with scope.scoped(tenant_id=decode_id(example.tenant_id, "Tenant")):
        async with after_commit(), transaction():
            assert await share("Tm90ZTox", "Plan", [reader.extra["user_id"]]) == 1
    (n,) = (await reader.api.data("{ notifications { nodes { kind title link } } }"))["notifications"]["nodes"]
    assert n == {"kind": "example.note_shared", "title": "A note for you: Plan",
                 "link": "/example/notes/Tm90ZTox"}


async def test_hook_register_commentables(example):
    note = (await example.api.data('mutation { createExampleNote(input: {title: "Talk"}) { note { id } } }'))[
        "createExampleNote"]["note"]["id"]
    added = await example.api.data("mutation($r: ID!) { addComment(input: {recordId: $r, body: \"Looks good\"}) "
                                   "{ comment { body } userErrors { code } } }", {"r": note})
    assert added["addComment"] == {"comment": {"body": "Looks good"}, "userErrors": []}
    thread = await example.api.data("query($r: ID!) { comments(recordId: $r) { nodes { body } } }", {"r": note})
    assert thread["comments"]["nodes"] == [{"body": "Looks good"}]


async def _submitted_note(example, new_client, body: str):  # type: ignore[no-untyped-def]
    from backoffice.db import scope
    from backoffice.graphql.ids import decode_id
    from backoffice.sdk import transaction
    from backoffice_example.notes.tables import ExampleNote

    author = await add_member(example, new_client, name="Dewi Lestari")
    with scope.scoped(tenant_id=decode_id(example.tenant_id, "Tenant")):
        async with transaction():
            await ExampleNote.insert(ExampleNote(title="Stock count", body=body, status="rejected",
                                                 submitted_by=author.extra["user_id"],
                                                 decision_reason="Dewi, please recount"))
    return author


async def test_hook_personal_data_export(example, new_client):
    from backoffice.db import scope
    from backoffice.graphql.ids import decode_id
    from backoffice.privacy.services import collect

    author = await _submitted_note(example, new_client, "Counted by Dewi Lestari")
    with scope.scoped(tenant_id=decode_id(example.tenant_id, "Tenant")):
        sections = {s.key: (module, s) for module, s in await collect(None, author.extra["user_id"])}
        assert sections["example.notes"][0] == "example"
        assert [r["body"] for r in sections["example.notes"][1].rows] == ["Counted by Dewi Lestari"]
        assert sections["core.account"][1].rows[0]["email"] == author.email
        # Nobody's data for nobody.
        assert await collect(None, None) == []


async def test_hook_personal_data_anonymise(example, new_client):
    from backoffice.db import scope
    from backoffice.graphql.ids import decode_id
    from backoffice.sdk import anonymise_personal_data, transaction
    from backoffice_example.notes.tables import ExampleNote

    author = await _submitted_note(example, new_client, "Counted by Dewi Lestari")
    with scope.scoped(tenant_id=decode_id(example.tenant_id, "Tenant")):
        async with transaction():
            changed = await anonymise_personal_data(employee_id=None, user_id=author.extra["user_id"],
                                                    label="Former employee #9", names=["dewi lestari"])
        note = await ExampleNote.select(ExampleNote.body, ExampleNote.decision_reason).where(
            ExampleNote.submitted_by == author.extra["user_id"]).first()
    assert note == {"body": "Counted by Former employee #9", "decision_reason": ""}
    assert any(decode_id_or_none(i, "ExampleNote") for i in changed)
    # The core's part: the membership in this company ended, and the session with it.
    assert (await author.api.data("{ me { id } }"))["me"] is None


def decode_id_or_none(global_id: str, type_name: str) -> int | None:
    from backoffice.errors import NotFound
    from backoffice.graphql.ids import decode_id

    try:
        return decode_id(global_id, type_name)
    except NotFound:
        return None


async def test_a_plugin_sees_only_the_sdk(example, new_client):
    """The example plugin works with nothing but backoffice.sdk (checked for imports in
    test_architecture) and its permissions are enforced like the core's."""
    member = await add_member(example, new_client)
    assert await member.api.error_code("{ exampleNotes { totalCount } }") == "FORBIDDEN"
