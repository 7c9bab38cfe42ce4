"""The edge: turns a request's cookie or bearer token into an :class:`Actor` and a scope.

This is the only place a request's tenant is decided. It runs as ASGI middleware, before
any handler, so that the context variables it sets are seen by every resolver.
"""

from __future__ import annotations

import contextvars
import json
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from typing import Any

from backoffice.db import scope as tenant_scope
from backoffice import i18n
from backoffice.graphql import schema as schema_module
from backoffice.graphql.schema import SchemaRouter
from backoffice.i18n import from_accept_language, set_locale
from backoffice.identity import tokens
from backoffice.identity.actor import Actor
from backoffice.identity.sessions import COOKIE, token_hash
from backoffice.identity.tables import Membership, OAuthClient, UserSession
from backoffice.runtime import get_registry
from backoffice.tenancy.tables import Tenant


def _headers(scope: dict[str, Any]) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def client_ip(scope: dict[str, Any]) -> str:
    client = scope.get("client")
    return client[0] if client else ""


def _aware(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def enabled_of(tenant_row: dict[str, Any]) -> frozenset[str]:
    raw = tenant_row.get("enabled_modules")
    keys = json.loads(raw) if isinstance(raw, str) else (raw or [])
    return get_registry().effective_enabled(keys)


async def _from_session(token: str, actor: Actor) -> tuple[Actor, str | None]:
    rows = await UserSession.raw(
        "SELECT s.id AS session_id, s.user_id, s.active_tenant, s.expires_at, "
        "u.is_active AS user_active, u.locale AS user_locale, "
        "u.totp_enabled_at, t.require_two_factor_for_owners, "
        "t.status AS tenant_status, t.enabled_modules "
        "FROM user_sessions s JOIN users u ON u.id = s.user_id "
        "LEFT JOIN tenants t ON t.id = s.active_tenant WHERE s.token_hash = {}",
        token_hash(token),
    )
    if not rows:
        return actor, None
    row = rows[0]
    if _aware(row["expires_at"]) <= datetime.now(UTC) or not row["user_active"]:
        return actor, None
    if row["active_tenant"] is None or row["tenant_status"] != "active":
        return actor, row["user_locale"]
    tenant_id = row["active_tenant"]
    with tenant_scope.scoped(tenant_id=tenant_id, user_id=row["user_id"]):
        membership = await Membership.select(Membership.id).where(
            (Membership.user_id == row["user_id"]) & (Membership.is_active == True)  # noqa: E712
        ).first()
    if membership is None:
        return actor, row["user_locale"]
    actor.via = "session"
    actor.user_id = row["user_id"]
    actor.session_id = row["session_id"]
    actor.tenant_id = tenant_id
    actor.membership_id = membership["id"]
    actor.enabled_modules = enabled_of(row)
    actor._two_factor_gap = bool(row["require_two_factor_for_owners"]) and \
        row["totp_enabled_at"] is None
    return actor, row["user_locale"]


async def _from_bearer(token: str, actor: Actor) -> Actor:
    claims = tokens.verify(token)
    if claims is None:
        return actor
    tenant = await Tenant.select(Tenant.status, Tenant.enabled_modules).where(
        Tenant.id == claims.tenant_id
    ).first()
    if tenant is None or tenant["status"] != "active":
        return actor
    with tenant_scope.scoped(tenant_id=claims.tenant_id, oauth_client_id=claims.client_id):
        client = await OAuthClient.select(OAuthClient.id).where(
            (OAuthClient.client_id == claims.client_id) & OAuthClient.revoked_at.is_null()
        ).first()
    if client is None:
        return actor
    actor.client_id = claims.client_id
    actor.tenant_id = claims.tenant_id
    actor.scopes = claims.scopes
    actor.enabled_modules = enabled_of(tenant)
    if claims.user_id is not None:
        # A token acting for a person lives as long as the person's authorization (grant) of
        # the app, their account and their membership: each is checked on every request.
        with tenant_scope.scoped(tenant_id=claims.tenant_id, user_id=claims.user_id):
            rows = await Membership.raw(
                "SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id "
                "JOIN oauth_grants g ON g.user_id = m.user_id AND g.tenant_id = m.tenant_id "
                "WHERE m.tenant_id = {} AND m.user_id = {} AND m.is_active = {} AND u.is_active = {} "
                "AND g.id = {} AND g.client_id = {} AND g.revoked_at IS NULL",
                claims.tenant_id, claims.user_id, True, True, claims.grant_id, claims.client_id)
        membership = rows[0] if rows else None
        if membership is None:
            return Actor(ip=actor.ip)
        actor.user_id = claims.user_id
        actor.membership_id = membership["id"]
    return actor


async def resolve(scope: dict[str, Any]) -> Actor:
    headers = _headers(scope)
    actor = Actor(ip=client_ip(scope))
    user_locale: str | None = None
    authorization = headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        actor = await _from_bearer(authorization[7:].strip(), actor)
        actor.via = "token"
    elif "cookie" in headers:
        cookie = SimpleCookie()
        try:
            cookie.load(headers["cookie"])
        except Exception:  # noqa: BLE001 - a malformed cookie header means no session
            cookie = SimpleCookie()
        if COOKIE in cookie and cookie[COOKIE].value:
            actor, user_locale = await _from_session(cookie[COOKIE].value, actor)
    set_locale(from_accept_language(headers.get("accept-language")) or user_locale)
    return actor


async def _serve(app: Any, scope: dict[str, Any], receive: Any, send: Any) -> None:
    actor = await resolve(scope)
    scope.setdefault("state", {})["actor"] = actor
    tenant_scope.set_scope(tenant_scope.Scope(actor.tenant_id, actor.user_id, actor.client_id))
    SchemaRouter.use(actor.enabled_modules)
    await app(scope, receive, send)


def edge_middleware(app: Any) -> Any:
    """ASGI middleware: fixes the actor, the tenant scope, the locale and the schema."""

    async def middleware(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        # Everything the edge decides is undone after the request, so that nothing of it
        # outlives the request, whoever runs the app (a server gives each request a task of
        # its own; an in-process test client does not).
        saved = contextvars.copy_context()
        try:
            await _serve(app, scope, receive, send)
        finally:
            tenant_scope.set_scope(saved.get(tenant_scope._scope, tenant_scope.Scope()))
            SchemaRouter.use(saved.get(schema_module._current_modules, frozenset({"core"})))
            i18n.set_locale(saved.get(i18n._locale, "en"))

    return middleware
