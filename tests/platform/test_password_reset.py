"""Password reset by a mailed link: the same answer for any address, throttled; the link works
once, expires, ends the account's other sessions; the token is stored only as a hash."""

from __future__ import annotations

import asyncio
from typing import Any

from helpers import PASSWORD, log_in, sign_up, unique_email
from smtp_helpers import text_of, token_in

REQUEST = """mutation($e: String!) { requestPasswordReset(input: {email: $e}) {
  ok userErrors { field code message } } }"""
RESET = """mutation($t: String!, $p: String!) { resetPassword(input: {token: $t, password: $p}) {
  ok userErrors { field code message } } }"""
NEW_PASSWORD = "a-brand-new-passphrase"


async def _reset_token(mailbox: Any, address: str, count: int = 1) -> str:
    """The newest reset link among the first ``count`` mails to ``address`` (the verification
    sent at sign-up may arrive before or after the first reset mail)."""
    messages = await mailbox.wait_for(address, count)
    return token_in([m for m in messages if "/reset-password?" in text_of(m)][-1], "/reset-password")


async def test_a_reset_link_arrives_and_sets_a_new_password(smtp, new_client):
    company = await sign_up(await new_client())
    stranger = await new_client()
    answer = await stranger.data(REQUEST, {"e": company.email.upper()})
    assert answer["requestPasswordReset"] == {"ok": True, "userErrors": []}
    messages = await smtp.wait_for(company.email, 2)  # the verification, then the reset
    message = next(m for m in messages if "/reset-password?token=" in text_of(m))
    assert message["Subject"] == "Reset your password"
    assert "within 60 minutes" in text_of(message)
    token = token_in(message, "/reset-password")

    done = await stranger.data(RESET, {"t": token, "p": NEW_PASSWORD})
    assert done["resetPassword"] == {"ok": True, "userErrors": []}
    assert (await log_in(await new_client(), company.email, NEW_PASSWORD))["userErrors"] == []
    old = await log_in(await new_client(), company.email, PASSWORD)
    assert old["userErrors"][0]["code"] == "INVALID_CREDENTIALS"
    assert (await stranger.data("{ me { id } }"))["me"] is None  # resetting logs nobody in
    # The link reached the address, so the address is proven too.
    assert (await company.api.gql("{ me { id } }"))["data"]["me"] is None  # that session ended
    fresh = await new_client()
    await log_in(fresh, company.email, NEW_PASSWORD)
    assert (await fresh.data("{ me { emailVerified } }"))["me"]["emailVerified"] is True


async def test_the_answer_is_the_same_for_an_unknown_address(smtp, new_client):
    api = await new_client()
    known = await sign_up(await new_client())
    await smtp.wait_for(known.email)
    unknown = unique_email("nobody")
    a = await api.gql(REQUEST, {"e": known.email})
    b = await api.gql(REQUEST, {"e": unknown})
    # The same answer; only the rate-limit budget in the extensions moves between the two.
    assert a["data"] == b["data"] == {"requestPasswordReset": {"ok": True, "userErrors": []}}
    assert "errors" not in a and "errors" not in b
    assert a["extensions"]["cost"]["requestedQueryCost"] == b["extensions"]["cost"]["requestedQueryCost"]
    await smtp.wait_for(known.email, 2)
    await asyncio.sleep(0.3)
    assert smtp.to(unknown) == []


async def test_a_malformed_address_is_a_user_error(new_client):
    body = await (await new_client()).data(REQUEST, {"e": "not an address"})
    assert body["requestPasswordReset"]["userErrors"][0]["code"] == "BAD_USER_INPUT"


