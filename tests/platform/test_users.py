"""Managing people through GraphQL: listing, creating, inviting, deactivating."""

from __future__ import annotations

from helpers import PASSWORD, add_member, log_in, unique_email

USERS = """query($s: String, $inactive: Boolean!) { users(search: $s, includeInactive: $inactive) {
  totalCount nodes { id email fullName isActive roles { key } } } }"""
CREATE = """mutation($i: CreateUserInput!) { createUser(input: $i) {
  user { id email isActive roles { key } } userErrors { field code message } } }"""
INVITE = """mutation($i: InviteUserInput!) { inviteUser(input: $i) {
  invitationToken invitationUrl userErrors { field code } } }"""
ACCEPT = """mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { ok userErrors { field code } } }"""


async def _role_id(api, key):  # type: ignore[no-untyped-def]
    roles = (await api.data("{ roles { nodes { id key } } }"))["roles"]["nodes"]
    return next(r["id"] for r in roles if r["key"] == key)


async def test_owner_lists_and_creates_users(company, new_client):
    admin = await _role_id(company.api, "admin")
    email = unique_email("staff")
    data = await company.api.data(CREATE, {"i": {"email": email, "fullName": "Staf Baru",
                                                 "password": PASSWORD, "roleIds": [admin]}})
    assert data["createUser"]["user"]["roles"] == [{"key": "admin"}]
    listed = await company.api.data(USERS, {"s": "staf baru", "inactive": False})
    assert [n["email"] for n in listed["users"]["nodes"]] == [email]
    result = await log_in(await new_client(), email, tenant_slug=company.slug)
    assert result["userErrors"] == [] and "core.user.manage" in result["me"]["permissions"]


async def test_existing_account_joins_without_changing_its_password(company, other_company):
    data = await company.api.data(CREATE, {"i": {"email": other_company.email, "fullName": "X",
                                                 "password": "something-else-entirely"}})
    assert data["createUser"]["userErrors"] == []
    again = await company.api.data(CREATE, {"i": {"email": other_company.email, "fullName": "X",
                                                  "password": "whatever-whatever"}})
    assert again["createUser"]["userErrors"][0]["code"] == "CONFLICT"


async def test_invitation_accept_once(company, new_client):
    email = unique_email("invitee")
    data = await company.api.data(INVITE, {"i": {"email": email, "fullName": "Invitee"}})
    token = data["inviteUser"]["invitationToken"]
    assert token in data["inviteUser"]["invitationUrl"]
    guest = await new_client()
    accepted = await guest.data(ACCEPT, {"i": {"token": token, "password": PASSWORD}})
    assert accepted["acceptInvitation"]["ok"] is True
    assert (await guest.data("{ tenant { slug } }"))["tenant"]["slug"] == company.slug
    reused = await (await new_client()).gql(ACCEPT, {"i": {"token": token, "password": PASSWORD}})
    assert reused["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    forged = await (await new_client()).gql(ACCEPT, {"i": {"token": "1.forged", "password": PASSWORD}})
    assert forged["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_expired_invitation_is_refused(company, new_client):
    from datetime import UTC, datetime, timedelta

    from backoffice.db import scope
    from backoffice.graphql.ids import decode_id
    from backoffice.identity.tables import Invitation

    email = unique_email("late")
    token = (await company.api.data(INVITE, {"i": {"email": email}}))["inviteUser"]["invitationToken"]
    with scope.scoped(tenant_id=decode_id(company.tenant_id, "Tenant")):
        await Invitation.update({Invitation.expires_at: datetime.now(UTC) - timedelta(minutes=1)}).where(
            Invitation.email == email)
    body = await (await new_client()).gql(ACCEPT, {"i": {"token": token, "password": PASSWORD,
                                                         "fullName": "Late"}})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_deactivated_user_loses_access_here(company, new_client):
    member = await add_member(company, new_client, permissions=["core.user.read"])
    user_id = (await member.api.data("{ me { id } }"))["me"]["id"]
    data = await company.api.data(
        "mutation($i: UserIdInput!) { deactivateUser(input: $i) { user { isActive } userErrors { code } } }",
        {"i": {"id": user_id}})
    assert data["deactivateUser"]["user"]["isActive"] is False
    assert await member.api.error_code("{ users { totalCount } }") == "UNAUTHENTICATED"
    again = await log_in(await new_client(), member.email, tenant_slug=company.slug)
    assert again["userErrors"][0]["code"] == "INVALID_CREDENTIALS"
    listed = await company.api.data(USERS, {"s": None, "inactive": False})
    assert member.email not in [n["email"] for n in listed["users"]["nodes"]]


async def test_nobody_deactivates_themselves_or_the_last_owner(company):
    me = (await company.api.data("{ me { id } }"))["me"]["id"]
    data = await company.api.data(
        "mutation($i: UserIdInput!) { deactivateUser(input: $i) { userErrors { code } } }", {"i": {"id": me}})
    assert data["deactivateUser"]["userErrors"][0]["code"] == "CONFLICT"


async def test_user_management_needs_permission(company, new_client):
    reader = await add_member(company, new_client, permissions=["core.user.read"])
    assert (await reader.api.data(USERS, {"s": None, "inactive": False}))["users"]["totalCount"] >= 2
    code = await reader.api.error_code(CREATE, {"i": {"email": unique_email(), "fullName": "X",
                                                      "password": PASSWORD}})
    assert code == "FORBIDDEN"
    nobody = await add_member(company, new_client)
    assert await nobody.api.error_code(USERS, {"s": None, "inactive": False}) == "FORBIDDEN"


async def test_other_companies_users_are_not_found(company, other_company):
    theirs = (await other_company.api.data("{ me { id } }"))["me"]["id"]
    body = await company.api.gql("query($id: ID!) { user(id: $id) { email } }", {"id": theirs})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    body = await company.api.gql(
        "mutation($i: UserIdInput!) { deactivateUser(input: $i) { userErrors { code } } }", {"i": {"id": theirs}})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    listed = await company.api.data(USERS, {"s": None, "inactive": True})
    assert other_company.email not in [n["email"] for n in listed["users"]["nodes"]]


async def test_users_page_costs_the_same_for_2_or_20_members(company, new_client):
    from helpers import QueryCounter

    query = "{ users(first: 50) { nodes { email fullName roles { key permissions } } } }"
    await add_member(company, new_client, permissions=["core.user.read"])
    with QueryCounter() as few:
        await company.api.data(query)
    for i in range(18):
        await add_member(company, new_client, permissions=["core.audit.read"], name=f"M{i}")
    with QueryCounter() as many:
        data = await company.api.data(query)
    assert len(data["users"]["nodes"]) == 20
    assert many.count == few.count
