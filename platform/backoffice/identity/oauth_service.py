"""OAuth2 clients of a company, and the client-credentials grant (RFC 6749 §4.4) on
authlib's framework-neutral authorization server.

Client secrets are random, shown once, and stored as argon2id hashes. A client's scopes are
permission strings; its tokens are JWTs bound to its company and scopes
(``backoffice.identity.tokens``), checked against revocation on every request at the edge.
"""

from __future__ import annotations

import hmac
import json
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from authlib.oauth2.rfc6749 import AuthorizationServer, ClientMixin, OAuth2Request
from authlib.oauth2.rfc6749.errors import InvalidRequestError, InvalidScopeError, OAuth2Error
from authlib.oauth2.rfc6749.grants import ClientCredentialsGrant
from authlib.oauth2.rfc6749.util import extract_basic_authorization, scope_to_list

from backoffice.db import scope as tenant_scope
from backoffice.errors import BadUserInput, Forbidden, NotFound
from backoffice.identity import passwords, tokens
from backoffice.identity.tables import LoginFailure, OAuthClient
from backoffice.runtime import get_registry
from backoffice.settings import get_settings

AUTH_METHODS = ["client_secret_basic", "client_secret_post"]
# Failed client authentications allowed per client id within the log-in window. Secrets are
# 256 random bits, so this only stops hammering; the per-address limit is the log-in one.
MAX_FAILURES_PER_CLIENT = 10

Response = tuple[int, dict[str, Any], list[tuple[str, str]]]


# -- managing clients (GraphQL) ----------------------------------------------------------------

async def create_client(actor: Any, name: str, scopes: list[str], kind: str = "service",
                        redirect_uris: list[str] | None = None) -> tuple[int, str | None]:
    """A new client for the tenant in scope. Returns ``(pk, secret)``; only the hash is kept.

    ``service`` clients use the client-credentials grant and act as themselves; apps
    (``confidential``, or ``public`` with no secret) use the authorization-code grant and act
    for the people who authorize them, within those people's own permissions."""
    from backoffice.identity import oauth_apps  # noqa: PLC0415

    if kind not in oauth_apps.KINDS:
        raise BadUserInput(("Unknown kind of client.", "Jenis klien tidak dikenal."), field="kind")
    name = name.strip()
    if not name:
        raise BadUserInput(("Give the client a name.", "Beri nama klien."), field="name")
    if len(name) > 200:
        raise BadUserInput(("The name is too long (200 characters at most).",
                            "Nama terlalu panjang (paling banyak 200 karakter)."), field="name")
    wanted = set(scopes)
    if not wanted:
        raise BadUserInput(("Choose at least one scope.", "Pilih paling sedikit satu cakupan."),
                           field="scopes")
    if kind == "service":
        if redirect_uris:
            raise BadUserInput(("Only apps acting for people have redirect URIs.",
                                "Hanya aplikasi yang bertindak atas nama orang yang memiliki URI "
                                "pengalihan."), field="redirectUris")
        uris: list[str] = []
    else:
        uris = oauth_apps.check_redirect_uris(redirect_uris or [])
    # A scope is a permission of a module this company has enabled.
    available = set(get_registry().permissions_for(actor.enabled_modules))
    unknown = sorted(wanted - available)
    if unknown:
        listed = ", ".join(unknown)
        raise BadUserInput((f"Unknown scope: {listed}.", f"Cakupan tidak dikenal: {listed}."),
                           field="scopes")
    # No privilege escalation: nobody hands an integration more than they hold themselves.
    # (An app's tokens are bounded by the permissions of the person who authorizes it.)
    missing = sorted(wanted - set(await actor.permissions())) if kind == "service" else []
    if missing:
        listed = ", ".join(missing)
        raise Forbidden((f"You cannot grant scopes you do not hold: {listed}.",
                         f"Anda tidak dapat memberikan cakupan yang tidak Anda miliki: {listed}."))
    client_id = f"bo_{secrets.token_urlsafe(18)}"
    secret = secrets.token_urlsafe(32) if kind != "public" else None
    result = await OAuthClient.insert(OAuthClient(
        client_id=client_id, name=name, scopes=sorted(wanted), kind=kind, redirect_uris=uris,
        secret_hash=await passwords.hash_password(secret) if secret else "",
        created_by=actor.user_id))
    return result[0]["id"], secret


