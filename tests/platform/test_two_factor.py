"""Two-factor authentication (TOTP): setting it up, logging in with a code or a recovery code,
throttling, replay, turning it off, the company's rule for owners, the OAuth authorization
page, and secrets kept out of the audit log."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import secrets
import time
from urllib.parse import urlencode

import pyotp
import pytest

from helpers import LOG_IN, PASSWORD, add_member, log_in, sign_up

ME = "{ me { email twoFactorEnabled twoFactorSetupRequired twoFactorRecoveryCodesLeft } }"
START = """mutation { startTwoFactorSetup { setup { secret otpauthUri qrCode }
  userErrors { code message } } }"""
CONFIRM = """mutation($code: String!) { confirmTwoFactorSetup(input: {code: $code}) {
  recoveryCodes me { twoFactorEnabled twoFactorSetupRequired } userErrors { field code message } } }"""
DISABLE = """mutation($i: TwoFactorProofInput!) { disableTwoFactor(input: $i) {
  me { twoFactorEnabled } userErrors { code message } } }"""
REGENERATE = """mutation($i: TwoFactorProofInput!) { regenerateRecoveryCodes(input: $i) {
  recoveryCodes userErrors { code } } }"""
SECOND = """mutation($i: LogInSecondFactorInput!) { logInSecondFactor(input: $i) {
  me { email twoFactorEnabled } userErrors { field code message } } }"""
LOG_IN_2FA = """mutation($input: LogInInput!) { logIn(input: $input) {
  me { email } secondFactorChallenge userErrors { field code message } } }"""
REQUIRE = """mutation($on: Boolean!) { updateTenant(input: {requireTwoFactorForOwners: $on}) {
  tenant { requireTwoFactorForOwners } userErrors { code } } }"""

T0 = 1_900_000_020.0  # the start of a 30-second step
REDIRECT = "https://app.example.com/callback"
FORM = {"content-type": "application/x-www-form-urlencoded"}
CREATE_CLIENT = """mutation($i: CreateOAuthClientInput!) { createOAuthClient(input: $i) {
  oauthClient { clientId } clientSecret userErrors { code } } }"""


async def make_app(company, scopes: list[str], with_secret: bool = False):
    data = await company.api.data(CREATE_CLIENT, {"i": {
        "name": "Expense app", "scopes": scopes, "kind": "CONFIDENTIAL", "redirectUris": [REDIRECT]}})
    client_id = data["createOAuthClient"]["oauthClient"]["clientId"]
    return (client_id, data["createOAuthClient"]["clientSecret"]) if with_secret else client_id


def authorize_url(client_id: str, verifier: str | None = None) -> str:
    verifier = verifier or secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    return "/oauth/authorize?" + urlencode({
        "response_type": "code", "client_id": client_id, "redirect_uri": REDIRECT, "state": "s",
        "code_challenge": challenge, "code_challenge_method": "S256"})


def hidden_inputs(page: str) -> dict[str, str]:
    return {html.unescape(k): html.unescape(v) for k, v in
            re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', page)}


@pytest.fixture
def clock(monkeypatch):
    """The server's TOTP clock, moved by the test: ``clock.at(n)`` is the time ``n`` steps on."""
    from backoffice.identity import two_factor

    class Clock:
        now = T0 + 5

        def at(self, steps: int) -> float:
            return self.now + steps * 30

        def step(self, steps: int = 1) -> None:
            self.now += steps * 30

    c = Clock()
    monkeypatch.setattr(two_factor, "clock", lambda: c.now)
    return c


def code(secret: str, at: float) -> str:
    return pyotp.TOTP(secret).at(at)


async def enable_two_factor(api, clock) -> tuple[str, list[str]]:
    setup = (await api.data(START))["startTwoFactorSetup"]["setup"]
    result = (await api.data(CONFIRM, {"code": code(setup["secret"], clock.now)}))["confirmTwoFactorSetup"]
    assert result["userErrors"] == [], result
    clock.step()  # the next log-in uses the next step's code (the confirming one is spent)
    return setup["secret"], result["recoveryCodes"]


