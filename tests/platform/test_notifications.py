"""Notifications: ``sdk.notify`` picks recipients among the active members of the tenant in
scope, writes in the caller's transaction and mails those who chose it; a person reads and marks
only their own; a disabled module's kinds and notifications are hidden."""

from __future__ import annotations

from typing import Any

import pytest

from helpers import QueryCounter, add_member, disable, enable, sign_up
from smtp_helpers import text_of

LIST = """query($first: Int, $after: String, $unread: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unread) {
    unreadCount totalCount pageInfo { hasNextPage endCursor }
    nodes { id kind title body link read readAt createdAt } } }"""
MARK = """mutation($i: MarkNotificationsReadInput!) { markNotificationsRead(input: $i) {
  marked unreadCount userErrors { code field } } }"""
KINDS = "{ notificationKinds { key module label email emailDefault } }"
PREFER = """mutation($k: String!, $e: Boolean!) { setNotificationPreference(input: {kind: $k, email: $e}) {
  kind { key email } userErrors { code field } } }"""


def tenant_of(company: Any) -> int:
    from backoffice.graphql.ids import decode_id

    return decode_id(company.tenant_id, "Tenant")


async def notify_in(company: Any, kind: str = "core.invitation_accepted", **kwargs: Any) -> int:
    """``sdk.notify`` as a module calls it: in the company's scope, inside a transaction."""
    from backoffice import sdk
    from backoffice.db import scope
    from backoffice.jobs.api import after_commit

    kwargs.setdefault("title", ("Something happened", "Sesuatu terjadi"))
    with scope.scoped(tenant_id=tenant_of(company)):
        async with after_commit(), sdk.transaction():
            return await sdk.notify(kind, **kwargs)


async def listed(api: Any, **variables: Any) -> dict[str, Any]:
    return (await api.data(LIST, variables))["notifications"]


async def test_a_member_reads_only_their_own(company, other_company, new_client):
    a = await add_member(company, new_client, name="Ana")
    b = await add_member(company, new_client, name="Budi")
    count = await notify_in(company, title=("Welcome aboard", "Selamat bergabung"),
                            body=("Glad to have you.", "Senang Anda bergabung."),
                            link="/settings/users", users=[a.extra["user_id"]])
    assert count == 1
    mine = await listed(a.api)
    assert mine["unreadCount"] == 1 and mine["totalCount"] == 1
    (node,) = mine["nodes"]
    assert (node["kind"], node["title"], node["body"], node["link"], node["read"]) == (
        "core.invitation_accepted", "Welcome aboard", "Glad to have you.", "/settings/users", False)
    for other in (b.api, company.api, other_company.api):
        page = await listed(other)
        assert page["nodes"] == [] and page["unreadCount"] == 0
    # Each person reads it in their language.
    indonesian = await a.api.data(LIST, {}, headers={"accept-language": "id"})
    assert indonesian["notifications"]["nodes"][0]["title"] == "Selamat bergabung"


async def test_nobody_else_can_mark_them(company, other_company, new_client):
    a = await add_member(company, new_client, name="Ana")
    b = await add_member(company, new_client, name="Budi")
    await notify_in(company, users=[a.extra["user_id"]])
    (node,) = (await listed(a.api))["nodes"]
    for intruder in (b.api, company.api, other_company.api):
        body = await intruder.gql(MARK, {"i": {"ids": [node["id"]]}})
        assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
        await intruder.data(MARK, {"i": {"all": True}})  # marks only the intruder's own
    assert (await listed(a.api))["unreadCount"] == 1
    # Mixed with one of your own, a foreign id still fails the whole mutation.
    await notify_in(company, users=[b.extra["user_id"]])
    (own,) = (await listed(b.api))["nodes"]
    body = await b.api.gql(MARK, {"i": {"ids": [own["id"], node["id"]]}})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert (await listed(b.api))["unreadCount"] == 1

    done = await a.api.data(MARK, {"i": {"ids": [node["id"]]}})
    assert done["markNotificationsRead"] == {"marked": 1, "unreadCount": 0, "userErrors": []}
    again = await a.api.data(MARK, {"i": {"ids": [node["id"]]}})
    assert again["markNotificationsRead"]["marked"] == 0
    read = (await listed(a.api))["nodes"][0]
    assert read["read"] is True and read["readAt"]
    nothing = await a.api.data(MARK, {"i": {}})
    assert nothing["markNotificationsRead"]["userErrors"][0]["code"] == "BAD_USER_INPUT"


