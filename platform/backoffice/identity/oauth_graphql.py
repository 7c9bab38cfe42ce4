"""GraphQL for a company's OAuth2 clients (integrations and apps): list, create, revoke; and
for a person, the apps they authorized to act for them, each of which they can revoke.

The secret appears once, in the payload of ``createOAuthClient``; no field ever returns it
again, and the audit entry records only the mutation's input.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

import strawberry

from backoffice.errors import Forbidden
from backoffice.graphql.fields import Payload, field, mutation
from backoffice.graphql.ids import decode_id, encode_id
from backoffice.graphql.relay import Connection, paginate
from backoffice.identity import oauth_apps
from backoffice.identity import oauth_service as service
from backoffice.identity.tables import OAuthClient as ClientTable


@strawberry.enum(description="How a client gets tokens.")
class OAuthClientKind(enum.Enum):
    SERVICE = strawberry.enum_value(
        "service", description="Client credentials: acts as itself, with its scopes.")
    CONFIDENTIAL = strawberry.enum_value(
        "confidential", description="An app with a secret, acting for the people who authorize "
                                    "it (authorization code with PKCE).")
    PUBLIC = strawberry.enum_value(
        "public", description="An app without a secret (mobile, desktop, single-page), acting for "
                              "the people who authorize it (authorization code with PKCE).")


@strawberry.type(description="An integration's credentials. The secret is never shown again.")
class OAuthClient:
    id: strawberry.ID
    client_id: str
    name: str
    kind: OAuthClientKind
    scopes: list[str]
    redirect_uris: list[str]
    created_at: datetime
    revoked_at: datetime | None

    @classmethod
    def of(cls, r: dict[str, Any]) -> OAuthClient:
        return cls(id=encode_id("OAuthClient", r["id"]), client_id=r["client_id"], name=r["name"],
                   kind=OAuthClientKind(r.get("kind") or "service"), scopes=service.scopes_of(r),
                   redirect_uris=oauth_apps.loads(r.get("redirect_uris")),
                   created_at=r["created_at"], revoked_at=r["revoked_at"])


@strawberry.input
class CreateOAuthClientInput:
    name: str
    scopes: list[str]
    kind: OAuthClientKind = OAuthClientKind.SERVICE
    redirect_uris: list[str] | None = strawberry.field(
        default=None, description="Apps only: where people are sent back (exact match; https, "
                                  "or http on 127.0.0.1 or [::1] with any port).")


@strawberry.type(description="An app you allowed to act for you in this company.")
class AuthorizedApp:
    id: strawberry.ID
    client_id: str
    name: str
    scopes: list[str] = strawberry.field(
        description="What you allowed; the app never gets more than your own permissions.")
    authorized_at: datetime

    @classmethod
    def of(cls, r: dict[str, Any]) -> AuthorizedApp:
        return cls(id=encode_id("AuthorizedApp", r["id"]), client_id=r["client_id"], name=r["name"],
                   scopes=r["scopes"], authorized_at=r["authorized_at"])


@strawberry.input
class RevokeAppAuthorizationInput:
    id: strawberry.ID


@strawberry.type
class RevokeAppAuthorizationPayload(Payload):
    authorized_app: AuthorizedApp | None = None


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
           ClientTable.created_at, ClientTable.revoked_at, ClientTable.kind,
           ClientTable.redirect_uris)


def _own_session(actor: Any) -> None:
    # A person manages their authorizations themselves, not through an app acting for them.
    if actor.via != "session" or actor.user_id is None:
        raise Forbidden()


@strawberry.type
class OAuthQuery:
    @field("core.oauth_client.manage", description="The company's API clients.")
    async def oauth_clients(self, first: int | None = 20,
                            after: str | None = None) -> Connection[OAuthClient]:
        return await paginate(ClientTable, node=OAuthClient.of, first=first, after=after,
                              columns=COLUMNS)

    @field(self_service=True, description="The apps you allowed to act for you in this company.")
    async def my_authorized_apps(self, info: strawberry.Info) -> list[AuthorizedApp]:
        actor = info.context.actor
        _own_session(actor)
        return [AuthorizedApp.of(r) for r in await oauth_apps.authorized_apps(actor.user_id)]


@strawberry.type
class OAuthMutation:
    @mutation("core.oauth_client.manage",
              description="Create API credentials: a service client with scopes you hold, or an "
                          "app that people authorize to act for them (kind and redirectUris).")
    async def create_o_auth_client(self, info: strawberry.Info,
                                   input: CreateOAuthClientInput) -> CreateOAuthClientPayload:
        pk, secret = await service.create_client(info.context.actor, input.name, input.scopes,
                                                 input.kind.value, input.redirect_uris)
        return CreateOAuthClientPayload(oauth_client=OAuthClient.of(await service.get_client(pk)),
                                        client_secret=secret)

    @mutation("core.oauth_client.manage", description="Stop a client's tokens at once.")
    async def revoke_o_auth_client(self, input: RevokeOAuthClientInput) -> RevokeOAuthClientPayload:
        pk = decode_id(input.id, "OAuthClient")
        await service.revoke_client(pk)
        return RevokeOAuthClientPayload(oauth_client=OAuthClient.of(await service.get_client(pk)))

    @mutation(self_service=True,
              description="Withdraw an app's authorization to act for you; its tokens stop at once.")
    async def revoke_app_authorization(self, info: strawberry.Info,
                                       input: RevokeAppAuthorizationInput,
                                       ) -> RevokeAppAuthorizationPayload:
        actor = info.context.actor
        _own_session(actor)
        app = await oauth_apps.revoke_authorization(actor.user_id, decode_id(input.id, "AuthorizedApp"))
        return RevokeAppAuthorizationPayload(authorized_app=AuthorizedApp.of(app))
