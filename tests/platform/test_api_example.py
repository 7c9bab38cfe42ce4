"""The integrators' example client (docs/api/examples/sync_users.py) runs against the API as
published: a token by client credentials, then every page of ``users`` through ``gql``."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import httpx

from helpers import PASSWORD, unique_email

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "api" / "examples" / "sync_users.py"


def load_example():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("sync_users_example", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def test_the_example_client_copies_every_user_across_pages(app, company, other_company):
    emails = {unique_email("synced") for _ in range(4)}
    for email in emails:
        created = await company.api.data(
            "mutation($i: CreateUserInput!) { createUser(input: $i) { userErrors { code } } }",
            {"i": {"email": email, "fullName": "Synced", "password": PASSWORD}})
        assert created["createUser"]["userErrors"] == []
    made = (await company.api.data(
        "mutation($i: CreateOAuthClientInput!) { createOAuthClient(input: $i) { "
        "oauthClient { clientId } clientSecret userErrors { code } } }",
        {"i": {"name": "Directory sync", "scopes": ["core.user.read"]}}))["createOAuthClient"]
    assert made["userErrors"] == []
    example = load_example()
    transport = httpx.ASGITransport(app=app, client=("10.9.9.9", 40000))
    seen = [user async for user in example.users("http://testserver", made["oauthClient"]["clientId"],
                                                 made["clientSecret"], page_size=2, transport=transport)]
    # Five users (the owner and four colleagues) over three pages, none twice, none of the
    # other company's.
    assert len(seen) == 5 and len({u["id"] for u in seen}) == 5
    assert emails <= {u["email"] for u in seen} and company.email in {u["email"] for u in seen}
    assert other_company.email not in {u["email"] for u in seen}
    # A wrong secret is refused at the token endpoint.
    try:
        [u async for u in example.users("http://testserver", made["oauthClient"]["clientId"], "wrong",
                                         transport=transport)]
    except httpx.HTTPStatusError as error:
        assert error.response.status_code == 401
    else:
        raise AssertionError("a wrong client secret was accepted")