async def test_mark_all_and_unread_only(company, new_client):
    a = await add_member(company, new_client)
    for _ in range(3):
        await notify_in(company, users=[a.extra["user_id"]])
    first = (await listed(a.api))["nodes"][0]
    await a.api.data(MARK, {"i": {"ids": [first["id"]]}})
    unread = await listed(a.api, unread=True)
    assert unread["totalCount"] == 2 and first["id"] not in {n["id"] for n in unread["nodes"]}
    done = await a.api.data(MARK, {"i": {"all": True}})
    assert done["markNotificationsRead"]["marked"] == 2
    assert (await listed(a.api, unread=True))["nodes"] == []


async def test_pages_newest_first(company, new_client):
    a = await add_member(company, new_client)
    for i in range(5):
        await notify_in(company, title=(f"N{i}", f"N{i}"), users=[a.extra["user_id"]])
    page = await listed(a.api, first=2)
    assert [n["title"] for n in page["nodes"]] == ["N4", "N3"] and page["pageInfo"]["hasNextPage"]
    rest = await listed(a.api, first=10, after=page["pageInfo"]["endCursor"])
    assert [n["title"] for n in rest["nodes"]] == ["N2", "N1", "N0"]


async def test_recipients_by_permission_role_and_exclusion(company, new_client):
    auditor = await add_member(company, new_client, permissions=["core.audit.read"], name="Auditor")
    plain = await add_member(company, new_client, permissions=["core.user.read"], name="Plain")
    owner_id = (await company.api.data("{ me { id } }"))["me"]["id"]
    from backoffice.graphql.ids import decode_id

    owner = decode_id(owner_id, "User")
    # Holders of a permission: the auditor and the owner (who holds everything).
    assert await notify_in(company, permission="core.audit.read") == 2
    assert len((await listed(auditor.api))["nodes"]) == 1
    assert (await listed(plain.api))["nodes"] == []
    # Members of a role, less those excluded; users given by id, duplicates counted once.
    assert await notify_in(company, role="owner") == 1
    assert await notify_in(company, role="owner", exclude=[owner]) == 0
    assert await notify_in(company, users=[plain.extra["user_id"], plain.extra["user_id"], None],
                           permission="core.audit.read", exclude=[owner]) == 2
    assert len((await listed(company.api))["nodes"]) == 2


async def test_only_active_members_of_the_company(company, other_company, new_client):
    a = await add_member(company, new_client)
    await company.api.data("mutation($i: UserIdInput!) { deactivateUser(input: $i) { userErrors { code } } }",
                           {"i": {"id": (await a.api.data("{ me { id } }"))["me"]["id"]}})
    assert await notify_in(company, users=[a.extra["user_id"]]) == 0
    stranger = await add_member(other_company, new_client)
    assert await notify_in(company, users=[stranger.extra["user_id"]]) == 0
    assert await notify_in(company, users=[10**12]) == 0


async def test_an_undeclared_kind_is_refused(company):
    from backoffice.notifications.api import UnknownNotificationKind

    with pytest.raises(UnknownNotificationKind):
        await notify_in(company, kind="core.no_such_kind", users=[1])
    with pytest.raises(UnknownNotificationKind):
        await notify_in(company, kind="hr.no_such_kind", users=[1])


async def test_a_rolled_back_transaction_notifies_nobody(smtp, company, new_client):
    from backoffice import sdk
    from backoffice.db import scope
    from backoffice.jobs.api import after_commit

    a = await add_member(company, new_client)
    with pytest.raises(RuntimeError), scope.scoped(tenant_id=tenant_of(company)):
        async with after_commit(), sdk.transaction():
            await sdk.notify("core.mentioned", title="Rolled back", users=[a.extra["user_id"]])
            raise RuntimeError("the change behind it failed")
    assert (await listed(a.api))["nodes"] == []
    emails = (await company.api.data("{ emails { nodes { to kind } } }"))["emails"]["nodes"]
    assert all(e["kind"] != "core.mentioned" for e in emails)
    assert smtp.to(a.email) == []


