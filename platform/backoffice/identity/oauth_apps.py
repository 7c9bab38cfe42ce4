"""OAuth apps acting for people: the authorization-code grant with PKCE (RFC 6749 §4.1,
RFC 7636 with S256 only), refresh tokens rotated on every use with reuse detection, and token
revocation (RFC 7009).

An app is an OAuth client of kind ``confidential`` (it has a secret) or ``public`` (no
secret). It belongs to one company, and only that company's members can authorize it. A
person's approval becomes a *grant* once its code is exchanged; the grant is the family of its
refresh tokens, and every access token names it, so revoking the grant stops them all on
their next request. A token's rights are its scopes intersected with the person's own current
permissions in the company (:mod:`backoffice.identity.actor`).

Codes and refresh tokens are random and stored only as SHA-256 hashes. Every look-up at the
token endpoint happens after the client is known, inside the client's company scope.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from authlib.oauth2.rfc6749.errors import (
    InvalidGrantError,
    InvalidRequestError,
    InvalidScopeError,
    OAuth2Error,
    UnauthorizedClientError,
)
from authlib.oauth2.rfc6749.util import scope_to_list
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from authlib.oauth2.rfc7636.challenge import CODE_CHALLENGE_PATTERN, CODE_VERIFIER_PATTERN

from backoffice.db import scope as tenant_scope
from backoffice.db.engine import write_transaction
from backoffice.errors import BadUserInput, NotFound
from backoffice.identity import oauth_service, passwords, tokens
from backoffice.identity.tables import (
    Membership,
    OAuthAuthorizationCode,
    OAuthClient,
    OAuthGrant,
    OAuthRefreshToken,
    User,
)
from backoffice.runtime import get_engine, get_registry

KINDS = ("service", "confidential", "public")
APP_KINDS = ("confidential", "public")
CODE_TTL = timedelta(seconds=60)
REFRESH_TTL = timedelta(days=30)
# Spent codes are kept this long after they expire, so that a replay still finds the code and
# revokes what was issued for it; then they are deleted.
CODE_KEPT = timedelta(days=1)
MAX_REDIRECT_URIS = 10
MAX_STATE = 500
LOOPBACK_HOSTS = {"127.0.0.1", "::1"}

Response = oauth_service.Response


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _aware(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def loads(value: Any) -> list[str]:
    import json  # noqa: PLC0415

    return list(json.loads(value) if isinstance(value, str) else value or [])


# -- registration ---------------------------------------------------------------------------------

def check_redirect_uris(uris: list[str]) -> list[str]:
    """Redirect URIs an app may register: https, or http on a loopback address (RFC 8252
    §7.3), absolute, with no fragment and no user information."""
    cleaned: list[str] = []
    for raw in uris:
        uri = raw.strip()
        if not _acceptable_redirect(uri):
            raise BadUserInput(
                (f"Not an acceptable redirect URI: {uri[:100]}. Use https, or http on 127.0.0.1 "
                 "or [::1].",
                 f"URI pengalihan tidak dapat diterima: {uri[:100]}. Gunakan https, atau http "
                 "pada 127.0.0.1 atau [::1]."), field="redirectUris")
        if uri not in cleaned:
            cleaned.append(uri)
    if not cleaned:
        raise BadUserInput(("An app needs at least one redirect URI.",
                            "Aplikasi memerlukan paling sedikit satu URI pengalihan."),
                           field="redirectUris")
    if len(cleaned) > MAX_REDIRECT_URIS:
        raise BadUserInput((f"At most {MAX_REDIRECT_URIS} redirect URIs.",
                            f"Paling banyak {MAX_REDIRECT_URIS} URI pengalihan."),
                           field="redirectUris")
    return cleaned


def _acceptable_redirect(uri: str) -> bool:
    if not uri or len(uri) > 500 or any(c.isspace() for c in uri):
        return False
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return False
    if parts.fragment or "#" in uri or "@" in parts.netloc or not parts.hostname:
        return False
    if parts.scheme == "https":
        return True
    return parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS


def redirect_matches(registered: list[str], given: str) -> bool:
    """Exact string match; for http loopback URIs any port, as native apps listen on an
    ephemeral one (RFC 8252 §7.3)."""
    if given in registered:
        return True
    if not _acceptable_redirect(given):
        return False
    g = urlsplit(given)
    if g.scheme != "http" or g.hostname not in LOOPBACK_HOSTS:
        return False
    for uri in registered:
        r = urlsplit(uri)
        if (r.scheme, r.hostname, r.path, r.query) == (g.scheme, g.hostname, g.path, g.query):
            return True
    return False


def with_params(uri: str, params: dict[str, str]) -> str:
    """``uri`` with ``params`` added to its query (kept as registered otherwise)."""
    parts = urlsplit(uri)
    extra = urlencode({k: v for k, v in params.items() if v is not None})
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


# -- the authorization request ------------------------------------------------------------------

class AuthorizationError(Exception):
    """A request that cannot be redirected back (unknown app, unregistered redirect URI): it
    ends on an error page of our own."""

    def __init__(self, text: tuple[str, str], status: int = 400) -> None:
        super().__init__(text[0])
        self.text = text
        self.status = status


class RedirectError(Exception):
    """An error reported to the app at its (verified) redirect URI."""

    def __init__(self, redirect_uri: str, error: str, description: str, state: str | None) -> None:
        super().__init__(error)
        self.location = with_params(redirect_uri, {"error": error, "error_description": description,
                                                   "state": state})


@dataclass
class AuthorizationRequest:
    client: dict[str, Any]
    redirect_uri: str
    scopes: list[str]
    state: str | None
    code_challenge: str

    @property
    def client_id(self) -> str:
        return self.client["client_id"]

    def params(self) -> dict[str, str]:
        """The request's parameters, to carry through a form."""
        out = {"response_type": "code", "client_id": self.client_id,
               "redirect_uri": self.redirect_uri, "scope": " ".join(self.scopes),
               "code_challenge": self.code_challenge, "code_challenge_method": "S256"}
        if self.state is not None:
            out["state"] = self.state
        return out


