"""Copy a company's users out of Backoffice: a complete integration in one file.

It gets an access token with the OAuth2 client-credentials grant, pages through the ``users``
connection with the public ``gql`` client, waits when the API says the rate limit is used up,
and prints one JSON object per user.

    pip install 'gql[httpx]>=4.0'
    export BACKOFFICE_URL=http://127.0.0.1:8000
    export BACKOFFICE_CLIENT_ID=bo_...  BACKOFFICE_CLIENT_SECRET=...
    python sync_users.py > users.jsonl

The client needs the scope ``core.user.read`` (create it under Settings, API clients, or with
the ``createOAuthClient`` mutation).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator
from typing import Any

import httpx
from gql import Client, GraphQLRequest, gql
from gql.transport.exceptions import TransportQueryError, TransportServerError
from gql.transport.httpx import HTTPXAsyncTransport

RETRY_AFTER_SECONDS = 60

USERS = gql("""
query Users($first: Int!, $after: String) {
  users(first: $first, after: $after) {
    nodes { id email fullName isActive }
    pageInfo { hasNextPage endCursor }
  }
}
""")


async def access_token(base_url: str, client_id: str, client_secret: str, **httpx_options: Any) -> str:
    """A token from ``/oauth/token`` (RFC 6749, section 4.4)."""
    async with httpx.AsyncClient(base_url=base_url, **httpx_options) as http:
        response = await http.post("/oauth/token", auth=(client_id, client_secret),
                                   data={"grant_type": "client_credentials", "scope": "core.user.read"})
        response.raise_for_status()
        return str(response.json()["access_token"])


async def users(base_url: str, client_id: str, client_secret: str, *, page_size: int = 100,
                **httpx_options: Any) -> AsyncIterator[dict[str, Any]]:
    """Every user of the client's company, page by page (keyset cursors: safe while rows change)."""
    token = await access_token(base_url, client_id, client_secret, **httpx_options)
    transport = HTTPXAsyncTransport(url=f"{base_url}/graphql",
                                    headers={"authorization": f"Bearer {token}"}, **httpx_options)
    async with Client(transport=transport, fetch_schema_from_transport=False) as session:
        after = None
        while True:
            try:
                page_request = GraphQLRequest(USERS, variable_values={"first": page_size, "after": after})
                result = await session.execute(page_request)
            except TransportServerError as error:
                # Over the rate limit: HTTP 429 (docs/api/rate-limits.md). Wait, then ask again.
                if error.code == 429:
                    await asyncio.sleep(RETRY_AFTER_SECONDS)
                    continue
                raise
            except TransportQueryError as error:
                # Any other error carries a stable extensions.code (docs/api/errors.md).
                code = (error.errors or [{}])[0].get("extensions", {}).get("code")
                raise SystemExit(f"Backoffice refused the query: {code}: {error}") from error
            page = result["users"]
            for node in page["nodes"]:
                yield node
            if not page["pageInfo"]["hasNextPage"]:
                return
            after = page["pageInfo"]["endCursor"]


async def main() -> None:
    base_url = os.environ.get("BACKOFFICE_URL", "http://127.0.0.1:8000")
    async for user in users(base_url, os.environ["BACKOFFICE_CLIENT_ID"],
                            os.environ["BACKOFFICE_CLIENT_SECRET"]):
        sys.stdout.write(json.dumps(user) + "\n")


if __name__ == "__main__":
    asyncio.run(main())
