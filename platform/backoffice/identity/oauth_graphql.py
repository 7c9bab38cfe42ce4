"""GraphQL for a company's OAuth2 clients (integrations): list, create, revoke.

The secret appears once, in the payload of ``createOAuthClient``; no field ever returns it
again, and the audit entry records only the mutation's input.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from backoffice.graphql.fields import Payload, field, mutation
from backoffice.graphql.ids import decode_id, encode_id
from backoffice.graphql.relay import Connection, paginate
from backoffice.identity import oauth_service as service
from backoffice.identity.tables import OAuthClient as ClientTable


@strawberry.type(description="An integration's credentials. The secret is never shown again.")
class OAuthClient:
    id: strawberry.ID
    client_id: str
    name: str
    scopes: list[str]
    created_at: datetime
    revoked_at: datetime | None

    @classmethod
    def of(cls, r: dict[str, Any]) -> OAuthClient:
        return cls(id=encode_id("OAuthClient", r["id"]), client_id=r["client_id"], name=r["name"],
                   scopes=service.scopes_of(r), created_at=r["created_at"], revoked_at=r["revoked_at"])


@strawberry.input
class CreateOAuthClientInput:
    name: str
    scopes: list[str]


@strawberry.input
class RevokeOAuthClientInput:
    id: strawberry.ID


@strawberry.type
class CreateOAuthClientPayload(Payload):
    oauth_client: OAuthClient | None = None
    client_secret: str | None = strawberry.field(default=None, description="Shown this once.")


@strawberry.type
class RevokeOAuthClientPayload(Payload):
    oauth_client: OAuthClient | None = None


COLUMNS = (ClientTable.id, ClientTable.client_id, ClientTable.name, ClientTable.scopes,
           ClientTable.created_at, ClientTable.revoked_at)


@strawberry.type
class OAuthQuery:
    @field("core.oauth_client.manage", description="The company's API clients.")
    async def oauth_clients(self, first: int | None = 20,
                            after: str | None = None) -> Connection[OAuthClient]:
        return await paginate(ClientTable, node=OAuthClient.of, first=first, after=after,
                              columns=COLUMNS)


@strawberry.type
class OAuthMutation:
    @mutation("core.oauth_client.manage",
              description="Create API credentials with the given scopes (permissions you hold).")
    async def create_o_auth_client(self, info: strawberry.Info,
                                   input: CreateOAuthClientInput) -> CreateOAuthClientPayload:
        pk, secret = await service.create_client(info.context.actor, input.name, input.scopes)
        return CreateOAuthClientPayload(oauth_client=OAuthClient.of(await service.get_client(pk)),
                                        client_secret=secret)

    @mutation("core.oauth_client.manage", description="Stop a client's tokens at once.")
    async def revoke_o_auth_client(self, input: RevokeOAuthClientInput) -> RevokeOAuthClientPayload:
        pk = decode_id(input.id, "OAuthClient")
        await service.revoke_client(pk)
        return RevokeOAuthClientPayload(oauth_client=OAuthClient.of(await service.get_client(pk)))