async def test_the_link_works_once(smtp, new_client):
    company = await sign_up(await new_client())
    await (await new_client()).data(REQUEST, {"e": company.email})
    token = await _reset_token(smtp, company.email, 2)
    first = await (await new_client()).data(RESET, {"t": token, "p": NEW_PASSWORD})
    assert first["resetPassword"]["ok"] is True
    again = await (await new_client()).gql(RESET, {"t": token, "p": "yet-another-passphrase"})
    assert again["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert (await log_in(await new_client(), company.email, NEW_PASSWORD))["userErrors"] == []


async def test_an_expired_link_is_refused(smtp, new_client):
    from datetime import UTC, datetime, timedelta

    from backoffice.identity.account import token_hash
    from backoffice.identity.tables import AccountToken

    company = await sign_up(await new_client())
    await (await new_client()).data(REQUEST, {"e": company.email})
    token = await _reset_token(smtp, company.email, 2)
    await AccountToken.update({AccountToken.expires_at: datetime.now(UTC) - timedelta(seconds=1)}).where(
        AccountToken.token_hash == token_hash(token))
    body = await (await new_client()).gql(RESET, {"t": token, "p": NEW_PASSWORD})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert (await log_in(await new_client(), company.email, PASSWORD))["userErrors"] == []


async def test_forged_and_verification_tokens_do_not_reset(smtp, new_client):
    company = await sign_up(await new_client())
    (verification,) = await smtp.wait_for(company.email)
    for token in ("forged", token_in(verification, "/verify-email"), ""):
        body = await (await new_client()).gql(RESET, {"t": token, "p": NEW_PASSWORD})
        assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND", token


async def test_a_weak_password_keeps_the_link_usable(smtp, new_client):
    company = await sign_up(await new_client())
    await (await new_client()).data(REQUEST, {"e": company.email})
    token = await _reset_token(smtp, company.email, 2)
    weak = await (await new_client()).data(RESET, {"t": token, "p": "short"})
    assert weak["resetPassword"]["userErrors"][0]["code"] == "BAD_USER_INPUT"
    assert weak["resetPassword"]["userErrors"][0]["field"] == ["input", "password"]
    ok = await (await new_client()).data(RESET, {"t": token, "p": NEW_PASSWORD})
    assert ok["resetPassword"]["ok"] is True


async def test_resetting_ends_the_accounts_other_sessions(smtp, new_client):
    company = await sign_up(await new_client())
    elsewhere = await new_client()
    assert (await log_in(elsewhere, company.email))["userErrors"] == []
    assert (await company.api.data("{ me { email } }"))["me"]["email"] == company.email
    await (await new_client()).data(REQUEST, {"e": company.email})
    token = await _reset_token(smtp, company.email, 2)
    # Reset from the owner's own browser: that session stays, every other one ends.
    await company.api.data(RESET, {"t": token, "p": NEW_PASSWORD})
    assert (await elsewhere.data("{ me { email } }"))["me"] is None
    assert (await company.api.data("{ me { email } }"))["me"]["email"] == company.email


async def test_an_older_link_stops_working_once_a_newer_one_is_used(smtp, new_client):
    company = await sign_up(await new_client())
    api = await new_client()
    await api.data(REQUEST, {"e": company.email})
    older = await _reset_token(smtp, company.email, 2)
    await api.data(REQUEST, {"e": company.email})
    newer = await _reset_token(smtp, company.email, 3)
    assert older != newer
    assert (await api.data(RESET, {"t": newer, "p": NEW_PASSWORD}))["resetPassword"]["ok"] is True
    body = await api.gql(RESET, {"t": older, "p": "another-passphrase-here"})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_requests_are_throttled_per_address(smtp, new_client):
    company = await sign_up(await new_client())
    unknown = unique_email("ghost")
    for address in (company.email, unknown):
        answers = []
        for _ in range(4):
            body = await (await new_client()).gql(REQUEST, {"e": address})  # a new client address each time
            answers.append(body["errors"][0]["extensions"]["code"] if body.get("errors") else "ok")
        # Three per hour per address, whether or not an account has it.
        assert answers == ["ok", "ok", "ok", "RATE_LIMITED"], address
    await smtp.wait_for(company.email, 4)  # the verification and three links
    await asyncio.sleep(0.3)
    assert len(smtp.to(company.email)) == 4


async def test_requests_are_throttled_per_client_address(new_client):
    from backoffice.settings import get_settings

    api = await new_client()
    limit = get_settings().password_reset_max_per_address
    codes = []
    for _ in range(limit + 1):
        body = await api.gql(REQUEST, {"e": unique_email("many")})
        codes.append(body["errors"][0]["extensions"]["code"] if body.get("errors") else "ok")
    assert codes[:limit] == ["ok"] * limit and codes[limit] == "RATE_LIMITED"


async def test_tokens_are_stored_only_as_hashes(smtp, new_client):
    from backoffice.identity.tables import AccountToken

    company = await sign_up(await new_client())
    await (await new_client()).data(REQUEST, {"e": company.email})
    token = await _reset_token(smtp, company.email, 2)
    rows = await AccountToken.select()
    assert rows and all(token not in str(r) for r in rows)


async def test_a_logged_in_person_may_ask_too(smtp, company):
    """The request runs outside the caller's company: the mail belongs to no company."""
    answer = await company.api.data(REQUEST, {"e": company.email})
    assert answer["requestPasswordReset"]["ok"] is True
    await _reset_token(smtp, company.email, 2)
    emails = (await company.api.data("{ emails { nodes { kind } } }"))["emails"]["nodes"]
    assert "core.password_reset" not in {e["kind"] for e in emails}