UNKNOWN_APP = ("This app is not known, or its access was withdrawn.",
               "Aplikasi ini tidak dikenal, atau aksesnya telah dicabut.")
BAD_REDIRECT = ("The app sent a return address (redirect_uri) it did not register. "
                "Nothing was sent back to it.",
                "Aplikasi mengirim alamat kembali (redirect_uri) yang tidak didaftarkan. "
                "Tidak ada yang dikirim kembali ke aplikasi.")
REPEATED = ("The request repeats a parameter.", "Permintaan mengulang sebuah parameter.")


async def load_app(client_id: str) -> dict[str, Any] | None:
    row = await oauth_service._load_client(client_id) if client_id else None
    if row is None or row.get("kind") not in APP_KINDS:
        return None
    return row


async def validate(params: dict[str, str] | None) -> AuthorizationRequest:
    """Check an authorization request. Problems with the app or its redirect URI raise
    :class:`AuthorizationError` (never redirected); the rest :class:`RedirectError`."""
    if params is None:
        raise AuthorizationError(REPEATED)
    client = await load_app(params.get("client_id", ""))
    if client is None:
        raise AuthorizationError(UNKNOWN_APP)
    redirect_uri = params.get("redirect_uri", "")
    if not redirect_matches(loads(client["redirect_uris"]), redirect_uri):
        raise AuthorizationError(BAD_REDIRECT)
    state = params.get("state")

    def fail(error: str, description: str) -> RedirectError:
        return RedirectError(redirect_uri, error, description, state)

    if state is not None and len(state) > MAX_STATE:
        raise fail("invalid_request", "The state parameter is too long.")
    if params.get("response_type") != "code":
        raise fail("unsupported_response_type", "Only response_type=code is supported.")
    if params.get("code_challenge_method") != "S256":
        raise fail("invalid_request", "PKCE is required, with code_challenge_method=S256.")
    challenge = params.get("code_challenge", "")
    if not CODE_CHALLENGE_PATTERN.match(challenge):
        raise fail("invalid_request", "The code_challenge is missing or malformed.")
    allowed = set(loads(client["scopes"]))
    available = set(get_registry().permissions_for(_enabled(client)))
    wanted = scope_to_list(params.get("scope")) or sorted(allowed & available)
    if not wanted or not set(wanted) <= allowed & available:
        raise fail("invalid_scope", "The app may not ask for this scope.")
    return AuthorizationRequest(client=client, redirect_uri=redirect_uri,
                                scopes=sorted(set(wanted)), state=state, code_challenge=challenge)


