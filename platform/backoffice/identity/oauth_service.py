"""OAuth2 clients of a company, and the client-credentials grant (RFC 6749 §4.4) on
authlib's framework-neutral authorization server.

Client secrets are random, shown once, and stored as argon2id hashes. A client's scopes are
permission strings; its tokens are JWTs bound to its company and scopes
(``backoffice.identity.tokens``), checked on every request against revocation.
"""

from __future__ import annotations

import asyncio
import secrets
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

from authlib.oauth2.rfc6749 import AuthorizationServer, ClientMixin, OAuth2Request
from authlib.oauth2.rfc6749.errors import InvalidScopeError
from authlib.oauth2.rfc6749.grants import ClientCredentialsGrant
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc6749.util import scope_to_list
from authlib.oauth2.rfc6749.authenticate_client import extract_basic_authorization

from backoffice.db import scope as tenant_scope
from backoffice.errors import BadUserInput, Forbidden, NotFound
from backoffice.identity import passwords, tokens
from backoffice.identity.tables import LoginFailure, OAuthClient
from backoffice.runtime import get_registry
from backoffice.settings import get_settings
from backoffice.tenancy.tables import Tenant

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
MAX_FAILURES = 10


# -- managing clients (GraphQL) ----------------------------------------------------------------

async def create_client(actor: Any, name: str, scopes: list[str]) -> tuple[int, str]:
    """A new client for the tenant in scope. Returns ``(pk, secret)``; the secret is not kept."""
    if not name.strip():
        raise BadUserInput(("Give the client a name.", "Beri nama klien."), field="name")
    available = set(get_registry().permissions_for(actor.enabled_modules))
    unknown = sorted(set(scopes) - available)
    if unknown:
        raise BadUserInput((f"Unknown scope: {', '.join(unknown)}", f"Cakupan tidak dikenal: {', '.join(unknown)}"),
                           field="scopes")
    missing = sorted(set(scopes) - set(await actor.permissions()))
    if missing:
        raise Forbidden((f"You cannot grant scopes you do not hold: {', '.join(missing)}.",
                         f"Anda tidak dapat memberikan cakupan yang tidak Anda miliki: {', '.join(missing)}."))
    client_id = f"bo_{secrets.token_urlsafe(18)}"
    secret = secrets.token_urlsafe(32)
    result = await OAuthClient.insert(OAuthClient(
        client_id=client_id, name=name.strip()[:200], scopes=sorted(set(scopes)),
        secret_hash=await passwords.hash_password(secret), created_by=actor.user_id))
    return result[0]["id"], secret


async def get_client(pk: int) -> dict[str, Any]:
    row = await OAuthClient.select().where(OAuthClient.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def revoke_client(pk: int) -> None:
    row = await get_client(pk)
    if row["revoked_at"] is None:
        await OAuthClient.update({OAuthClient.revoked_at: datetime.now(UTC)}).where(OAuthClient.id == pk)


# -- the token endpoint ------------------------------------------------------------------------------

class Client(ClientMixin):
    def __init__(self, row: dict[str, Any]) -> None:
        import json  # noqa: PLC0415

        self.row = row
        scopes = row["scopes"]
        self.scopes = list(json.loads(scopes) if isinstance(scopes, str) else scopes or [])

    def get_client_id(self) -> str:
        return self.row["client_id"]

    def get_default_redirect_uri(self) -> str | None:
        return None

    def get_allowed_scope(self, scope: str | None) -> str:
        if not scope:
            return " ".join(self.scopes)
        return " ".join(s for s in scope_to_list(scope) if s in self.scopes)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return False

    def check_client_secret(self, client_secret: str) -> bool:
        try:
            return _hasher.verify(self.row["secret_hash"], client_secret)
        except (VerificationError, InvalidHashError):
            return False

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return endpoint == "token" and method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type: str) -> bool:
        return False

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "client_credentials"


class Grant(ClientCredentialsGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]


