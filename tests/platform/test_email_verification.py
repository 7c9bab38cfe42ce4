"""Email verification: a single-use, expiring link mailed at sign-up; ``verifyEmail``;
``me.emailVerified``; an accepted invitation proves the address too."""

from __future__ import annotations

from helpers import PASSWORD, sign_up, unique_email
from smtp_helpers import token_in

VERIFY = """mutation($t: String!) { verifyEmail(input: {token: $t}) { emailVerified userErrors { code } } }"""
RESEND = "mutation { requestEmailVerification { sent userErrors { code } } }"
ME = "{ me { email emailVerified } }"


async def test_sign_up_then_follow_the_link(smtp, new_client):
    company = await sign_up(await new_client())
    assert (await company.api.data(ME))["me"]["emailVerified"] is False
    (message,) = await smtp.wait_for(company.email)
    token = token_in(message, "/verify-email")
    # The web app page calls verifyEmail, logged in or not.
    done = await (await new_client()).data(VERIFY, {"t": token})
    assert done["verifyEmail"] == {"emailVerified": True, "userErrors": []}
    assert (await company.api.data(ME))["me"]["emailVerified"] is True
    again = await (await new_client()).gql(VERIFY, {"t": token})
    assert again["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    # Verified: asking for a new link sends nothing.
    assert (await company.api.data(RESEND))["requestEmailVerification"]["sent"] is False


async def test_an_expired_or_forged_link_is_refused(smtp, new_client):
    from datetime import UTC, datetime, timedelta

    from backoffice.identity.account import token_hash
    from backoffice.identity.tables import AccountToken

    company = await sign_up(await new_client())
    token = token_in((await smtp.wait_for(company.email))[0], "/verify-email")
    await AccountToken.update({AccountToken.expires_at: datetime.now(UTC) - timedelta(seconds=1)}).where(
        AccountToken.token_hash == token_hash(token))
    for t in (token, "forged-token", "x" * 500):
        body = await (await new_client()).gql(VERIFY, {"t": t})
        assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert (await company.api.data(ME))["me"]["emailVerified"] is False


async def test_a_new_link_on_request_and_throttled(smtp, new_client):
    company = await sign_up(await new_client())
    await smtp.wait_for(company.email)
    assert (await company.api.data(RESEND))["requestEmailVerification"]["sent"] is True
    second = await smtp.wait_for(company.email, 2)
    done = await company.api.data(VERIFY, {"t": token_in(second[-1], "/verify-email")})
    assert done["verifyEmail"]["emailVerified"] is True
    other = await sign_up(await new_client())
    codes = []
    for _ in range(4):
        body = await other.api.gql(RESEND)
        codes.append(body["errors"][0]["extensions"]["code"] if body.get("errors") else "ok")
    assert codes == ["ok", "ok", "ok", "RATE_LIMITED"]
    assert (await (await new_client()).gql(RESEND))["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_link_for_an_old_address_does_not_verify_a_new_one(smtp, new_client):
    from backoffice.identity.tables import User

    company = await sign_up(await new_client())
    token = token_in((await smtp.wait_for(company.email))[0], "/verify-email")
    changed = unique_email("changed")
    await User.update({User.email: changed}).where(User.email == company.email)
    body = await (await new_client()).gql(VERIFY, {"t": token})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_accepting_a_mailed_invitation_proves_the_address(smtp, company, new_client):
    invitee = unique_email("joiner")
    await company.api.data("""mutation($i: InviteUserInput!) { inviteUser(input: $i) {
        invitationToken userErrors { code } } }""", {"i": {"email": invitee, "fullName": "Joiner"}})
    (message,) = await smtp.wait_for(invitee)
    guest = await new_client()
    accepted = await guest.data("""mutation($i: AcceptInvitationInput!) {
        acceptInvitation(input: $i) { ok userErrors { code } } }""",
                                {"i": {"token": token_in(message, "/accept-invitation"),
                                       "password": PASSWORD}})
    assert accepted["acceptInvitation"]["ok"] is True
    assert (await guest.data(ME))["me"] == {"email": invitee, "emailVerified": True}
