"""OAuth apps acting for people: the authorization-code grant with PKCE through HTTP (log in,
consent screen, code, tokens, /graphql as the person), refresh rotation with reuse detection,
revocation, and the walls around them (scopes, the person's own permissions, companies,
forged forms)."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import secrets
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from helpers import PASSWORD, add_member

REDIRECT = "https://app.example.com/callback"
FORM = {"content-type": "application/x-www-form-urlencoded"}
CREATE = """mutation($i: CreateOAuthClientInput!) { createOAuthClient(input: $i) {
  oauthClient { id clientId name kind scopes redirectUris revokedAt } clientSecret
  userErrors { field code message } } }"""
MY_APPS = "{ myAuthorizedApps { id clientId name scopes authorizedAt } }"
REVOKE_APP = """mutation($i: RevokeAppAuthorizationInput!) { revokeAppAuthorization(input: $i) {
  authorizedApp { id clientId } userErrors { code } } }"""


async def make_app(company: Any, scopes: list[str], kind: str = "CONFIDENTIAL",
                   redirect_uris: list[str] | None = None, name: str = "Expense app") -> tuple[dict, str | None]:
    data = await company.api.data(CREATE, {"i": {"name": name, "scopes": scopes, "kind": kind,
                                                 "redirectUris": redirect_uris or [REDIRECT]}})
    payload = data["createOAuthClient"]
    assert payload["userErrors"] == [], payload
    return payload["oauthClient"], payload["clientSecret"]


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    return verifier, challenge


def authorize_url(client_id: str, challenge: str, *, scope: str | None = None, state: str = "st-1",
                  redirect_uri: str = REDIRECT, **extra: str) -> str:
    params = {"response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri,
              "state": state, "code_challenge": challenge, "code_challenge_method": "S256", **extra}
    if scope is not None:
        params["scope"] = scope
    return "/oauth/authorize?" + urlencode(params)


def hidden_inputs(page: str) -> dict[str, str]:
    return {html.unescape(k): html.unescape(v) for k, v in
            re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', page)}


def redirect_params(response: Any) -> dict[str, str]:
    assert response.status_code == 303, (response.status_code, response.text)
    location = response.headers["location"]
    assert location.startswith(REDIRECT.split("?")[0]) or location.startswith("http://127.0.0.1")
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


async def consent(api: Any, client_id: str, challenge: str, **kw: Any) -> Any:
    response = await api.client.get(authorize_url(client_id, challenge, **kw))
    assert response.status_code == 200, response.text
    return response


async def decide(api: Any, page: str, action: str = "approve", **override: str) -> Any:
    form = {**hidden_inputs(page), "action": action, **override}
    return await api.client.post("/oauth/authorize", data=form, headers=FORM)


async def get_code(api: Any, client_id: str, challenge: str, **kw: Any) -> str:
    page = await consent(api, client_id, challenge, **kw)
    params = redirect_params(await decide(api, page.text))
    assert params["state"] == kw.get("state", "st-1")
    return params["code"]


def client_auth(client: dict, secret: str | None) -> tuple[dict[str, str], dict[str, str]]:
    if secret is None:
        return {"client_id": client["clientId"]}, FORM
    basic = base64.b64encode(f"{client['clientId']}:{secret}".encode()).decode()
    return {}, {**FORM, "authorization": f"Basic {basic}"}


async def exchange(api: Any, client: dict, secret: str | None, code: str, verifier: str,
                   redirect_uri: str = REDIRECT) -> Any:
    extra, headers = client_auth(client, secret)
    return await api.client.post("/oauth/token", headers=headers, data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
        "code_verifier": verifier, **extra})


async def refresh(api: Any, client: dict, secret: str | None, token: str, **extra_form: str) -> Any:
    extra, headers = client_auth(client, secret)
    return await api.client.post("/oauth/token", headers=headers, data={
        "grant_type": "refresh_token", "refresh_token": token, **extra, **extra_form})


async def revoke(api: Any, client: dict, secret: str | None, token: str) -> Any:
    extra, headers = client_auth(client, secret)
    return await api.client.post("/oauth/revoke", headers=headers, data={"token": token, **extra})


async def tokens_for(person: Any, client: dict, secret: str | None, **kw: Any) -> dict[str, Any]:
    verifier, challenge = pkce()
    code = await get_code(person.api, client["clientId"], challenge, **kw)
    response = await exchange(person.api, client, secret, code, verifier)
    assert response.status_code == 200, response.text
    return response.json()


async def bearer(api: Any, access: str, query: str, variables: dict | None = None) -> dict[str, Any]:
    response = await api.client.post("/graphql", json={"query": query, "variables": variables or {}},
                                     headers={"authorization": f"Bearer {access}"})
    return response.json()


def code_of(body: dict[str, Any]) -> str:
    assert body.get("errors"), body
    return body["errors"][0]["extensions"]["code"]


def claims_of(access: str) -> dict[str, Any]:
    return json.loads(base64.urlsafe_b64decode(access.split(".")[1] + "=="))


async def test_full_flow(company, new_client):
    client, secret = await make_app(company, ["core.user.read", "core.role.read"])
    assert client["kind"] == "CONFIDENTIAL" and client["redirectUris"] == [REDIRECT] and secret
    verifier, challenge = pkce()
    page = await consent(company.api, client["clientId"], challenge)
    text = page.text
    assert "Expense app" in text and html.escape(company.name) in text
    assert "See the company&#x27;s users" in text and "core.user.read" in text
    assert "See roles and permissions" in text and "Approve" in text and "Deny" in text
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY" and page.headers["cache-control"] == "no-store"
    # The same page in Bahasa Indonesia.
    indonesian = await company.api.client.get(authorize_url(client["clientId"], challenge),
                                              headers={"accept-language": "id-ID,id;q=0.9"})
    assert "Setujui" in indonesian.text and "Melihat pengguna perusahaan" in indonesian.text
    params = redirect_params(await decide(company.api, text))
    assert params["state"] == "st-1" and len(params["code"]) >= 40
    app = await new_client()  # the app's back end: no cookies
    response = await exchange(app, client, secret, params["code"], verifier)
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in", "refresh_token", "scope"}
    assert body["scope"] == "core.role.read core.user.read" and body["token_type"] == "Bearer"
    claims = claims_of(body["access_token"])
    assert claims["client_id"] == client["clientId"] and claims["uid"] and claims["gid"]
    data = await bearer(app, body["access_token"], "{ tenant { slug } users { totalCount } roles { totalCount } }")
    assert "errors" not in data, data
    assert data["data"]["tenant"]["slug"] == company.slug
    # The owner may read the audit log; the app was not given that scope.
    assert code_of(await bearer(app, body["access_token"], "{ auditLog { totalCount } }")) == "FORBIDDEN"
    log = await company.api.data("{ auditLog { nodes { operation changes } } }")
    assert "authorizeOAuthApp" in [e["operation"] for e in log["auditLog"]["nodes"]]
    for value in (params["code"], body["access_token"], body["refresh_token"], verifier):
        assert value not in json.dumps(log)
    apps = (await company.api.data(MY_APPS))["myAuthorizedApps"]
    assert [(a["clientId"], a["scopes"]) for a in apps] == [
        (client["clientId"], ["core.role.read", "core.user.read"])]
    # An app acting for a person cannot list or revoke the person's authorizations.
    assert code_of(await bearer(app, body["access_token"], MY_APPS)) == "FORBIDDEN"


async def test_deny_and_request_errors(company, new_client):
    client, _ = await make_app(company, ["core.user.read"])
    verifier, challenge = pkce()
    page = await consent(company.api, client["clientId"], challenge, state="s 2")
    denied = redirect_params(await decide(company.api, page.text, "deny"))
    assert denied["error"] == "access_denied" and denied["state"] == "s 2" and "code" not in denied
    for extra, error in (({"code_challenge_method": "plain"}, "invalid_request"),
                         ({"response_type": "token"}, "unsupported_response_type"),
                         ({"scope": "core.audit.read"}, "invalid_scope"),
                         ({"scope": "made.up"}, "invalid_scope")):
        params = {"response_type": "code", "client_id": client["clientId"], "redirect_uri": REDIRECT,
                  "state": "x", "code_challenge": challenge, "code_challenge_method": "S256", **extra}
        response = await company.api.client.get("/oauth/authorize?" + urlencode(params))
        assert redirect_params(response)["error"] == error, extra
    no_challenge = await company.api.client.get("/oauth/authorize?" + urlencode({
        "response_type": "code", "client_id": client["clientId"], "redirect_uri": REDIRECT}))
    assert redirect_params(no_challenge)["error"] == "invalid_request"
    repeated = await company.api.client.get(authorize_url(client["clientId"], challenge) + "&state=again")
    assert repeated.status_code == 400 and "location" not in repeated.headers


async def test_redirect_uri_is_checked_and_never_followed_when_wrong(company, new_client):
    client, secret = await make_app(company, ["core.user.read"],
                                    redirect_uris=[REDIRECT, "http://127.0.0.1:8123/cb"])
    verifier, challenge = pkce()
    for uri in ("https://evil.example.com/callback", REDIRECT + "/more", REDIRECT + "?x=1",
                "http://app.example.com/callback", ""):
        response = await company.api.client.get(authorize_url(client["clientId"], challenge, redirect_uri=uri))
        assert response.status_code == 400 and "location" not in response.headers, uri
        assert "redirect_uri" in response.text and "evil" not in response.headers.get("location", "")
    unknown = await company.api.client.get(authorize_url("bo_nobody", challenge))
    assert unknown.status_code == 400 and "location" not in unknown.headers
    # A native app's loopback URI matches on any port (RFC 8252).
    loopback = await company.api.client.get(authorize_url(client["clientId"], challenge,
                                                          redirect_uri="http://127.0.0.1:50123/cb"))
    assert loopback.status_code == 200
    # The code is bound to the redirect URI it was issued for.
    code = await get_code(company.api, client["clientId"], challenge)
    mismatch = await exchange(await new_client(), client, secret, code, verifier,
                              redirect_uri="http://127.0.0.1:8123/cb")
    assert mismatch.status_code == 400 and mismatch.json()["error"] == "invalid_grant"
    # Registration refuses what could not be matched safely.
    for uris in (["http://app.example.com/cb"], ["https://app.example.com/cb#frag"], ["not a uri"],
                 ["https://user@app.example.com/cb"], []):
        bad = (await company.api.data(CREATE, {"i": {"name": "x", "scopes": ["core.user.read"],
                                                    "kind": "PUBLIC", "redirectUris": uris}}))
        errors = bad["createOAuthClient"]["userErrors"]
        assert errors and errors[0]["field"] == ["input", "redirectUris"], uris
    service = (await company.api.data(CREATE, {"i": {"name": "x", "scopes": ["core.user.read"],
                                                    "redirectUris": [REDIRECT]}}))["createOAuthClient"]
    assert service["userErrors"][0]["field"] == ["input", "redirectUris"]


async def test_pkce_is_required_and_checked(company, new_client):
    client, secret = await make_app(company, ["core.user.read"], kind="PUBLIC")
    assert secret is None and client["kind"] == "PUBLIC"
    app = await new_client()
    verifier, challenge = pkce()
    code = await get_code(company.api, client["clientId"], challenge)
    wrong = await exchange(app, client, None, code, pkce()[0])
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    # A failed attempt spends the code: the right verifier does not help afterwards.
    assert (await exchange(app, client, None, code, verifier)).json()["error"] == "invalid_grant"
    code = await get_code(company.api, client["clientId"], challenge)
    missing = await exchange(app, client, None, code, "")
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"
    code = await get_code(company.api, client["clientId"], challenge)
    ok = await exchange(app, client, None, code, verifier)
    assert ok.status_code == 200, ok.text
    # A public client has no secret to send; a made-up one makes it no client at all.
    code = await get_code(company.api, client["clientId"], challenge)
    forged = await exchange(app, client, "made-up-secret", code, verifier)
    assert forged.status_code == 401 and forged.json()["error"] == "invalid_client"


async def test_code_is_single_use_and_reuse_revokes_its_tokens(company, new_client):
    client, secret = await make_app(company, ["core.user.read"])
    app = await new_client()
    verifier, challenge = pkce()
    code = await get_code(company.api, client["clientId"], challenge)
    first = await exchange(app, client, secret, code, verifier)
    assert first.status_code == 200
    tokens = first.json()
    assert "errors" not in await bearer(app, tokens["access_token"], "{ users { totalCount } }")
    again = await exchange(app, client, secret, code, verifier)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
    assert code_of(await bearer(app, tokens["access_token"], "{ users { totalCount } }")) == "UNAUTHENTICATED"
    assert (await refresh(app, client, secret, tokens["refresh_token"])).json()["error"] == "invalid_grant"


async def test_expired_code_is_refused(company, new_client, monkeypatch):
    from datetime import timedelta

    from backoffice.identity import oauth_apps

    client, secret = await make_app(company, ["core.user.read"])
    verifier, challenge = pkce()
    monkeypatch.setattr(oauth_apps, "CODE_TTL", timedelta(seconds=-1))
    code = await get_code(company.api, client["clientId"], challenge)
    monkeypatch.undo()
    expired = await exchange(await new_client(), client, secret, code, verifier)
    assert expired.status_code == 400 and expired.json()["error"] == "invalid_grant"
    assert "expired" in expired.json()["error_description"]
    # Long-expired codes are deleted when the company's next code is issued.
    monkeypatch.setattr(oauth_apps, "CODE_TTL", timedelta(days=-2))
    stale = await get_code(company.api, client["clientId"], challenge)
    monkeypatch.undo()
    await get_code(company.api, client["clientId"], challenge)
    gone = await exchange(await new_client(), client, secret, stale, verifier)
    assert gone.json() == {"error": "invalid_grant"}


async def test_scopes_limit_what_the_person_could_do(company, new_client):
    client, secret = await make_app(company, ["core.user.read", "core.role.read"])
    app = await new_client()
    tokens = await tokens_for(company, client, secret, scope="core.user.read")
    assert tokens["scope"] == "core.user.read"
    assert "errors" not in await bearer(app, tokens["access_token"], "{ users { totalCount } }")
    # The owner can read roles; this token cannot.
    assert "errors" not in await company.api.gql("{ roles { totalCount } }")
    assert code_of(await bearer(app, tokens["access_token"], "{ roles { totalCount } }")) == "FORBIDDEN"


async def test_persons_own_permissions_limit_the_token(company, new_client):
    client, secret = await make_app(company, ["core.user.read", "core.role.read"])
    member = await add_member(company, new_client, permissions=["core.user.read"])
    verifier, challenge = pkce()
    page = await consent(member.api, client["clientId"], challenge)
    assert "you do not have this permission yourself" in page.text
    params = redirect_params(await decide(member.api, page.text))
    app = await new_client()
    tokens = (await exchange(app, client, secret, params["code"], verifier)).json()
    assert tokens["scope"] == "core.role.read core.user.read"
    assert "errors" not in await bearer(app, tokens["access_token"], "{ users { totalCount } }")
    # In scope, but the person lacks it.
    assert code_of(await bearer(app, tokens["access_token"], "{ roles { totalCount } }")) == "FORBIDDEN"
    # The person loses their role: the token loses it at once.
    user_id = (await member.api.data("{ me { id } }"))["me"]["id"]
    assigned = await company.api.data(
        "mutation($i: AssignRolesInput!) { assignRoles(input: $i) { userErrors { code } } }",
        {"i": {"userId": user_id, "roleIds": []}})
    assert assigned["assignRoles"]["userErrors"] == []
    assert code_of(await bearer(app, tokens["access_token"], "{ users { totalCount } }")) == "FORBIDDEN"
    # Deactivated: the token and its refresh token stop working.
    deactivated = await company.api.data(
        "mutation($i: UserIdInput!) { deactivateUser(input: $i) { userErrors { code } } }",
        {"i": {"id": user_id}})
    assert deactivated["deactivateUser"]["userErrors"] == []
    assert code_of(await bearer(app, tokens["access_token"], "{ tenant { slug } }")) == "UNAUTHENTICATED"
    assert (await refresh(app, client, secret, tokens["refresh_token"])).json()["error"] == "invalid_grant"


async def test_refresh_rotation_and_reuse_detection(company, new_client):
    client, secret = await make_app(company, ["core.user.read", "core.role.read"])
    app = await new_client()
    first = await tokens_for(company, client, secret)
    second = await refresh(app, client, secret, first["refresh_token"])
    assert second.status_code == 200, second.text
    second = second.json()
    assert second["refresh_token"] != first["refresh_token"] and second["access_token"] != first["access_token"]
    assert second["scope"] == "core.role.read core.user.read"
    assert "errors" not in await bearer(app, second["access_token"], "{ roles { totalCount } }")
    # Narrower on refresh is allowed; wider is not.
    narrow = (await refresh(app, client, secret, second["refresh_token"], scope="core.user.read")).json()
    assert narrow["scope"] == "core.user.read"
    wider = await refresh(app, client, secret, narrow["refresh_token"], scope="core.audit.read")
    assert wider.status_code == 400 and wider.json()["error"] == "invalid_scope"
    # Only this client can use it.
    other, other_secret = await make_app(company, ["core.user.read"], name="Other app")
    stolen = await refresh(app, other, other_secret, narrow["refresh_token"])
    assert stolen.status_code == 400 and stolen.json()["error"] == "invalid_grant"
    latest = (await refresh(app, client, secret, narrow["refresh_token"])).json()
    assert "errors" not in await bearer(app, latest["access_token"], "{ users { totalCount } }")
    # An old refresh token comes back: the whole family is revoked.
    reused = await refresh(app, client, secret, first["refresh_token"])
    assert reused.status_code == 400 and reused.json()["error"] == "invalid_grant"
    assert code_of(await bearer(app, latest["access_token"], "{ users { totalCount } }")) == "UNAUTHENTICATED"
    assert (await refresh(app, client, secret, latest["refresh_token"])).json()["error"] == "invalid_grant"
    # Another authorization of the same app is another family, untouched.
    fresh = await tokens_for(company, client, secret)
    assert "errors" not in await bearer(app, fresh["access_token"], "{ users { totalCount } }")
    bad = await refresh(app, client, secret, "bor_not-a-token")
    assert bad.status_code == 400 and bad.json()["error"] == "invalid_grant"
    wrong_secret = await refresh(app, client, "nope", fresh["refresh_token"])
    assert wrong_secret.status_code == 401 and wrong_secret.json()["error"] == "invalid_client"


async def test_revocation_endpoint(company, new_client):
    client, secret = await make_app(company, ["core.user.read"])
    public, _ = await make_app(company, ["core.user.read"], kind="PUBLIC", name="Phone app")
    app = await new_client()
    # Revoking a refresh token stops the access tokens of the same grant.
    tokens = await tokens_for(company, client, secret)
    response = await revoke(app, client, secret, tokens["refresh_token"])
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
    assert code_of(await bearer(app, tokens["access_token"], "{ users { totalCount } }")) == "UNAUTHENTICATED"
    assert (await refresh(app, client, secret, tokens["refresh_token"])).json()["error"] == "invalid_grant"
    # Revoking an access token (a public client names itself).
    phone = await tokens_for(company, public, None)
    assert (await revoke(app, public, None, phone["access_token"])).status_code == 200
    assert code_of(await bearer(app, phone["access_token"], "{ users { totalCount } }")) == "UNAUTHENTICATED"
    assert (await refresh(app, public, None, phone["refresh_token"])).json()["error"] == "invalid_grant"
    # Another client's token is not touched; unknown tokens are answered alike.
    kept = await tokens_for(company, client, secret)
    assert (await revoke(app, public, None, kept["refresh_token"])).status_code == 200
    assert (await revoke(app, public, None, kept["access_token"])).status_code == 200
    assert (await revoke(app, client, secret, "no-such-token")).status_code == 200
    assert "errors" not in await bearer(app, kept["access_token"], "{ users { totalCount } }")
    wrong = await revoke(app, client, "wrong", kept["refresh_token"])
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    missing = await app.client.post("/oauth/revoke", data={"client_id": public["clientId"]}, headers=FORM)
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"
    assert "errors" not in await bearer(app, kept["access_token"], "{ users { totalCount } }")
    log = await company.api.data("{ auditLog { nodes { operation changes } } }")
    assert "revokeOAuthToken" in [e["operation"] for e in log["auditLog"]["nodes"]]
    assert kept["refresh_token"] not in json.dumps(log)


async def test_revocation_in_graphql(company, new_client):
    client, secret = await make_app(company, ["core.user.read"])
    other, other_secret = await make_app(company, ["core.user.read"], name="Calendar")
    app = await new_client()
    first = await tokens_for(company, client, secret)
    second = await tokens_for(company, client, secret)
    cal = await tokens_for(company, other, other_secret)
    apps = (await company.api.data(MY_APPS))["myAuthorizedApps"]
    assert sorted(a["name"] for a in apps) == ["Calendar", "Expense app"]
    mine = [a for a in apps if a["clientId"] == client["clientId"]][0]
    # A colleague cannot revoke it for the person.
    member = await add_member(company, new_client, permissions=["core.user.read"])
    assert (await member.api.data(MY_APPS))["myAuthorizedApps"] == []
    assert await member.api.error_code(REVOKE_APP, {"i": {"id": mine["id"]}}) == "NOT_FOUND"
    revoked = (await company.api.data(REVOKE_APP, {"i": {"id": mine["id"]}}))["revokeAppAuthorization"]
    assert revoked["userErrors"] == [] and revoked["authorizedApp"]["clientId"] == client["clientId"]
    for tokens in (first, second):
        assert code_of(await bearer(app, tokens["access_token"], "{ users { totalCount } }")) == "UNAUTHENTICATED"
        assert (await refresh(app, client, secret, tokens["refresh_token"])).json()["error"] == "invalid_grant"
    assert [a["name"] for a in (await company.api.data(MY_APPS))["myAuthorizedApps"]] == ["Calendar"]
    assert "errors" not in await bearer(app, cal["access_token"], "{ users { totalCount } }")
    log = await company.api.data("{ auditLog { nodes { operation } } }")
    assert "revokeAppAuthorization" in [e["operation"] for e in log["auditLog"]["nodes"]]
    # An admin revoking the client stops every person's tokens of it.
    revoked_client = await company.api.data(
        "mutation($i: RevokeOAuthClientInput!) { revokeOAuthClient(input: $i) { userErrors { code } } }",
        {"i": {"id": other["id"]}})
    assert revoked_client["revokeOAuthClient"]["userErrors"] == []
    assert code_of(await bearer(app, cal["access_token"], "{ users { totalCount } }")) == "UNAUTHENTICATED"
    assert (await refresh(app, other, other_secret, cal["refresh_token"])).json()["error"] == "invalid_client"
    assert (await company.api.data(MY_APPS))["myAuthorizedApps"] == []
    _, challenge = pkce()
    gone = await company.api.client.get(authorize_url(other["clientId"], challenge))
    assert gone.status_code == 400 and "location" not in gone.headers


async def test_company_boundaries(company, other_company, new_client):
    client, secret = await make_app(company, ["core.user.read"])
    theirs, theirs_secret = await make_app(other_company, ["core.user.read"], name="Their app")
    app = await new_client()
    tokens = await tokens_for(company, client, secret)
    their_user = (await other_company.api.data("{ me { id } }"))["me"]["id"]
    body = await bearer(app, tokens["access_token"], "query($id: ID!) { user(id: $id) { email } }",
                        {"id": their_user})
    assert code_of(body) == "NOT_FOUND"
    data = await bearer(app, tokens["access_token"], "{ tenant { slug } }")
    assert data["data"]["tenant"]["slug"] == company.slug
    # Only members of the app's company can authorize it.
    verifier, challenge = pkce()
    refused = await other_company.api.client.get(authorize_url(client["clientId"], challenge))
    assert refused.status_code == 403 and "location" not in refused.headers
    assert "not a member" in refused.text
    forged = await other_company.api.client.post("/oauth/authorize", headers=FORM, data={
        "response_type": "code", "client_id": client["clientId"], "redirect_uri": REDIRECT,
        "code_challenge": challenge, "code_challenge_method": "S256", "action": "approve",
        "csrf_token": "x"})
    assert forged.status_code == 403 and "location" not in forged.headers
    # A code of one company's app is worthless to another company's app (which cannot even
    # see it, so the code stays good for its own app).
    code = await get_code(company.api, client["clientId"], challenge)
    crossed = await exchange(app, theirs, theirs_secret, code, verifier)
    assert crossed.status_code == 400 and crossed.json()["error"] == "invalid_grant"
    assert (await exchange(app, client, secret, code, verifier)).status_code == 200


async def test_forms_need_their_csrf_token(company, new_client):
    client, _ = await make_app(company, ["core.user.read"])
    _, challenge = pkce()
    page = await consent(company.api, client["clientId"], challenge)
    for token in ("", "0" * 64, None):
        fields = hidden_inputs(page.text)
        if token is None:
            fields.pop("csrf_token")
        else:
            fields["csrf_token"] = token
        response = await company.api.client.post("/oauth/authorize", headers=FORM,
                                                 data={**fields, "action": "approve"})
        assert response.status_code == 403 and "location" not in response.headers
    # A token of another session does not work either.
    again = await add_member(company, new_client, role_keys=["owner"])
    theirs = await consent(again.api, client["clientId"], challenge)
    swapped = await decide(company.api, page.text, csrf_token=hidden_inputs(theirs.text)["csrf_token"])
    assert swapped.status_code == 403
    assert (await decide(company.api, page.text)).status_code == 303


async def test_log_in_on_the_authorization_page(company, new_client):
    client, secret = await make_app(company, ["core.user.read"])
    browser = await new_client()
    verifier, challenge = pkce()
    url = authorize_url(client["clientId"], challenge)
    page = await browser.client.get(url)
    assert page.status_code == 200 and 'name="password"' in page.text and "Approve" not in page.text
    fields = hidden_inputs(page.text)
    assert fields["action"] == "login"
    # Without the page's cookie (a form from another site) nothing happens.
    stranger = await new_client()
    cross = await stranger.client.post("/oauth/authorize", headers=FORM,
                                       data={**fields, "email": company.email, "password": PASSWORD})
    assert cross.status_code == 403 and "bo_session" not in cross.headers.get("set-cookie", "")
    wrong = await browser.client.post("/oauth/authorize", headers=FORM,
                                      data={**fields, "email": company.email, "password": "wrong"})
    assert wrong.status_code == 400 and "not right" in wrong.text
    logged = await browser.client.post("/oauth/authorize", headers=FORM,
                                       data={**fields, "email": company.email, "password": PASSWORD})
    assert logged.status_code == 303 and logged.headers["location"].startswith("/oauth/authorize?")
    page = await browser.client.get(logged.headers["location"])
    assert "Approve" in page.text
    params = redirect_params(await decide(browser, page.text))
    assert (await exchange(browser, client, secret, params["code"], verifier)).status_code == 200


async def test_client_kinds_keep_to_their_grants(company, new_client):
    app_client, app_secret = await make_app(company, ["core.user.read"])
    api = await new_client()
    basic = base64.b64encode(f"{app_client['clientId']}:{app_secret}".encode()).decode()
    cc = await api.client.post("/oauth/token", data={"grant_type": "client_credentials"},
                               headers={**FORM, "authorization": f"Basic {basic}"})
    assert cc.status_code == 400 and cc.json()["error"] == "unauthorized_client"
    service = (await company.api.data(CREATE, {"i": {"name": "Sync", "scopes": ["core.user.read"]}}))
    service_client = service["createOAuthClient"]["oauthClient"]
    assert service_client["kind"] == "SERVICE" and service_client["redirectUris"] == []
    service_secret = service["createOAuthClient"]["clientSecret"]
    basic = base64.b64encode(f"{service_client['clientId']}:{service_secret}".encode()).decode()
    as_app = await api.client.post("/oauth/token", data={"grant_type": "refresh_token", "refresh_token": "x"},
                                   headers={**FORM, "authorization": f"Basic {basic}"})
    assert as_app.status_code == 400 and as_app.json()["error"] == "unauthorized_client"
    _, challenge = pkce()
    page = await company.api.client.get(authorize_url(service_client["clientId"], challenge))
    assert page.status_code == 400 and "location" not in page.headers
    listing = await company.api.data("{ oauthClients { nodes { clientId kind redirectUris } } }")
    kinds = {n["clientId"]: n["kind"] for n in listing["oauthClients"]["nodes"]}
    assert kinds == {app_client["clientId"]: "CONFIDENTIAL", service_client["clientId"]: "SERVICE"}
    # An app may list scopes its creator does not hold: each person's own rights bound it.
    integrator = await add_member(company, new_client, permissions=["core.oauth_client.manage"])
    created = await integrator.api.data(CREATE, {"i": {"name": "HR app", "scopes": ["core.user.read"],
                                                       "kind": "PUBLIC", "redirectUris": [REDIRECT]}})
    assert created["createOAuthClient"]["userErrors"] == []

