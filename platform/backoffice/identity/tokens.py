"""Signed JWT access tokens for OAuth clients (joserfc; the algorithm is pinned)."""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OctKey

from backoffice.settings import get_settings

ALGORITHM = "HS256"
AUDIENCE = "backoffice-api"


def _key() -> OctKey:
    # A key of its own, derived from SECRET_KEY, so that tokens and other signatures never
    # share a key.
    secret = hashlib.sha256(b"backoffice-oauth-jwt:" + get_settings().secret_key.encode()).digest()
    return OctKey.import_key(secret)


@dataclass(frozen=True)
class AccessToken:
    client_id: str
    tenant_id: int
    scopes: frozenset[str]
    user_id: int | None
    expires_at: int
    # The person's authorization (grant) a user-acting token was issued from.
    grant_id: int | None = None


def issue(client_id: str, tenant_id: int, scopes: list[str], *, user_id: int | None = None,
          grant_id: int | None = None, ttl: int | None = None) -> tuple[str, int]:
    settings = get_settings()
    lifetime = ttl or settings.token_ttl_seconds
    now = int(time.time())
    claims = {
        "iss": settings.base_url,
        "aud": AUDIENCE,
        "sub": str(user_id) if user_id else client_id,
        "client_id": client_id,
        "tid": tenant_id,
        "scope": " ".join(sorted(scopes)),
        "iat": now,
        "exp": now + lifetime,
        "jti": secrets.token_urlsafe(12),
    }
    if user_id:
        claims["uid"] = user_id
    if grant_id:
        claims["gid"] = grant_id
    token = jwt.encode({"alg": ALGORITHM, "typ": "at+jwt"}, claims, _key(), algorithms=[ALGORITHM])
    return token, lifetime


def verify(token: str) -> AccessToken | None:
    """The token's claims, or ``None`` if it is malformed, forged or expired."""
    try:
        decoded = jwt.decode(token, _key(), algorithms=[ALGORITHM])
        registry = jwt.JWTClaimsRegistry(
            aud={"essential": True, "value": AUDIENCE},
            exp={"essential": True},
            tid={"essential": True},
            client_id={"essential": True},
        )
        registry.validate(decoded.claims)
    except (JoseError, ValueError, TypeError):
        return None
    claims = decoded.claims
    if not isinstance(claims.get("tid"), int):
        return None
    if not isinstance(claims.get("uid", 0), int) or not isinstance(claims.get("gid", 0), int):
        return None
    if (claims.get("uid") is None) != (claims.get("gid") is None):
        return None  # a token acting for a person always comes from a grant
    return AccessToken(
        client_id=str(claims["client_id"]),
        tenant_id=claims["tid"],
        scopes=frozenset(str(claims.get("scope", "")).split()),
        user_id=claims.get("uid"),
        expires_at=int(claims["exp"]),
        grant_id=claims.get("gid"),
    )
