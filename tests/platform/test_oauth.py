"""OAuth2 client credentials end to end: create a client, get a token, use it on /graphql,
revoke it; and every way of crossing the walls around it."""

from __future__ import annotations

import base64
import json
import os
import secrets
import subprocess
import sys
from typing import Any

from helpers import PASSWORD, disable, enable, log_in, unique_email

CREATE = """mutation($i: CreateOAuthClientInput!) { createOAuthClient(input: $i) {
  oauthClient { id clientId name scopes createdAt revokedAt } clientSecret
  userErrors { field code message } } }"""
REVOKE = """mutation($i: RevokeOAuthClientInput!) { revokeOAuthClient(input: $i) {
  oauthClient { id revokedAt } userErrors { code } } }"""
LIST = "{ oauthClients { totalCount nodes { id clientId name scopes createdAt revokedAt } } }"


async def make_client(company: Any, scopes: list[str], name: str = "Bank sync") -> tuple[dict[str, Any], str]:
    data = await company.api.data(CREATE, {"i": {"name": name, "scopes": scopes}})
    payload = data["createOAuthClient"]
    assert payload["userErrors"] == [], payload
    return payload["oauthClient"], payload["clientSecret"]


def basic(client_id: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()


async def token(api: Any, client_id: str, secret: str, scope: str | None = None, *,
                use_basic: bool = True, **extra: str) -> Any:
    form = {"grant_type": "client_credentials", **extra}
    if scope is not None:
        form["scope"] = scope
    headers = {"content-type": "application/x-www-form-urlencoded"}
    if use_basic:
        headers["authorization"] = basic(client_id, secret)
    else:
        form.update(client_id=client_id, client_secret=secret)
    return await api.client.post("/oauth/token", data=form, headers=headers)


async def access_token(api: Any, client_id: str, secret: str, scope: str | None = None) -> str:
    response = await token(api, client_id, secret, scope)
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


async def bearer(api: Any, access: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    response = await api.client.post("/graphql", json={"query": query, "variables": variables or {}},
                                     headers={"authorization": f"Bearer {access}"})
    return response.json()


def code_of(body: dict[str, Any]) -> str:
    assert body.get("errors"), body
    return body["errors"][0]["extensions"]["code"]


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def claims_of(access: str) -> dict[str, Any]:
    return json.loads(base64.urlsafe_b64decode(access.split(".")[1] + "=="))


async def colleague(company: Any, new_client: Any, permissions: list[str]) -> Any:
    """A colleague holding exactly ``permissions``, set up by the owner through the public role
    management API (createUser, createRole, assignRoles), logged in with a client of their own."""
    email = unique_email("colleague")
    user = (await company.api.data(
        "mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } userErrors { code } } }",
        {"i": {"email": email, "fullName": "Colleague", "password": PASSWORD}}))["createUser"]
    role = (await company.api.data(
        "mutation($i: CreateRoleInput!) { createRole(input: $i) { role { id } userErrors { code } } }",
        {"i": {"name": f"Role {secrets.token_hex(3)}", "permissions": permissions}}))["createRole"]
    assigned = (await company.api.data(
        "mutation($i: AssignRolesInput!) { assignRoles(input: $i) { userErrors { code } } }",
        {"i": {"userId": user["user"]["id"], "roleIds": [role["role"]["id"]]}}))["assignRoles"]
    assert user["userErrors"] == role["userErrors"] == assigned["userErrors"] == []
    api = await new_client()
    assert (await log_in(api, email, tenant_slug=company.slug))["userErrors"] == []
    return api


async def test_client_credentials_flow(company, new_client):
    client, secret = await make_client(company, ["core.user.read", "core.role.read"])
    assert client["clientId"].startswith("bo_") and client["revokedAt"] is None and client["createdAt"]
    assert client["scopes"] == ["core.role.read", "core.user.read"] and len(secret) >= 40
    listing = await company.api.data(LIST)
    assert listing["oauthClients"]["totalCount"] == 1
    assert listing["oauthClients"]["nodes"][0] == client
    assert secret not in json.dumps(listing)
    integration = await new_client()
    for use_basic in (True, False):
        response = await token(integration, client["clientId"], secret, use_basic=use_basic)
        assert response.status_code == 200, response.text
        body = response.json()
        assert set(body) == {"access_token", "token_type", "expires_in", "scope"}
        assert body["token_type"] == "Bearer" and body["scope"] == "core.role.read core.user.read"
        assert body["expires_in"] == 3600
        assert response.headers["cache-control"] == "no-store"
        claims = claims_of(body["access_token"])
        assert claims["exp"] - claims["iat"] == 3600
    access = body["access_token"]
    data = await bearer(integration, access, "{ tenant { slug } users { totalCount } roles { totalCount } }")
    assert "errors" not in data, data
    assert data["data"]["tenant"]["slug"] == company.slug and data["data"]["users"]["totalCount"] == 1
    # Outside the scopes, even though the owner who made the client holds them.
    assert code_of(await bearer(integration, access, "{ auditLog { totalCount } }")) == "FORBIDDEN"
    assert code_of(await bearer(integration, access, LIST)) == "FORBIDDEN"
    # A narrower token: only what was asked for.
    narrow = await token(integration, client["clientId"], secret, scope="core.user.read")
    assert narrow.json()["scope"] == "core.user.read"
    narrow_access = narrow.json()["access_token"]
    assert "errors" not in await bearer(integration, narrow_access, "{ users { totalCount } }")
    assert code_of(await bearer(integration, narrow_access, "{ roles { totalCount } }")) == "FORBIDDEN"


async def test_scopes_follow_the_enabled_modules(company, new_client):
    wanted = {"i": {"name": "HR sync", "scopes": ["hr.employee.read"]}}
    refused = (await company.api.data(CREATE, wanted))["createOAuthClient"]
    assert refused["clientSecret"] is None and refused["oauthClient"] is None
    assert refused["userErrors"][0]["code"] == "BAD_USER_INPUT"
    assert refused["userErrors"][0]["field"] == ["input", "scopes"]
    for scopes in (["hr.salary.steal"], []):
        bad = (await company.api.data(CREATE, {"i": {"name": "x", "scopes": scopes}}))["createOAuthClient"]
        assert bad["userErrors"][0]["field"] == ["input", "scopes"]
    assert (await company.api.data(LIST))["oauthClients"]["totalCount"] == 0
    await enable(company.api, "hr")
    client, secret = await make_client(company, ["hr.employee.read"])
    integration = await new_client()
    access = await access_token(integration, client["clientId"], secret)
    assert "errors" not in await bearer(integration, access, "{ employees { totalCount } }")
    # The module off: its scope grants nothing any more.
    await disable(company.api, "hr")
    assert code_of(await bearer(integration, access, "{ employees { totalCount } }")) == "MODULE_DISABLED"


async def test_token_is_bound_to_its_company(company, other_company, new_client):
    client, secret = await make_client(company, ["core.user.read", "core.oauth_client.manage"])
    theirs_client, theirs_secret = await make_client(other_company, ["core.user.read"])
    integration = await new_client()
    access = await access_token(integration, client["clientId"], secret)
    theirs = (await other_company.api.data("{ me { id } }"))["me"]["id"]
    body = await bearer(integration, access, "query($id: ID!) { user(id: $id) { email } }", {"id": theirs})
    assert code_of(body) == "NOT_FOUND"
    listing = await bearer(integration, access, LIST)
    assert [n["clientId"] for n in listing["data"]["oauthClients"]["nodes"]] == [client["clientId"]]
    # Neither the token nor the other company's owner can touch a client across the wall.
    assert code_of(await bearer(integration, access, REVOKE, {"i": {"id": theirs_client["id"]}})) == "NOT_FOUND"
    assert await other_company.api.error_code(REVOKE, {"i": {"id": client["id"]}}) == "NOT_FOUND"
    assert [n["clientId"] for n in (await other_company.api.data(LIST))["oauthClients"]["nodes"]] == [
        theirs_client["clientId"]]
    assert "errors" not in await bearer(integration, access, "{ tenant { slug } }")
    assert await access_token(integration, theirs_client["clientId"], theirs_secret)
    # One company's client id with the other's secret is no client at all.
    mixed = await token(integration, client["clientId"], theirs_secret)
    assert mixed.status_code == 401 and mixed.json()["error"] == "invalid_client"


async def test_bad_tokens_are_anonymous(company, new_client):
    from joserfc import jwt
    from joserfc.jwk import OctKey

    from backoffice.identity import tokens

    client, secret = await make_client(company, ["core.user.read"])
    access = await access_token(await new_client(), client["clientId"], secret)
    header, claims, signature = access.split(".")
    decoded = claims_of(access)
    tampered = header + "." + b64(json.dumps({**decoded, "tid": decoded["tid"] + 1}).encode()) + "." + signature
    none_alg = b64(b'{"alg":"none","typ":"JWT"}') + "." + claims + "."
    other_key = jwt.encode({"alg": "HS256"}, decoded, OctKey.generate_key(256), algorithms=["HS256"])
    expired, _ = tokens.issue(client["clientId"], decoded["tid"], ["core.user.read"], ttl=-60)
    for bad in (tampered, none_alg, other_key, expired, "not-a-token", access[:-3] + "abc", ""):
        body = await bearer(await new_client(), bad, "{ tenant { slug } }")
        assert code_of(body) == "UNAUTHENTICATED", bad
    assert "errors" not in await bearer(await new_client(), access, "{ tenant { slug } }")


async def test_revoked_client_stops_at_once(company, new_client):
    client, secret = await make_client(company, ["core.user.read"])
    integration = await new_client()
    access = await access_token(integration, client["clientId"], secret)
    assert "errors" not in await bearer(integration, access, "{ tenant { slug } }")
    revoked = (await company.api.data(REVOKE, {"i": {"id": client["id"]}}))["revokeOAuthClient"]
    assert revoked["userErrors"] == [] and revoked["oauthClient"]["revokedAt"]
    assert code_of(await bearer(integration, access, "{ tenant { slug } }")) == "UNAUTHENTICATED"
    again = await token(integration, client["clientId"], secret)
    assert again.status_code == 401 and again.json()["error"] == "invalid_client"
    listing = (await company.api.data(LIST))["oauthClients"]["nodes"]
    assert listing[0]["revokedAt"] == revoked["oauthClient"]["revokedAt"]


async def test_token_endpoint_errors(company, new_client):
    client, secret = await make_client(company, ["core.user.read"])
    api = await new_client()
    for use_basic in (True, False):
        wrong = await token(api, client["clientId"], "wrong-secret", use_basic=use_basic)
        assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
        assert wrong.headers["www-authenticate"].startswith("Basic")
        assert wrong.headers["cache-control"] == "no-store"
        assert "access_token" not in wrong.json()
    unknown = await token(api, "bo_nobody", "x")
    assert unknown.status_code == 401 and unknown.json()["error"] == "invalid_client"
    anonymous = await api.client.post("/oauth/token", data={"grant_type": "client_credentials"})
    assert anonymous.status_code == 401 and anonymous.json()["error"] == "invalid_client"
    for scope in ("core.audit.read", "core.user.read core.audit.read", "made.up.scope"):
        response = await token(api, client["clientId"], secret, scope=scope)
        assert response.status_code == 400 and response.json()["error"] == "invalid_scope", scope
    auth = {"authorization": basic(client["clientId"], secret)}
    grant = await api.client.post("/oauth/token", data={"grant_type": "password", "username": "x"}, headers=auth)
    assert grant.status_code == 400 and grant.json()["error"] == "unsupported_grant_type"
    missing = await api.client.post("/oauth/token", data={"scope": "core.user.read"}, headers=auth)
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"
    as_json = await api.client.post("/oauth/token", json={"grant_type": "client_credentials"}, headers=auth)
    assert as_json.status_code == 400 and as_json.json()["error"] == "invalid_request"
    repeated = await api.client.post(
        "/oauth/token", content="grant_type=client_credentials&scope=a&scope=b",
        headers={**auth, "content-type": "application/x-www-form-urlencoded"})
    assert repeated.status_code == 400 and repeated.json()["error"] == "invalid_request"
    # A repeated parameter whose name is not printable ASCII (found by the fuzzer: the error
    # description quoted it, which RFC 6749 forbids, and the answer was a 500).
    odd = await api.client.post(
        "/oauth/token", content="%1A%F2%AC%AB%B0=1&%1A%F2%AC%AB%B0=2&grant_type=client_credentials",
        headers={**auth, "content-type": "application/x-www-form-urlencoded"})
    assert odd.status_code == 400 and odd.json()["error"] == "invalid_request", odd.text
    assert "repeated" in odd.json()["error_description"]
    # A NUL character, which no text column of PostgreSQL can hold (also found by the fuzzer).
    nul = await api.client.post(
        "/oauth/token", content="grant_type=client_credentials&client_id=a%00b&client_secret=x",
        headers={"content-type": "application/x-www-form-urlencoded"})
    assert nul.status_code == 400 and nul.json()["error"] == "invalid_request", nul.text
    both = await token(api, client["clientId"], secret, client_secret=secret)
    assert both.status_code == 400 and both.json()["error"] == "invalid_request"
    assert (await api.client.get("/oauth/token")).status_code == 405
    # After all that, the right credentials still work.
    assert await access_token(api, client["clientId"], secret)


async def test_failed_client_authentication_is_throttled(company, new_client):
    from backoffice.settings import get_settings

    client, secret = await make_client(company, ["core.user.read"])
    attacker, integration = await new_client(), await new_client()
    for _ in range(10):
        assert (await token(attacker, client["clientId"], "guess")).status_code == 401
    for api in (attacker, integration):  # per client, from any address
        slowed = await token(api, client["clientId"], secret)
        assert slowed.status_code == 429 and slowed.json()["error"] == "slow_down"
        assert int(slowed.headers["retry-after"]) > 0
    other, other_secret = await make_client(company, ["core.user.read"], name="Payroll export")
    assert await access_token(integration, other["clientId"], other_secret)
    # Per address: spraying client ids from one address stops that address only.
    sprayer = await new_client()
    for _ in range(get_settings().login_max_failures_per_address):
        assert (await token(sprayer, f"bo_{secrets.token_hex(6)}", "guess")).status_code == 401
    assert (await token(sprayer, other["clientId"], other_secret)).status_code == 429
    assert await access_token(await new_client(), other["clientId"], other_secret)


async def test_managing_clients_needs_the_permission(company, new_client):
    reader = await colleague(company, new_client, ["core.user.read"])
    client, _ = await make_client(company, ["core.user.read"])
    assert await reader.error_code(CREATE, {"i": {"name": "x", "scopes": ["core.user.read"]}}) == "FORBIDDEN"
    assert await reader.error_code(LIST) == "FORBIDDEN"
    assert await reader.error_code(REVOKE, {"i": {"id": client["id"]}}) == "FORBIDDEN"
    assert (await company.api.data(LIST))["oauthClients"]["nodes"][0]["revokedAt"] is None


async def test_creator_cannot_grant_what_they_do_not_hold(company, new_client):
    integrator = await colleague(company, new_client, ["core.oauth_client.manage"])
    for scopes in (["core.audit.read"], ["core.oauth_client.manage", "core.user.read"]):
        assert await integrator.error_code(CREATE, {"i": {"name": "x", "scopes": scopes}}) == "FORBIDDEN"
    assert (await company.api.data(LIST))["oauthClients"]["totalCount"] == 0
    own = (await integrator.data(CREATE, {"i": {"name": "Mine", "scopes": ["core.oauth_client.manage"]}}))
    assert own["createOAuthClient"]["userErrors"] == []
    # A token cannot mint a client wider than itself either.
    created = own["createOAuthClient"]
    api = await new_client()
    access = await access_token(api, created["oauthClient"]["clientId"], created["clientSecret"])
    assert code_of(await bearer(api, access, CREATE, {"i": {"name": "y", "scopes": ["core.user.read"]}})) == "FORBIDDEN"


async def test_suspended_company_gets_no_tokens(company, new_client):
    client, secret = await make_client(company, ["core.user.read"])
    integration = await new_client()
    access = await access_token(integration, client["clientId"], secret)
    env = os.environ.copy()

    def cli(*args: str) -> None:
        result = subprocess.run([sys.executable, "-m", "backoffice.cli", "tenants", *args],  # noqa: S603
                                capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr

    cli("suspend", company.slug)
    try:
        assert code_of(await bearer(integration, access, "{ tenant { slug } }")) == "UNAUTHENTICATED"
        refused = await token(integration, client["clientId"], secret)
        assert refused.status_code == 401 and refused.json()["error"] == "invalid_client"
    finally:
        cli("resume", company.slug)
    assert "errors" not in await bearer(integration, access, "{ tenant { slug } }")
    assert await access_token(integration, client["clientId"], secret)


async def test_secret_never_reaches_the_audit_log(company):
    client, secret = await make_client(company, ["core.user.read"])
    await company.api.data(REVOKE, {"i": {"id": client["id"]}})
    log = await company.api.data("{ auditLog { nodes { operation changes targetIds } } }")
    operations = [e["operation"] for e in log["auditLog"]["nodes"]]
    assert "createOAuthClient" in operations and "revokeOAuthClient" in operations
    assert secret not in json.dumps(log)
    # Nor the hash of it.
    assert "argon2" not in json.dumps(log)