class TokenServer(AuthorizationServer):
    """One token request: the client was fetched beforehand (authlib's API is synchronous)."""

    def __init__(self, client: Client | None) -> None:
        super().__init__()
        self._client = client
        self.register_grant(Grant)
        self.register_token_generator("default", self._issue)

    def query_client(self, client_id: str) -> Client | None:
        if self._client is not None and self._client.get_client_id() == client_id:
            return self._client
        return None

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        return None  # self-contained JWTs: revocation is by client, checked on every request

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        return None

    def validate_requested_scope(self, scope: str | None) -> None:
        # Asking for a scope the client lacks is an error, never silently narrowed.
        if scope and self._client is not None:
            if not set(scope_to_list(scope)) <= set(self._client.scopes):
                raise InvalidScopeError()

    def create_oauth2_request(self, request: OAuth2Request) -> OAuth2Request:
        return request

    def handle_response(self, status: int, body: Any, headers: Any) -> tuple[int, Any, Any]:
        return status, body, headers

    def _issue(self, grant_type: str, client: Client, user: Any = None, scope: str | None = None,
               expires_in: int | None = None, include_refresh_token: bool = False) -> dict[str, Any]:
        scopes = scope_to_list(client.get_allowed_scope(scope)) or []
        token, lifetime = tokens.issue(client.get_client_id(), client.row["tenant_id"], scopes)
        return {"access_token": token, "token_type": "Bearer", "expires_in": lifetime,
                "scope": " ".join(sorted(scopes))}


class Headers(dict[str, str]):
    """Header look-ups that ignore case, as HTTP does (authlib asks for "Authorization")."""

    def __init__(self, headers: dict[str, str]) -> None:
        super().__init__({k.lower(): v for k, v in headers.items()})

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        return super().get(key.lower(), default)

    def __getitem__(self, key: str) -> str:
        return super().__getitem__(key.lower())

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and super().__contains__(key.lower())


class FormRequest(OAuth2Request):
    """A token request with its form body, as authlib's framework adapters provide it."""

    def __init__(self, method: str, uri: str, headers: dict[str, str], form: dict[str, str]) -> None:
        super().__init__(method, uri, headers=headers)
        self._form = form
        self.payload = BasicOAuth2Payload(form)

    @property
    def form(self) -> dict[str, str]:
        return self._form

    @property
    def args(self) -> dict[str, str]:
        return {}


def _request(method: str, headers: dict[str, str], body: bytes) -> OAuth2Request:
    uri = get_settings().base_url.rstrip("/") + "/oauth/token"
    if not uri.startswith("https://"):
        # authlib refuses plain http; TLS ends at the proxy in production, and development
        # runs on loopback. The URI is only used for error links.
        uri = "https://" + uri.split("://", 1)[1]
    form = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    return FormRequest(method, uri, Headers(headers), form)


def _client_id_of(headers: dict[str, str], form: dict[str, str]) -> str | None:
    client_id, _ = extract_basic_authorization(headers)
    return client_id or form.get("client_id")


async def _throttled(client_id: str, ip: str) -> bool:
    from datetime import timedelta  # noqa: PLC0415

    since = datetime.now(UTC) - timedelta(seconds=get_settings().login_window_seconds)
    failures = await LoginFailure.count().where(
        LoginFailure.key.is_in([f"oauth-client:{client_id}", f"oauth-address:{ip}"])
        & (LoginFailure.at > since))
    return failures >= MAX_FAILURES


async def token_response(method: str, headers: dict[str, str], body: bytes,
                         ip: str) -> tuple[int, dict[str, Any]]:
    """Answer a POST to ``/oauth/token``: ``(status, json body)``."""
    request = _request(method, headers, body)
    client_id = _client_id_of(request.headers, request.payload.data) or ""
    if client_id and await _throttled(client_id, ip):
        return 429, {"error": "slow_down", "error_description": "Too many failed attempts."}
    row = None
    if client_id:
        with tenant_scope.scoped(oauth_client_id=client_id):
            rows = await OAuthClient.raw(
                "SELECT id, tenant_id, client_id, secret_hash, scopes, revoked_at "
                "FROM oauth_clients WHERE client_id = {}", client_id)
        row = rows[0] if rows else None
        if row is not None:
            tenant = await Tenant.select(Tenant.status).where(Tenant.id == row["tenant_id"]).first()
            if row["revoked_at"] is not None or tenant is None or tenant["status"] != "active":
                row = None  # a revoked client or a suspended company reads as unknown
    server = TokenServer(Client(row) if row else None)
    status, payload, _ = await asyncio.to_thread(server.create_token_response, request)
    if payload.get("error") == "invalid_client" and client_id:
        await LoginFailure.insert(LoginFailure(key=f"oauth-client:{client_id}"),
                                  LoginFailure(key=f"oauth-address:{ip}"))
    return status, payload