async def password_step(api, email: str, password: str = PASSWORD, slug: str | None = None) -> dict:
    body = await api.data(LOG_IN_2FA, {"input": {"email": email, "password": password,
                                                 "tenantSlug": slug}})
    return body["logIn"]


async def audit_entries(company) -> list[dict]:
    data = await company.api.data("{ auditLog(first: 100) { nodes { operation changes } } }")
    return data["auditLog"]["nodes"]


async def test_setup_needs_confirmation_with_a_code(company, clock):
    assert (await company.api.data(ME))["me"]["twoFactorEnabled"] is False
    setup = (await company.api.data(START))["startTwoFactorSetup"]["setup"]
    assert len(setup["secret"]) == 32
    assert setup["otpauthUri"].startswith("otpauth://totp/Backoffice:")
    assert f"secret={setup['secret']}" in setup["otpauthUri"] and "issuer=Backoffice" in setup["otpauthUri"]
    assert setup["qrCode"].startswith("data:image/svg+xml")
    # Pending until confirmed: logging in still needs no code.
    assert (await company.api.data(ME))["me"]["twoFactorEnabled"] is False
    wrong = (await company.api.data(CONFIRM, {"code": "000000"}))["confirmTwoFactorSetup"]
    if code(setup["secret"], clock.now) != "000000":
        assert wrong["userErrors"][0]["code"] == "INVALID_CODE"
        assert wrong["userErrors"][0]["field"] == ["input", "code"]
    assert (await company.api.data(ME))["me"]["twoFactorEnabled"] is False
    done = (await company.api.data(CONFIRM, {"code": code(setup["secret"], clock.now)}))["confirmTwoFactorSetup"]
    assert done["userErrors"] == []
    assert done["me"]["twoFactorEnabled"] is True
    codes = done["recoveryCodes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    me = (await company.api.data(ME))["me"]
    assert me["twoFactorEnabled"] is True and me["twoFactorRecoveryCodesLeft"] == 10
    # Setting up again while on is refused (turn it off first).
    again = (await company.api.data(START))["startTwoFactorSetup"]
    assert again["userErrors"][0]["code"] == "TWO_FACTOR_ALREADY_ENABLED"


async def test_log_in_needs_the_code(company, new_client, clock):
    secret, _ = await enable_two_factor(company.api, clock)
    browser = await new_client()
    first = await password_step(browser, company.email)
    assert first["me"] is None
    assert first["userErrors"][0]["code"] == "TWO_FACTOR_REQUIRED"
    challenge = first["secondFactorChallenge"]
    assert challenge
    # No session yet.
    assert (await browser.data(ME))["me"] is None
    assert "bo_session" not in browser.client.cookies
    done = (await browser.data(SECOND, {"i": {"challenge": challenge,
                                              "code": code(secret, clock.now)}}))["logInSecondFactor"]
    assert done["userErrors"] == [] and done["me"]["email"] == company.email
    assert (await browser.data(ME))["me"]["twoFactorEnabled"] is True
    assert (await browser.data("{ tenant { slug } }"))["tenant"]["slug"] == company.slug
    # The helper of integrators who send only the password reads the same refusal.
    plain = await browser.data(LOG_IN, {"input": {"email": company.email, "password": PASSWORD}})
    assert plain["logIn"]["me"] is None and plain["logIn"]["userErrors"][0]["code"] == "TWO_FACTOR_REQUIRED"


async def test_other_ways_in_with_the_password_wait_for_the_code(company, new_client, clock):
    """Signing up another company, or accepting an invitation, with the password of an account
    that has two-factor on starts no session until the code."""
    secret, _ = await enable_two_factor(company.api, clock)
    browser = await new_client()
    body = await browser.data("""mutation($e: String!, $p: String!) { signUp(input: {
        companyName: "Second Co", email: $e, password: $p, fullName: "X"}) {
        me { id } secondFactorChallenge userErrors { code } } }""",
                              {"e": company.email, "p": PASSWORD})
    assert body["signUp"]["me"] is None and body["signUp"]["userErrors"] == []
    assert (await browser.data(ME))["me"] is None
    done = await browser.data("""mutation($i: LogInSecondFactorInput!) { logInSecondFactor(input: $i) {
        me { memberships { name current } } userErrors { code } } }""",
                              {"i": {"challenge": body["signUp"]["secondFactorChallenge"],
                                     "code": code(secret, clock.now)}})
    current = [m["name"] for m in done["logInSecondFactor"]["me"]["memberships"] if m["current"]]
    assert current == ["Second Co"]

    other = await sign_up(await new_client())
    invited = await other.api.data("""mutation($e: String!) { inviteUser(input: {email: $e,
        fullName: "Colleague"}) { invitationToken userErrors { code } } }""", {"e": company.email})
    token = invited["inviteUser"]["invitationToken"]
    guest = await new_client()
    accepted = await guest.data("""mutation($t: String!, $p: String!) { acceptInvitation(input: {
        token: $t, password: $p, fullName: "X"}) { ok secondFactorChallenge userErrors { code } } }""",
                                {"t": token, "p": PASSWORD})
    assert accepted["acceptInvitation"]["ok"] is True
    assert accepted["acceptInvitation"]["secondFactorChallenge"]
    assert (await guest.data(ME))["me"] is None
    clock.step()
    done = await guest.data(SECOND, {"i": {"challenge": accepted["acceptInvitation"]["secondFactorChallenge"],
                                           "code": code(secret, clock.now)}})
    assert done["logInSecondFactor"]["userErrors"] == []
    assert (await guest.data("{ tenant { slug } }"))["tenant"]["slug"] == other.slug


async def test_a_wrong_password_still_gets_no_challenge(company, new_client, clock):
    await enable_two_factor(company.api, clock)
    browser = await new_client()
    wrong = await password_step(browser, company.email, "not-the-password")
    assert wrong["secondFactorChallenge"] is None
    assert wrong["userErrors"][0]["code"] == "INVALID_CREDENTIALS"


async def test_a_forged_or_foreign_challenge_is_refused(company, other_company, new_client, clock):
    secret, _ = await enable_two_factor(company.api, clock)
    browser = await new_client()
    challenge = (await password_step(browser, company.email))["secondFactorChallenge"]
    for forged in ("", "not-a-token", challenge[:-4] + "AAAA"):
        body = (await browser.data(SECOND, {"i": {"challenge": forged, "code": code(secret, clock.now)}}))
        assert body["logInSecondFactor"]["userErrors"][0]["code"] == "INVALID_CHALLENGE"
    assert (await browser.data(ME))["me"] is None


async def test_wrong_codes_are_refused_and_throttled(company, new_client, clock):
    secret, _ = await enable_two_factor(company.api, clock)
    browser = await new_client()
    challenge = (await password_step(browser, company.email))["secondFactorChallenge"]
    right = code(secret, clock.now)
    wrong_code = next(c for c in ("111111", "222222", "333333") if c != right)
    for _ in range(4):
        body = await browser.data(SECOND, {"i": {"challenge": challenge, "code": wrong_code}})
        assert body["logInSecondFactor"]["userErrors"][0]["code"] == "INVALID_CODE"
        assert body["logInSecondFactor"]["me"] is None
    # The right password does not forgive the wrong codes.
    challenge = (await password_step(browser, company.email))["secondFactorChallenge"]
    body = await browser.data(SECOND, {"i": {"challenge": challenge, "code": wrong_code}})
    assert body["logInSecondFactor"]["userErrors"][0]["code"] == "INVALID_CODE"
    # Five failures: even the right code (and the password step) is refused for a while.
    body = await browser.gql(SECOND, {"i": {"challenge": challenge, "code": right}})
    assert body["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    body = await browser.gql(LOG_IN, {"input": {"email": company.email, "password": PASSWORD}})
    assert body["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert (await browser.data(ME))["me"] is None


async def test_a_code_works_once(company, new_client, clock):
    secret, _ = await enable_two_factor(company.api, clock)
    first, second = await new_client(), await new_client()
    c1 = (await password_step(first, company.email))["secondFactorChallenge"]
    c2 = (await password_step(second, company.email))["secondFactorChallenge"]
    now_code = code(secret, clock.now)
    ok = await first.data(SECOND, {"i": {"challenge": c1, "code": now_code}})
    assert ok["logInSecondFactor"]["userErrors"] == []
    replay = await second.data(SECOND, {"i": {"challenge": c2, "code": now_code}})
    assert replay["logInSecondFactor"]["userErrors"][0]["code"] == "INVALID_CODE"
    # Nor an earlier step's code, still within the drift allowed.
    earlier = await second.data(SECOND, {"i": {"challenge": c2, "code": code(secret, clock.at(-1))}})
    assert earlier["logInSecondFactor"]["userErrors"][0]["code"] == "INVALID_CODE"
    # The next step's code works.
    clock.step()
    later = await second.data(SECOND, {"i": {"challenge": c2, "code": code(secret, clock.now)}})
    assert later["logInSecondFactor"]["userErrors"] == []


async def test_codes_of_other_times_are_refused(company, new_client, clock):
    secret, _ = await enable_two_factor(company.api, clock)
    browser = await new_client()
    challenge = (await password_step(browser, company.email))["secondFactorChallenge"]
    for steps in (-3, 2, 10):
        body = await browser.data(SECOND, {"i": {"challenge": challenge, "code": code(secret, clock.at(steps))}})
        assert body["logInSecondFactor"]["userErrors"][0]["code"] == "INVALID_CODE"
    # One step either side is accepted (clocks drift).
    body = await browser.data(SECOND, {"i": {"challenge": challenge, "code": code(secret, clock.at(1))}})
    assert body["logInSecondFactor"]["userErrors"] == []


async def test_recovery_codes_work_once(company, new_client, clock):
    _, recovery = await enable_two_factor(company.api, clock)
    browser = await new_client()
    challenge = (await password_step(browser, company.email))["secondFactorChallenge"]
    # Case, spaces and dashes do not matter.
    typed = recovery[0].upper().replace("-", " ")
    ok = await browser.data(SECOND, {"i": {"challenge": challenge, "recoveryCode": typed}})
    assert ok["logInSecondFactor"]["userErrors"] == []
    assert (await browser.data(ME))["me"]["twoFactorRecoveryCodesLeft"] == 9
    again = await new_client()
    challenge = (await password_step(again, company.email))["secondFactorChallenge"]
    spent = await again.data(SECOND, {"i": {"challenge": challenge, "recoveryCode": recovery[0]}})
    assert spent["logInSecondFactor"]["userErrors"][0]["code"] == "INVALID_CODE"
    assert spent["logInSecondFactor"]["userErrors"][0]["field"] == ["input", "recoveryCode"]
    other = await again.data(SECOND, {"i": {"challenge": challenge, "recoveryCode": recovery[1]}})
    assert other["logInSecondFactor"]["userErrors"] == []


async def test_regenerated_recovery_codes_replace_the_old_ones(company, new_client, clock):
    secret, old = await enable_two_factor(company.api, clock)
    refused = await company.api.data(REGENERATE, {"i": {"password": "wrong-password"}})
    assert refused["regenerateRecoveryCodes"]["userErrors"][0]["code"] == "INVALID_CREDENTIALS"
    new = (await company.api.data(REGENERATE, {"i": {"code": code(secret, clock.now)}}))
    fresh = new["regenerateRecoveryCodes"]["recoveryCodes"]
    assert len(fresh) == 10 and not set(fresh) & set(old)
    browser = await new_client()
    challenge = (await password_step(browser, company.email))["secondFactorChallenge"]
    body = await browser.data(SECOND, {"i": {"challenge": challenge, "recoveryCode": old[0]}})
    assert body["logInSecondFactor"]["userErrors"][0]["code"] == "INVALID_CODE"
    body = await browser.data(SECOND, {"i": {"challenge": challenge, "recoveryCode": fresh[0]}})
    assert body["logInSecondFactor"]["userErrors"] == []


async def test_turning_it_off_needs_a_proof(company, new_client, clock):
    secret, _ = await enable_two_factor(company.api, clock)
    for proof in ({}, {"password": "wrong-password"}, {"code": "12345x"}):
        body = await company.api.data(DISABLE, {"i": proof})
        assert body["disableTwoFactor"]["userErrors"][0]["code"] == "INVALID_CREDENTIALS"
    assert (await company.api.data(ME))["me"]["twoFactorEnabled"] is True
    body = await company.api.data(DISABLE, {"i": {"password": PASSWORD}})
    assert body["disableTwoFactor"]["userErrors"] == []
    assert body["disableTwoFactor"]["me"]["twoFactorEnabled"] is False
    # Logging in needs only the password again.
    browser = await new_client()
    assert (await log_in(browser, company.email))["userErrors"] == []
    # Both changes were mailed to the account's address.
    emails = (await company.api.data("{ emails { nodes { kind to subject } } }"))["emails"]["nodes"]
    told = sorted(e["subject"] for e in emails if e["kind"] == "core.two_factor" and e["to"] == company.email)
    assert told == ["Two-factor authentication is off", "Two-factor authentication is on"]
    # And it can be set up again, with a new secret.
    new_secret, _ = await enable_two_factor(company.api, clock)
    assert new_secret != secret
    body = await company.api.data(DISABLE, {"i": {"code": code(new_secret, clock.now)}})
    assert body["disableTwoFactor"]["userErrors"] == []


async def test_password_reset_leaves_two_factor_on(company, new_client, clock):
    from backoffice.identity import account
    from backoffice.identity.tables import User

    secret, _ = await enable_two_factor(company.api, clock)
    browser = await new_client()
    stale = (await password_step(browser, company.email))["secondFactorChallenge"]
    user = await User.select(User.id).where(User.email == company.email).first()
    token = await account._issue(user["id"], account.RESET, company.email, __import__("datetime").timedelta(minutes=5))
    body = await browser.data("mutation($t: String!) { resetPassword(input: {token: $t, password: "
                              "\"a-brand-new-password\"}) { ok userErrors { code } } }", {"t": token})
    assert body["resetPassword"]["ok"] is True
    # A challenge earned with the old password is void.
    body = await browser.data(SECOND, {"i": {"challenge": stale, "code": code(secret, clock.now)}})
    assert body["logInSecondFactor"]["userErrors"][0]["code"] == "INVALID_CHALLENGE"
    first = await password_step(browser, company.email, "a-brand-new-password")
    assert first["me"] is None and first["userErrors"][0]["code"] == "TWO_FACTOR_REQUIRED"
    done = await browser.data(SECOND, {"i": {"challenge": first["secondFactorChallenge"],
                                             "code": code(secret, clock.now)}})
    assert done["logInSecondFactor"]["userErrors"] == []


async def test_owners_must_set_it_up_when_the_company_says_so(company, new_client, clock):
    # An admin who is not an owner is not concerned by the rule.
    admin = await add_member(company, new_client, role_keys=["admin"], name="Admin")
    body = await company.api.data(REQUIRE, {"on": True})
    assert body["updateTenant"]["tenant"]["requireTwoFactorForOwners"] is True
    # The owner's own session is restricted at once.
    me = (await company.api.data(ME))["me"]
    assert me["twoFactorSetupRequired"] is True
    for query in ("{ users(first: 5) { nodes { email } } }", "{ tenant { slug } }",
                  "{ auditLog(first: 5) { nodes { operation } } }"):
        assert await company.api.error_code(query) == "TWO_FACTOR_SETUP_REQUIRED"
    assert await company.api.error_code(REQUIRE, {"on": False}) == "TWO_FACTOR_SETUP_REQUIRED"
    # A fresh log-in gets the same restricted session.
    browser = await new_client()
    result = await browser.data("""mutation($input: LogInInput!) { logIn(input: $input) {
        me { twoFactorSetupRequired } userErrors { code } } }""",
                                {"input": {"email": company.email, "password": PASSWORD}})
    assert result["logIn"]["me"]["twoFactorSetupRequired"] is True
    assert await browser.error_code("{ users(first: 5) { nodes { email } } }") == "TWO_FACTOR_SETUP_REQUIRED"
    assert (await admin.api.data("{ users(first: 5) { nodes { email } } }"))["users"]["nodes"]
    assert (await admin.api.data(ME))["me"]["twoFactorSetupRequired"] is False
    # Setting it up lifts the restriction, in the same session.
    secret, _ = await enable_two_factor(browser, clock)
    assert (await browser.data(ME))["me"]["twoFactorSetupRequired"] is False
    assert (await browser.data("{ users(first: 5) { nodes { email } } }"))["users"]["nodes"]
    assert (await company.api.data("{ tenant { slug } }"))["tenant"]["slug"] == company.slug
    # Turning it off again restricts the session again.
    await browser.data(DISABLE, {"i": {"password": PASSWORD}})
    assert await browser.error_code("{ tenant { slug } }") == "TWO_FACTOR_SETUP_REQUIRED"
    await enable_two_factor(browser, clock)
    assert (await browser.data(REQUIRE, {"on": False}))["updateTenant"]["userErrors"] == []


async def test_switching_into_a_company_that_requires_it(company, new_client, clock):
    second = await sign_up(await new_client(), name="Strict Co", email=company.email)
    await second.api.data(REQUIRE, {"on": True})
    api = await new_client()
    await log_in(api, company.email, tenant_slug=company.slug)
    assert (await api.data("{ tenant { slug } }"))["tenant"]["slug"] == company.slug
    data = await api.data("""mutation($s: String!) { switchTenant(input: {tenantSlug: $s}) {
        me { twoFactorSetupRequired } userErrors { code } } }""", {"s": second.slug})
    assert data["switchTenant"]["me"]["twoFactorSetupRequired"] is True
    assert await api.error_code("{ tenant { slug } }") == "TWO_FACTOR_SETUP_REQUIRED"
    # Back in the company without the rule, everything works again.
    data = await api.data("""mutation($s: String!) { switchTenant(input: {tenantSlug: $s}) {
        me { twoFactorSetupRequired } } }""", {"s": company.slug})
    assert data["switchTenant"]["me"]["twoFactorSetupRequired"] is False
    assert (await api.data("{ tenant { slug } }"))["tenant"]["slug"] == company.slug


async def test_the_rule_needs_the_permission_and_stays_in_its_company(company, other_company,
                                                                     new_client):
    member = await add_member(company, new_client, permissions=["core.user.read"])
    assert await member.api.error_code(REQUIRE, {"on": True}) == "FORBIDDEN"
    assert (await company.api.data("{ tenant { requireTwoFactorForOwners } }"))["tenant"] == {
        "requireTwoFactorForOwners": False}
    await other_company.api.data(REQUIRE, {"on": True})
    assert (await company.api.data("{ tenant { requireTwoFactorForOwners } }"))["tenant"] == {
        "requireTwoFactorForOwners": False}
    assert (await company.api.data(ME))["me"]["twoFactorSetupRequired"] is False


async def test_the_authorization_page_asks_for_the_code(company, new_client, clock):
    client_id = await make_app(company, ["core.user.read"])
    secret, _ = await enable_two_factor(company.api, clock)
    browser = await new_client()
    url = authorize_url(client_id)
    page = await browser.client.get(url)
    fields = hidden_inputs(page.text)
    step = await browser.client.post("/oauth/authorize", headers=FORM,
                                     data={**fields, "email": company.email, "password": PASSWORD})
    assert step.status_code == 200 and 'name="otp"' in step.text
    assert "bo_session" not in step.headers.get("set-cookie", "")
    code_fields = hidden_inputs(step.text)
    assert code_fields["action"] == "second_factor" and code_fields["challenge"]
    # The code form needs the page's cookie too.
    stranger = await new_client()
    cross = await stranger.client.post("/oauth/authorize", headers=FORM,
                                       data={**code_fields, "otp": code(secret, clock.now)})
    assert cross.status_code == 403 and "bo_session" not in cross.headers.get("set-cookie", "")
    wrong_code = "000000" if code(secret, clock.now) != "000000" else "111111"
    wrong = await browser.client.post("/oauth/authorize", headers=FORM,
                                      data={**code_fields, "otp": wrong_code})
    assert wrong.status_code == 400 and "not right" in wrong.text
    assert "bo_session" not in wrong.headers.get("set-cookie", "")
    logged = await browser.client.post("/oauth/authorize", headers=FORM,
                                       data={**code_fields, "otp": code(secret, clock.now)})
    assert logged.status_code == 303 and logged.headers["location"].startswith("/oauth/authorize?")
    page = await browser.client.get(logged.headers["location"])
    assert "Approve" in page.text
    # In Bahasa Indonesia too.
    other = await new_client(**{"accept-language": "id"})
    page = await other.client.get(url)
    step = await other.client.post("/oauth/authorize", headers={**FORM, "accept-language": "id"},
                                   data={**hidden_inputs(page.text), "email": company.email,
                                         "password": PASSWORD})
    assert "aplikasi autentikator" in step.text


async def test_the_authorization_page_refuses_an_owner_who_must_set_it_up(company, new_client):
    client_id = await make_app(company, ["core.user.read"])
    await company.api.data(REQUIRE, {"on": True})
    browser = await new_client()
    url = authorize_url(client_id)
    page = await browser.client.get(url)
    step = await browser.client.post("/oauth/authorize", headers=FORM,
                                     data={**hidden_inputs(page.text), "email": company.email,
                                           "password": PASSWORD})
    assert step.status_code == 403 and "two-factor" in step.text
    assert "bo_session" not in step.headers.get("set-cookie", "")
    # The owner's own (restricted) session gets no consent screen either.
    page = await company.api.client.get(url)
    assert page.status_code == 403 and "Approve" not in page.text


async def test_an_app_acting_for_an_owner_who_must_set_it_up_is_held_too(company, new_client):
    from urllib.parse import parse_qs, urlsplit

    client_id, client_secret = await make_app(company, ["core.user.read"], with_secret=True)
    verifier = secrets.token_urlsafe(48)
    page = await company.api.client.get(authorize_url(client_id, verifier))
    approved = await company.api.client.post("/oauth/authorize", headers=FORM,
                                             data={**hidden_inputs(page.text), "action": "approve"})
    grant = parse_qs(urlsplit(approved.headers["location"]).query)["code"][0]
    basic = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
    tokens = await company.api.client.post("/oauth/token", headers={**FORM, "authorization": f"Basic {basic}"}, data={
        "grant_type": "authorization_code", "code": grant, "redirect_uri": REDIRECT, "code_verifier": verifier})
    assert tokens.status_code == 200, tokens.text
    app = await new_client(authorization=f"Bearer {tokens.json()['access_token']}")
    query = "{ users(first: 5) { nodes { email } } }"
    assert (await app.data(query))["users"]["nodes"]
    await company.api.data(REQUIRE, {"on": True})
    assert await app.error_code(query) == "TWO_FACTOR_SETUP_REQUIRED"


async def test_secrets_never_reach_the_audit_log(company, new_client, clock):
    secret, recovery = await enable_two_factor(company.api, clock)
    browser = await new_client()
    challenge = (await password_step(browser, company.email))["secondFactorChallenge"]
    await browser.data(SECOND, {"i": {"challenge": challenge, "code": code(secret, clock.now)}})
    await company.api.data(REGENERATE, {"i": {"password": PASSWORD}})
    await company.api.data(DISABLE, {"i": {"password": PASSWORD}})
    entries = await audit_entries(company)
    operations = [e["operation"] for e in entries]
    for op in ("enableTwoFactor", "disableTwoFactor", "regenerateRecoveryCodes", "logIn"):
        assert op in operations, operations
    assert {"secondFactor": "totp"} in [e["changes"] for e in entries if e["operation"] == "logIn"]
    text = json.dumps(entries)
    assert secret not in text and challenge not in text and PASSWORD not in text
    assert not any(c in text or c.replace("-", "") in text for c in recovery)
    # Nor is the secret stored readable.
    from backoffice.identity.tables import User

    row = await User.select(User.totp_secret, User.totp_pending_secret, User.totp_recovery_codes).where(
        User.email == company.email).first()
    assert secret not in json.dumps(row)


async def test_api_clients_are_unaffected(company, new_client, clock):
    # A service client (client credentials) acts as itself: it has no account to protect, and
    # neither two-factor nor the owners' rule concerns it.
    data = await company.api.data("""mutation { createOAuthClient(input: {name: "Sync",
        scopes: ["core.user.read"]}) { oauthClient { clientId } clientSecret } }""")
    created = data["createOAuthClient"]
    await enable_two_factor(company.api, clock)
    await company.api.data(REQUIRE, {"on": True})
    api = await new_client()
    basic = base64.b64encode(f"{created['oauthClient']['clientId']}:{created['clientSecret']}".encode()).decode()
    response = await api.client.post("/oauth/token", data={"grant_type": "client_credentials"},
                                     headers={**FORM, "authorization": f"Basic {basic}"})
    assert response.status_code == 200, response.text
    service = await new_client(authorization=f"Bearer {response.json()['access_token']}")
    assert (await service.data("{ users(first: 5) { nodes { email } } }"))["users"]["nodes"]
    assert await service.error_code(START) == "FORBIDDEN"


async def test_an_operator_turns_it_off_for_a_lost_phone(company, new_client, clock):
    import os
    import subprocess
    import sys

    await enable_two_factor(company.api, clock)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "backoffice.cli", *args], capture_output=True,
                              text=True, env=os.environ.copy(), timeout=120)

    missing = cli("users", "disable-two-factor", "nobody@example.com", "--yes")
    assert missing.returncode == 1 and "No account" in missing.stderr
    done = cli("users", "disable-two-factor", company.email.upper(), "--yes")
    assert done.returncode == 0, done.stderr
    # Their sessions ended; the password alone logs them in again.
    assert (await company.api.data(ME))["me"] is None
    result = await log_in(await new_client(), company.email)
    assert result["userErrors"] == [] and result["me"]["email"] == company.email


def test_codes_follow_rfc_6238():
    """The RFC's SHA-1 test vectors (the 8-digit values' last 6 digits)."""
    from backoffice.identity import two_factor

    secret = __import__("base64").b32encode(b"12345678901234567890").decode()
    for at, expected in ((59, "287082"), (1111111109, "081804"), (1234567890, "005924"),
                         (2000000000, "279037")):
        assert two_factor.matching_step(secret, expected, now=at) == int(at) // 30
    assert two_factor.matching_step(secret, "287083", now=59) is None
    assert two_factor.matching_step(secret, "28708", now=59) is None
    assert time.time() > 0