def _enabled(client: dict[str, Any]) -> frozenset[str]:
    from backoffice.identity.edge import enabled_of  # noqa: PLC0415

    return enabled_of(client)


async def membership_in(tenant_id: int, user_id: int) -> int | None:
    """The person's active membership in the company (and an active account), or ``None``."""
    with tenant_scope.scoped(tenant_id=tenant_id, user_id=user_id):
        row = await Membership.select(Membership.id).where(
            (Membership.user_id == user_id) & (Membership.is_active == True)  # noqa: E712
        ).first()
    if row is None:
        return None
    user = await User.select(User.is_active).where(User.id == user_id).first()
    return row["id"] if user and user["is_active"] else None


async def user_permissions(request: AuthorizationRequest, user_id: int,
                           membership_id: int) -> frozenset[str]:
    """What the person may do in the app's company themselves (for the consent screen)."""
    from backoffice.identity.actor import Actor  # noqa: PLC0415

    tenant_id = request.client["tenant_id"]
    actor = Actor(user_id=user_id, tenant_id=tenant_id, membership_id=membership_id,
                  enabled_modules=_enabled(request.client))
    with tenant_scope.scoped(tenant_id=tenant_id, user_id=user_id):
        return await actor.permissions()


def scope_labels(scopes: list[str], locale: str) -> list[tuple[str, str]]:
    registry = get_registry()
    return [(s, registry.permissions[s].description.get(locale) if s in registry.permissions else s)
            for s in scopes]


async def approve(request: AuthorizationRequest, user_id: int, ip: str) -> str:
    """Issue a code for the approved request; returns where to send the browser."""
    from backoffice.audit.services import record  # noqa: PLC0415
    from backoffice.graphql.ids import encode_id  # noqa: PLC0415

    code = secrets.token_urlsafe(32)
    tenant_id = request.client["tenant_id"]
    with tenant_scope.scoped(tenant_id=tenant_id, user_id=user_id):
        async with write_transaction(get_engine()):
            await OAuthAuthorizationCode.delete().where(
                OAuthAuthorizationCode.expires_at < datetime.now(UTC) - CODE_KEPT)
            await OAuthAuthorizationCode.insert(OAuthAuthorizationCode(
                code_hash=digest(code), client_id=request.client_id, user_id=user_id,
                redirect_uri=request.redirect_uri, scopes=request.scopes,
                code_challenge=request.code_challenge,
                expires_at=datetime.now(UTC) + CODE_TTL))
            await record("authorizeOAuthApp",
                         target_ids=[encode_id("OAuthClient", request.client["id"])],
                         changes={"client_id": request.client_id, "scopes": request.scopes}, ip=ip)
    return with_params(request.redirect_uri, {"code": code, "state": request.state})


def denied(request: AuthorizationRequest) -> str:
    return with_params(request.redirect_uri, {
        "error": "access_denied", "error_description": "The person declined.",
        "state": request.state})


# -- the token endpoint -------------------------------------------------------------------------

def _error(error: OAuth2Error) -> Response:
    status, body, headers = error()
    return status, dict(body), list(headers)