async def test_email_follows_each_persons_choice_in_their_language(smtp, new_client):
    company = await sign_up(await new_client(), locale="id")
    await smtp.wait_for(company.email)  # the verification
    kinds = {k["key"]: k for k in (await company.api.data(KINDS))["notificationKinds"]}
    assert kinds["core.mentioned"]["email"] is True and kinds["core.mentioned"]["emailDefault"] is True
    assert kinds["core.invitation_accepted"]["email"] is False
    # The default is off for this kind: nothing by mail.
    await notify_in(company, title=("Joined", "Bergabung"), role="owner")
    # Switched on: mailed, in the person's language, with the link made absolute.
    chosen = await company.api.data(PREFER, {"k": "core.invitation_accepted", "e": True})
    assert chosen["setNotificationPreference"]["kind"] == {"key": "core.invitation_accepted",
                                                           "email": True}
    await notify_in(company, title=("Sari joined", "Sari bergabung"),
                    body=("Say hello.", "Sapa dia."), link="/settings/users", role="owner")
    messages = await smtp.wait_for(company.email, 2)
    assert len(messages) == 2
    mail = messages[-1]
    assert mail["Subject"] == f"[{company.name}] Sari bergabung"
    assert "Sapa dia." in text_of(mail) and "http://127.0.0.1:8000/settings/users" in text_of(mail)
    # Switched off a kind that mails by default: not mailed.
    await company.api.data(PREFER, {"k": "core.mentioned", "e": False})
    await notify_in(company, kind="core.mentioned", title="Mentioned", role="owner")
    assert len((await listed(company.api))["nodes"]) == 3
    emails = (await company.api.data("{ emails { nodes { kind } } }"))["emails"]["nodes"]
    assert sorted(e["kind"] for e in emails) == ["core.invitation_accepted", "core.verify_email"]
    bad = await company.api.data(PREFER, {"k": "core.nothing", "e": True})
    assert bad["setNotificationPreference"]["userErrors"][0] == {"code": "BAD_USER_INPUT",
                                                                 "field": ["input", "kind"]}


async def test_a_disabled_module_hides_its_kinds_and_notifications(company, new_client):
    await enable(company.api, "example")
    a = await add_member(company, new_client, permissions=["example.note.read"])
    assert await notify_in(company, kind="example.note_shared", title="A note",
                           users=[a.extra["user_id"]]) == 1
    await notify_in(company, users=[a.extra["user_id"]])
    assert (await listed(a.api))["unreadCount"] == 2
    assert "example.note_shared" in {k["key"] for k in (await a.api.data(KINDS))["notificationKinds"]}
    await a.api.data(PREFER, {"k": "example.note_shared", "e": False})

    assert (await disable(company.api, "example"))["userErrors"] == []
    page = await listed(a.api)
    assert [n["kind"] for n in page["nodes"]] == ["core.invitation_accepted"]
    assert page["unreadCount"] == 1
    assert "example.note_shared" not in {k["key"] for k in (await a.api.data(KINDS))["notificationKinds"]}
    refused = await a.api.data(PREFER, {"k": "example.note_shared", "e": True})
    assert refused["setNotificationPreference"]["userErrors"][0]["code"] == "BAD_USER_INPUT"
    # Marking all leaves the hidden ones as they were; a module that is off notifies nobody.
    await a.api.data(MARK, {"i": {"all": True}})
    assert await notify_in(company, kind="example.note_shared", title="Off",
                           users=[a.extra["user_id"]]) == 0

    await enable(company.api, "example")
    back = await listed(a.api)
    assert [n["kind"] for n in back["nodes"]] == ["core.invitation_accepted", "example.note_shared"]
    assert back["unreadCount"] == 1
    kinds = {k["key"]: k for k in (await a.api.data(KINDS))["notificationKinds"]}
    assert kinds["example.note_shared"]["email"] is False  # the choice was kept


async def test_the_list_costs_the_same_for_2_or_20(company, new_client):
    a = await add_member(company, new_client)
    for _ in range(2):
        await notify_in(company, users=[a.extra["user_id"]])
    with QueryCounter() as few:
        await a.api.data(LIST, {"first": 50})
    for _ in range(18):
        await notify_in(company, users=[a.extra["user_id"]])
    with QueryCounter() as many:
        page = await listed(a.api, first=50)
    assert len(page["nodes"]) == 20
    assert many.count == few.count


async def test_notifying_many_costs_a_few_statements(company, new_client):
    people = [await add_member(company, new_client, name=f"P{i}") for i in range(6)]
    with QueryCounter() as counter:
        assert await notify_in(company, users=[p.extra["user_id"] for p in people],
                               permission="core.audit.read") == 7
    assert counter.count <= 15, counter.statements


async def test_an_integration_token_has_no_notifications(company):
    from backoffice.identity.actor import Actor
    from backoffice.notifications.graphql import _who

    class Info:
        class context:  # noqa: N801
            actor = Actor(client_id="integration", tenant_id=1)

    from backoffice.errors import Forbidden

    with pytest.raises(Forbidden):
        _who(Info)  # type: ignore[arg-type]
