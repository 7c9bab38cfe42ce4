"""OAuth2 client credentials end to end: create a client, get a token, use it, revoke it."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys

from helpers import add_member

CREATE = """mutation($i: CreateOAuthClientInput!) { createOAuthClient(input: $i) {
  oauthClient { id clientId scopes revokedAt } clientSecret userErrors { field code message } } }"""


async def make_client(company, scopes):  # type: ignore[no-untyped-def]
    data = await company.api.data(CREATE, {"i": {"name": "Bank sync", "scopes": scopes}})
    payload = data["createOAuthClient"]
    assert payload["userErrors"] == [], payload
    return payload["oauthClient"], payload["clientSecret"]


async def token(api, client_id, secret, scope=None, basic=True):  # type: ignore[no-untyped-def]
    form = {"grant_type": "client_credentials"}
    if scope is not None:
        form["scope"] = scope
    headers = {"content-type": "application/x-www-form-urlencoded"}
    if basic:
        headers["authorization"] = "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    else:
        form.update(client_id=client_id, client_secret=secret)
    return await api.client.post("/oauth/token", data=form, headers=headers)


async def bearer(api, access_token, query, variables=None):  # type: ignore[no-untyped-def]
    response = await api.client.post("/graphql", json={"query": query, "variables": variables or {}},
                                     headers={"authorization": f"Bearer {access_token}"})
    return response.json()


async def test_client_credentials_flow(company, new_client):
    client, secret = await make_client(company, ["core.user.read"])
    listing = await company.api.data("{ oauthClients { nodes { clientId scopes } } }")
    assert listing["oauthClients"]["nodes"] == [{"clientId": client["clientId"], "scopes": ["core.user.read"]}]
    assert secret not in json.dumps(listing)
    integration = await new_client()
    for basic in (True, False):
        response = await token(integration, client["clientId"], secret, basic=basic)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["token_type"] == "Bearer" and body["scope"] == "core.user.read"
        assert response.headers["cache-control"] == "no-store"
    access = body["access_token"]
    data = await bearer(integration, access, "{ tenant { slug } users { totalCount } }")
    assert data["data"]["tenant"]["slug"] == company.slug
    assert data["data"]["users"]["totalCount"] == 1
    denied = await bearer(integration, access, "{ auditLog { totalCount } }")
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_token_is_bound_to_its_company(company, other_company, new_client):
    client, secret = await make_client(company, ["core.user.read"])
    access = (await token(await new_client(), client["clientId"], secret)).json()["access_token"]
    theirs = (await other_company.api.data("{ me { id } }"))["me"]["id"]
    body = await bearer(await new_client(), access, "query($id: ID!) { user(id: $id) { email } }", {"id": theirs})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_bad_tokens_are_anonymous(company, new_client):
    client, secret = await make_client(company, ["core.user.read"])
    access = (await token(await new_client(), client["clientId"], secret)).json()["access_token"]
    header, claims, signature = access.split(".")
    forged_claims = json.loads(base64.urlsafe_b64decode(claims + "=="))
    forged_claims["tid"] = forged_claims["tid"] + 1
    forged = header + "." + base64.urlsafe_b64encode(json.dumps(forged_claims).encode()).decode().rstrip("=") + "." + signature
    none_alg = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').decode().rstrip("=") + "." + claims + "."
    for bad in (forged, none_alg, "not-a-token", access[:-3] + "abc"):
        body = await bearer(await new_client(), bad, "{ tenant { slug } }")
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", bad


async def test_revoked_client_stops_at_once(company, new_client):
    client, secret = await make_client(company, ["core.user.read"])
    integration = await new_client()
    access = (await token(integration, client["clientId"], secret)).json()["access_token"]
    await company.api.data("mutation($i: RevokeOAuthClientInput!) { revokeOAuthClient(input: $i) { oauthClient { revokedAt } } }",
                           {"i": {"id": client["id"]}})
    body = await bearer(integration, access, "{ tenant { slug } }")
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    again = await token(integration, client["clientId"], secret)
    assert again.status_code == 401 and again.json()["error"] == "invalid_client"


async def test_token_endpoint_errors(company, new_client):
    client, secret = await make_client(company, ["core.user.read"])
    api = await new_client()
    wrong = await token(api, client["clientId"], "wrong-secret")
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    assert "www-authenticate" in wrong.headers
    scope = await token(api, client["clientId"], secret, scope="core.audit.read")
    assert scope.status_code == 400 and scope.json()["error"] == "invalid_scope"
    grant = await api.client.post("/oauth/token", data={"grant_type": "password", "username": "x"},
                                  headers={"authorization": "Basic " + base64.b64encode(
                                      f"{client['clientId']}:{secret}".encode()).decode()})
    assert grant.status_code == 400 and grant.json()["error"] == "unsupported_grant_type"
    unknown = await token(api, "bo_nobody", "x")
    assert unknown.status_code == 401


async def test_clients_need_permission_and_cannot_escalate(company, new_client):
    reader = await add_member(company, new_client, permissions=["core.user.read"])
    assert await reader.api.error_code(CREATE, {"i": {"name": "x", "scopes": []}}) == "FORBIDDEN"
    integrator = await add_member(company, new_client, permissions=["core.oauth_client.manage"])
    assert await integrator.api.error_code(CREATE, {"i": {"name": "x", "scopes": ["core.audit.read"]}}) == "FORBIDDEN"
    bad = await company.api.data(CREATE, {"i": {"name": "x", "scopes": ["hr.salary.steal"]}})
    assert bad["createOAuthClient"]["userErrors"][0]["field"] == ["input", "scopes"]


async def test_suspended_company_gets_no_tokens(company, new_client):
    client, secret = await make_client(company, ["core.user.read"])
    integration = await new_client()
    access = (await token(integration, client["clientId"], secret)).json()["access_token"]
    env = os.environ.copy()
    subprocess.run([sys.executable, "-m", "backoffice.cli", "tenants", "suspend", company.slug],
                   check=True, capture_output=True, env=env)
    try:
        body = await bearer(integration, access, "{ tenant { slug } }")
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        refused = await token(integration, client["clientId"], secret)
        assert refused.status_code == 401
    finally:
        subprocess.run([sys.executable, "-m", "backoffice.cli", "tenants", "resume", company.slug],
                       check=True, capture_output=True, env=env)
    assert (await token(integration, client["clientId"], secret)).status_code == 200


async def test_secret_never_reaches_the_audit_log(company):
    _, secret = await make_client(company, ["core.user.read"])
    log = await company.api.data("{ auditLog { nodes { operation changes } } }")
    assert "createOAuthClient" in [e["operation"] for e in log["auditLog"]["nodes"]]
    assert secret not in json.dumps(log)