async def authenticate_client(request: Any, ip: str, kinds: tuple[str, ...] = APP_KINDS,
                              ) -> tuple[dict[str, Any] | None, Response | None]:
    """The calling client, or the error to answer: a confidential client authenticates with
    its secret (HTTP Basic or form), a public one names itself with ``client_id`` only."""
    client_id, secret, ambiguous = oauth_service._credentials(request)
    if ambiguous:
        return None, oauth_service.invalid_request("Use one client authentication method per request.")
    if client_id and await oauth_service._throttled(client_id, ip):
        window = oauth_service.get_settings().login_window_seconds
        return None, (429, {"error": "slow_down",
                            "error_description": "Too many failed attempts; try again later."},
                      [("Retry-After", str(window))])
    row = await oauth_service._load_client(client_id) if client_id else None
    ok = False
    if row is not None and row.get("kind") == "public":
        ok = not secret
    elif client_id and secret:
        ok = await passwords.verify_password(row["secret_hash"] if row else None, secret)
    if ok and row is not None and row.get("kind") not in kinds:
        # Rightly authenticated, but this kind of client does not use this grant.
        return None, _error(UnauthorizedClientError())
    if not ok:
        if client_id:
            await oauth_service._record_failure(client_id, ip)
        return None, (401, {"error": "invalid_client"},
                      [("WWW-Authenticate", 'Basic realm="backoffice", error="invalid_client"')])
    return row, None


def _token_body(access: str, lifetime: int, refresh: str, scopes: list[str]) -> dict[str, Any]:
    return {"access_token": access, "token_type": "Bearer", "expires_in": lifetime,
            "refresh_token": refresh, "scope": " ".join(scopes)}


async def _new_refresh(grant_id: int) -> str:
    value = "bor_" + secrets.token_urlsafe(32)
    # Spent tokens stay until they would have expired (a replay must still be recognised).
    await OAuthRefreshToken.delete().where(
        (OAuthRefreshToken.grant_id == grant_id) & (OAuthRefreshToken.expires_at < datetime.now(UTC)))
    await OAuthRefreshToken.insert(OAuthRefreshToken(
        token_hash=digest(value), grant_id=grant_id, expires_at=datetime.now(UTC) + REFRESH_TTL))
    return value


async def revoke_grant(grant_id: int | None) -> bool:
    """Revoke a grant in the company in scope: its tokens stop on their next request."""
    if grant_id is None:
        return False
    changed = await OAuthGrant.update({OAuthGrant.revoked_at: datetime.now(UTC)}).where(
        (OAuthGrant.id == grant_id) & OAuthGrant.revoked_at.is_null()
    ).returning(OAuthGrant.id)
    return bool(changed)


async def token_response(request: Any, ip: str) -> Response:
    """``grant_type=authorization_code`` and ``grant_type=refresh_token``."""
    client, problem = await authenticate_client(request, ip)
    if problem is not None:
        return problem
    assert client is not None
    form = request.form
    with tenant_scope.scoped(tenant_id=client["tenant_id"], oauth_client_id=client["client_id"]):
        async with write_transaction(get_engine()):
            if form["grant_type"] == "authorization_code":
                return await _exchange_code(client, form)
            return await _refresh(client, form, ip)


async def _exchange_code(client: dict[str, Any], form: dict[str, str]) -> Response:
    code, verifier = form.get("code", ""), form.get("code_verifier", "")
    redirect_uri = form.get("redirect_uri", "")
    if not code or not redirect_uri:
        return _error(InvalidRequestError(description="The code and redirect_uri are required."))
    if not verifier:
        return _error(InvalidRequestError(description="The code_verifier is required (PKCE)."))
    row = await OAuthAuthorizationCode.select().where(
        OAuthAuthorizationCode.code_hash == digest(code)).first()
    if row is None or not hmac.compare_digest(row["client_id"], client["client_id"]):
        return _error(InvalidGrantError())
    now = datetime.now(UTC)
    # Single use: the first presentation spends the code, whatever happens next.
    spent = await OAuthAuthorizationCode.update({OAuthAuthorizationCode.used_at: now}).where(
        (OAuthAuthorizationCode.id == row["id"]) & OAuthAuthorizationCode.used_at.is_null()
    ).returning(OAuthAuthorizationCode.id)
    if not spent:
        # Presented again: whoever holds it may be an attacker, so the tokens issued for it go
        # too (RFC 6749 §4.1.2).
        await revoke_grant(row["grant_id"])
        return _error(InvalidGrantError(description="The code was already used."))
    if _aware(row["expires_at"]) <= now:
        return _error(InvalidGrantError(description="The code has expired."))
    if row["redirect_uri"] != redirect_uri:
        return _error(InvalidGrantError(description="The redirect_uri does not match."))
    if not CODE_VERIFIER_PATTERN.match(verifier) or not hmac.compare_digest(
            create_s256_code_challenge(verifier), row["code_challenge"]):
        return _error(InvalidGrantError(description="The code_verifier does not match."))
    user_id = row["user_id"]
    if await membership_in(client["tenant_id"], user_id) is None:
        return _error(InvalidGrantError())
    scopes = loads(row["scopes"])
    grant = await OAuthGrant.insert(OAuthGrant(client_id=client["client_id"], user_id=user_id,
                                               scopes=scopes))
    grant_id = grant[0]["id"]
    await OAuthAuthorizationCode.update({OAuthAuthorizationCode.grant_id: grant_id}).where(
        OAuthAuthorizationCode.id == row["id"])
    refresh = await _new_refresh(grant_id)
    access, lifetime = tokens.issue(client["client_id"], client["tenant_id"], scopes,
                                    user_id=user_id, grant_id=grant_id)
    return 200, _token_body(access, lifetime, refresh, scopes), []


