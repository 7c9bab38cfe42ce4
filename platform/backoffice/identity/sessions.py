"""Browser sessions: a random token in an HttpOnly cookie, its SHA-256 in the database.

A new session is created at every log-in (session rotation) and the old one is deleted.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from backoffice.identity.tables import UserSession
from backoffice.settings import get_settings

COOKIE = "bo_session"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_session(user_id: int, tenant_id: int, *, ip: str = "", user_agent: str = "") -> str:
    token = secrets.token_urlsafe(32)
    ttl = timedelta(hours=get_settings().session_ttl_hours)
    await UserSession.insert(UserSession(
        token_hash=token_hash(token), user_id=user_id, active_tenant=tenant_id,
        expires_at=datetime.now(UTC) + ttl, ip=ip[:64], user_agent=user_agent[:300],
    ))
    return token


async def delete_session(session_id: int) -> None:
    await UserSession.delete().where(UserSession.id == session_id)


async def switch_session_tenant(session_id: int, tenant_id: int) -> None:
    await UserSession.update({UserSession.active_tenant: tenant_id}).where(
        UserSession.id == session_id
    )


def set_cookie(response: object, token: str) -> None:
    settings = get_settings()
    response.set_cookie(  # type: ignore[attr-defined]
        key=COOKIE, value=token, httponly=True, samesite="lax",
        secure=settings.secure_cookies, path="/",
        max_age=settings.session_ttl_hours * 3600,
    )


def clear_cookie(response: object) -> None:
    settings = get_settings()
    response.set_cookie(  # type: ignore[attr-defined]
        key=COOKIE, value="", httponly=True, samesite="lax",
        secure=settings.secure_cookies, path="/", max_age=0,
    )