async def get_client(pk: int) -> dict[str, Any]:
    """A client of the tenant in scope (another tenant's reads as missing)."""
    row = await OAuthClient.select(exclude_secrets=True).where(OAuthClient.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def revoke_client(pk: int) -> None:
    row = await get_client(pk)
    if row["revoked_at"] is None:
        await OAuthClient.update({OAuthClient.revoked_at: datetime.now(UTC)}).where(OAuthClient.id == pk)


def scopes_of(row: dict[str, Any]) -> list[str]:
    raw = row["scopes"]
    return list(json.loads(raw) if isinstance(raw, str) else raw or [])


# -- authlib's side of the token endpoint ---------------------------------------------------------

class Client(ClientMixin):
    """A client row, with its secret already checked (argon2 is slow: it ran asynchronously
    before authlib's synchronous validation)."""

    def __init__(self, row: dict[str, Any], verified_secret: str | None) -> None:
        self.row = row
        self.scopes = scopes_of(row)
        self._verified_secret = verified_secret

    def get_client_id(self) -> str:
        return self.row["client_id"]

    def get_default_redirect_uri(self) -> str | None:
        return None

    def get_allowed_scope(self, scope: str | None) -> str:
        # Only reached after validate_requested_scope: a requested scope is a subset here.
        if not scope:
            return " ".join(self.scopes)
        return " ".join(s for s in scope_to_list(scope) if s in self.scopes)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return False

    def check_client_secret(self, client_secret: str) -> bool:
        return self._verified_secret is not None and hmac.compare_digest(
            client_secret.encode(), self._verified_secret.encode())

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return endpoint == "token" and method in AUTH_METHODS

    def check_response_type(self, response_type: str) -> bool:
        return False

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "client_credentials" and self.row.get("kind", "service") == "service"


class Grant(ClientCredentialsGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = AUTH_METHODS


class TokenServer(AuthorizationServer):
    """The server for one token request, with its client fetched beforehand."""

    def __init__(self, client: Client | None) -> None:
        super().__init__()
        self._client = client
        self.register_grant(Grant)
        self.register_token_generator("default", self._issue)

    def query_client(self, client_id: str) -> Client | None:
        if self._client is not None and hmac.compare_digest(
                self._client.get_client_id().encode(), client_id.encode()):
            return self._client
        return None

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        return None  # self-contained JWTs; revocation is per client, checked on every request

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        return None

    def validate_requested_scope(self, scope: str | None) -> None:
        # A scope the client lacks is an error: authlib would otherwise drop it silently and
        # the integrator would only find out when a call fails.
        if scope and self._client is not None:
            if not set(scope_to_list(scope)) <= set(self._client.scopes):
                raise InvalidScopeError()

    def create_oauth2_request(self, request: OAuth2Request) -> OAuth2Request:
        return request

    def handle_response(self, status: int, body: Any, headers: Any) -> Response:
        return status, dict(body), list(headers or [])

    def _issue(self, grant_type: str, client: Client, user: Any = None, scope: str | None = None,
               expires_in: int | None = None, include_refresh_token: bool = False) -> dict[str, Any]:
        scopes = sorted(scope_to_list(client.get_allowed_scope(scope)) or [])
        token, lifetime = tokens.issue(client.get_client_id(), client.row["tenant_id"], scopes)
        return {"access_token": token, "token_type": "Bearer", "expires_in": lifetime,
                "scope": " ".join(scopes)}


def _error(error: OAuth2Error) -> Response:
    status, body, headers = error()
    return status, dict(body), list(headers)


def invalid_request(description: str) -> Response:
    # RFC 6749 §5.2 allows only printable ASCII without '"' and '\\' in error_description,
    # and the description may quote what the client sent.
    safe = "".join(c if " " <= c <= "~" and c not in '"\\' else "?" for c in description)
    return _error(InvalidRequestError(description=safe))


# -- the token endpoint ---------------------------------------------------------------------------

async def _load_client(client_id: str) -> dict[str, Any] | None:
    """The client row, if it may get tokens. The look-up comes before any tenant is known: on
    PostgreSQL, row level security lets exactly this client's row be read in this scope."""
    with tenant_scope.scoped(oauth_client_id=client_id):
        rows = await OAuthClient.raw(
            "SELECT c.id, c.tenant_id, c.client_id, c.secret_hash, c.scopes, c.revoked_at, "
            "c.name, c.kind, c.redirect_uris, t.status AS tenant_status, t.enabled_modules, "
            "t.slug AS tenant_slug, t.name AS tenant_name FROM oauth_clients c "
            "JOIN tenants t ON t.id = c.tenant_id WHERE c.client_id = {}", client_id)
    if not rows:
        return None
    row = rows[0]
    # A revoked client, or one of a suspended company, authenticates like an unknown one.
    if row["revoked_at"] is not None or row["tenant_status"] != "active":
        return None
    return row


def _failure_keys(client_id: str, ip: str) -> tuple[str, str]:
    return f"oauth-client:{client_id}", f"oauth-address:{ip}"


async def _throttled(client_id: str, ip: str) -> bool:
    settings = get_settings()
    since = datetime.now(UTC) - timedelta(seconds=settings.login_window_seconds)
    by_client, by_address = _failure_keys(client_id, ip)
    client_failures = await LoginFailure.count().where(
        (LoginFailure.key == by_client) & (LoginFailure.at > since))
    address_failures = await LoginFailure.count().where(
        (LoginFailure.key == by_address) & (LoginFailure.at > since))
    return (client_failures >= MAX_FAILURES_PER_CLIENT
            or address_failures >= settings.login_max_failures_per_address)


async def _record_failure(client_id: str, ip: str) -> None:
    by_client, by_address = _failure_keys(client_id, ip)
    await LoginFailure.insert(LoginFailure(key=by_client), LoginFailure(key=by_address))
    cutoff = datetime.now(UTC) - timedelta(seconds=get_settings().login_window_seconds * 4)
    await LoginFailure.delete().where(LoginFailure.at < cutoff)


def _credentials(request: OAuth2Request) -> tuple[str, str, bool]:
    """``(client_id, secret, ambiguous)`` from HTTP Basic or from the form."""
    basic_id, basic_secret = extract_basic_authorization(request.headers)
    form = request.form
    if basic_id:
        # RFC 6749 §2.3: a client uses one authentication method per request.
        ambiguous = bool(form.get("client_secret")) or form.get("client_id", basic_id) != basic_id
        return basic_id, basic_secret or "", ambiguous
    return form.get("client_id") or "", form.get("client_secret") or "", False


async def token_response(request: OAuth2Request, ip: str) -> Response:
    """Answer a token request: ``(status, json body, headers)``."""
    if not request.form.get("grant_type"):
        return invalid_request("The grant_type parameter is missing.")
    if request.form["grant_type"] in ("authorization_code", "refresh_token"):
        from backoffice.identity import oauth_apps  # noqa: PLC0415

        return await oauth_apps.token_response(request, ip)
    client_id, secret, ambiguous = _credentials(request)
    if ambiguous:
        return invalid_request("Use one client authentication method per request.")
    if client_id and await _throttled(client_id, ip):
        window = get_settings().login_window_seconds
        return 429, {"error": "slow_down",
                     "error_description": "Too many failed attempts; try again later."}, \
            [("Retry-After", str(window))]
    row = await _load_client(client_id) if client_id else None
    verified = None
    if client_id and secret:
        # Verified even when the client is unknown (against a dummy hash), so that the answer
        # takes as long either way.
        if await passwords.verify_password(row["secret_hash"] if row else None, secret):
            verified = secret
    server = TokenServer(Client(row, verified) if row else None)
    if row is not None:
        with tenant_scope.scoped(tenant_id=row["tenant_id"], oauth_client_id=client_id):
            status, body, headers = server.create_token_response(request)
    else:
        status, body, headers = server.create_token_response(request)
    if body.get("error") == "invalid_client":
        # Always 401 with a challenge, whichever method the client tried (RFC 6749 §5.2
        # allows it for form credentials and requires it for Basic).
        status = 401
        headers = [(k, v) for k, v in headers if k.lower() != "www-authenticate"]
        headers.append(("WWW-Authenticate", 'Basic realm="backoffice", error="invalid_client"'))
        if client_id:
            await _record_failure(client_id, ip)
    return status, body, headers