async def _refresh(client: dict[str, Any], form: dict[str, str], ip: str) -> Response:
    from backoffice.audit.services import record  # noqa: PLC0415
    from backoffice.graphql.ids import encode_id  # noqa: PLC0415

    value = form.get("refresh_token", "")
    if not value:
        return _error(InvalidRequestError(description="The refresh_token is required."))
    row = await OAuthRefreshToken.select().where(OAuthRefreshToken.token_hash == digest(value)).first()
    grant = None
    if row is not None:
        grant = await OAuthGrant.select().where(OAuthGrant.id == row["grant_id"]).first()
    if grant is None or not hmac.compare_digest(grant["client_id"], client["client_id"]):
        return _error(InvalidGrantError())
    if grant["revoked_at"] is not None:
        return _error(InvalidGrantError(description="The authorization was revoked."))

    async def reused() -> Response:
        # A refresh token used twice has leaked: the whole family goes.
        await revoke_grant(grant["id"])
        await record("revokeOAuthGrantOnReuse",
                     target_ids=[encode_id("OAuthClient", client["id"])],
                     changes={"client_id": client["client_id"], "user_id": grant["user_id"]}, ip=ip)
        return _error(InvalidGrantError(description="The refresh token was already used."))

    if row["used_at"] is not None:
        return await reused()
    # A malformed request leaves the token as it was.
    granted = loads(grant["scopes"])
    wanted = scope_to_list(form.get("scope")) or granted
    if not set(wanted) <= set(granted):
        return _error(InvalidScopeError())
    now = datetime.now(UTC)
    rotated = await OAuthRefreshToken.update({OAuthRefreshToken.used_at: now}).where(
        (OAuthRefreshToken.id == row["id"]) & OAuthRefreshToken.used_at.is_null()
    ).returning(OAuthRefreshToken.id)
    if not rotated:
        return await reused()
    if _aware(row["expires_at"]) <= now:
        return _error(InvalidGrantError(description="The refresh token has expired."))
    if await membership_in(client["tenant_id"], grant["user_id"]) is None:
        return _error(InvalidGrantError())
    scopes = sorted(set(wanted))
    refresh = await _new_refresh(grant["id"])
    access, lifetime = tokens.issue(client["client_id"], client["tenant_id"], scopes,
                                    user_id=grant["user_id"], grant_id=grant["id"])
    return 200, _token_body(access, lifetime, refresh, scopes), []


# -- revocation (RFC 7009) ------------------------------------------------------------------------

async def revocation_response(request: Any, ip: str) -> Response:
    """Revoke an access or refresh token of the calling client. Either revokes the grant it
    came from (RFC 7009 §2.1: revoking a refresh token stops the access tokens of the same
    grant; an access token is a signed JWT, so revoking one revokes its grant as well)."""
    from backoffice.audit.services import record  # noqa: PLC0415
    from backoffice.graphql.ids import encode_id  # noqa: PLC0415

    client, problem = await authenticate_client(request, ip, kinds=KINDS)
    if problem is not None:
        return problem
    assert client is not None
    value = request.form.get("token", "")
    if not value:
        return _error(InvalidRequestError(description="The token parameter is missing."))
    grant_id: int | None = None
    with tenant_scope.scoped(tenant_id=client["tenant_id"], oauth_client_id=client["client_id"]):
        async with write_transaction(get_engine()):
            row = await OAuthRefreshToken.select(OAuthRefreshToken.grant_id).where(
                OAuthRefreshToken.token_hash == digest(value)).first()
            if row is not None:
                grant_id = row["grant_id"]
            else:
                claims = tokens.verify(value)
                if (claims is not None and claims.client_id == client["client_id"]
                        and claims.tenant_id == client["tenant_id"]):
                    if claims.grant_id is None:
                        # A client-credentials token lives out its hour; revoke the client.
                        return 400, {"error": "unsupported_token_type",
                                     "error_description": "Tokens of the client-credentials grant "
                                                          "cannot be revoked one by one."}, []
                    grant_id = claims.grant_id
            if grant_id is not None:
                grant = await OAuthGrant.select(OAuthGrant.client_id, OAuthGrant.user_id).where(
                    OAuthGrant.id == grant_id).first()
                # Another client's token is not this client's to revoke: answered alike.
                if grant is not None and hmac.compare_digest(grant["client_id"], client["client_id"]):
                    if await revoke_grant(grant_id):
                        await record("revokeOAuthToken",
                                     target_ids=[encode_id("OAuthClient", client["id"])],
                                     changes={"client_id": client["client_id"],
                                              "user_id": grant["user_id"]}, ip=ip)
    # Unknown, expired and already revoked tokens are answered alike (RFC 7009 §2.2).
    return 200, {}, []


# -- a person's authorized apps (GraphQL) -------------------------------------------------------

async def authorized_apps(user_id: int) -> list[dict[str, Any]]:
    """The apps the person has authorized in the company in scope, one entry per app."""
    grants = await OAuthGrant.select().where(
        (OAuthGrant.user_id == user_id) & OAuthGrant.revoked_at.is_null()).order_by(OAuthGrant.id)
    if not grants:
        return []
    clients = {c["client_id"]: c for c in await OAuthClient.select(
        OAuthClient.id, OAuthClient.client_id, OAuthClient.name, OAuthClient.revoked_at).where(
        OAuthClient.client_id.is_in(sorted({g["client_id"] for g in grants})))}
    apps: dict[str, dict[str, Any]] = {}
    for g in grants:
        c = clients.get(g["client_id"])
        if c is None or c["revoked_at"] is not None:
            continue
        app = apps.setdefault(g["client_id"], {"id": c["id"], "client_id": c["client_id"],
                                               "name": c["name"], "scopes": set(),
                                               "authorized_at": g["created_at"]})
        app["scopes"] |= set(loads(g["scopes"]))
    return [{**a, "scopes": sorted(a["scopes"])} for a in apps.values()]


async def revoke_authorization(user_id: int, client_pk: int) -> dict[str, Any]:
    """Withdraw the person's authorization of an app: every grant, and any code not yet
    exchanged. Returns the app as it was listed."""
    listed = [a for a in await authorized_apps(user_id) if a["id"] == client_pk]
    if not listed:
        raise NotFound()
    client_id = listed[0]["client_id"]
    now = datetime.now(UTC)
    await OAuthGrant.update({OAuthGrant.revoked_at: now}).where(
        (OAuthGrant.user_id == user_id) & (OAuthGrant.client_id == client_id)
        & OAuthGrant.revoked_at.is_null())
    await OAuthAuthorizationCode.update({OAuthAuthorizationCode.used_at: now}).where(
        (OAuthAuthorizationCode.user_id == user_id) & (OAuthAuthorizationCode.client_id == client_id)
        & OAuthAuthorizationCode.used_at.is_null())
    return listed[0]

