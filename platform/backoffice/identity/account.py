"""Proving an email address and resetting a forgotten password, by single-use links sent by mail.

A link carries a random token; only its SHA-256 is stored (``account_tokens``), with its purpose,
the address it was sent to and its expiry. Using a token is one conditional UPDATE, so a link
works once even when opened twice at the same moment.

Password reset requests answer the same whether or not an account has the address, and are
throttled per address and per client address (``throttle_hits``), across processes.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from backoffice.errors import NotFound, RateLimited
from backoffice.i18n import normalise
from backoffice.identity import passwords
from backoffice.identity.tables import AccountToken, LoginFailure, ThrottleHit, User, UserSession
from backoffice.mail import templates
from backoffice.mail.outbox import Message, queue
from backoffice.settings import get_settings
from backoffice.tenancy.services import validate_email, validate_password

VERIFY = "verify_email"
RESET = "reset_password"
INVALID_LINK = ("This link is not valid, already used or expired.",
                "Tautan ini tidak valid, sudah dipakai, atau kedaluwarsa.")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


async def _issue(user_id: int, purpose: str, email: str, ttl: timedelta) -> str:
    token = secrets.token_urlsafe(32)
    await AccountToken.insert(AccountToken(user_id=user_id, purpose=purpose, email=email,
                                           token_hash=token_hash(token), expires_at=_now() + ttl))
    return token


async def _use(token: str, purpose: str) -> dict[str, Any]:
    """Spend ``token``; NOT_FOUND if it is unknown, of another purpose, used or expired."""
    if not token or len(token) > 200:
        raise NotFound(INVALID_LINK)
    spent = await AccountToken.update({AccountToken.used_at: _now()}).where(
        (AccountToken.token_hash == token_hash(token)) & (AccountToken.purpose == purpose)
        & AccountToken.used_at.is_null() & (AccountToken.expires_at > _now())
    ).returning(AccountToken.user_id, AccountToken.email)
    if not spent:
        raise NotFound(INVALID_LINK)
    return spent[0]


def link(path: str, token: str) -> str:
    return f"{get_settings().base_url.rstrip('/')}{path}?token={token}"


# -- throttling ---------------------------------------------------------------------------------


async def throttle(keys: list[tuple[str, int]], window_seconds: int) -> None:
    """Count one request under each key; RATE_LIMITED (counting nothing) when a key has had its
    ``limit`` of requests in the window already."""
    since = _now() - timedelta(seconds=window_seconds)
    for key, limit in keys:
        if await ThrottleHit.count().where((ThrottleHit.key == key) & (ThrottleHit.at > since)) >= limit:
            minutes = max(1, window_seconds // 60)
            raise RateLimited((f"Too many requests. Try again in {minutes} minutes.",
                               f"Terlalu banyak permintaan. Coba lagi dalam {minutes} menit."),
                              retry_after=window_seconds)
    await ThrottleHit.insert(*[ThrottleHit(key=key) for key, _ in keys])
    # Hits older than a day serve no window: keep the table small.
    await ThrottleHit.delete().where(ThrottleHit.at < _now() - timedelta(days=1))


# -- email verification -------------------------------------------------------------------------


async def send_verification(user_id: int) -> bool:
    """Mail a verification link to the user's address, unless it is verified already.
    The mail belongs to the tenant in scope, if any. Returns whether one was queued."""
    user = await User.select(User.email, User.full_name, User.locale, User.email_verified_at).where(
        User.id == user_id).first()
    if user is None or user["email_verified_at"] is not None:
        return False
    hours = get_settings().email_verification_ttl_hours
    token = await _issue(user_id, VERIFY, user["email"], timedelta(hours=hours))
    locale = normalise(user["locale"])
    mail = templates.verify_email(locale, name=user["full_name"],
                                  url=link("/verify-email", token), hours=hours)
    await queue(Message(to=user["email"], subject=mail.subject, text=mail.text, html=mail.html,
                        kind="core.verify_email", locale=locale, user_id=user_id))
    return True


async def request_verification(user_id: int) -> bool:
    """A new verification link on the user's request (throttled like password resets)."""
    s = get_settings()
    await throttle([(f"verify:user:{user_id}", s.password_reset_max_per_account)],
                   s.password_reset_window_seconds)
    return await send_verification(user_id)


async def verify_email(token: str) -> int:
    """Mark the address the link was sent to as verified. Returns the user's id."""
    spent = await _use(token, VERIFY)
    user = await User.select(User.email).where(User.id == spent["user_id"]).first()
    if user is None or user["email"] != spent["email"]:
        raise NotFound(INVALID_LINK)  # the address changed since the link was sent
    await User.update({User.email_verified_at: _now()}).where(
        (User.id == spent["user_id"]) & User.email_verified_at.is_null())
    return spent["user_id"]


async def mark_verified(user_id: int) -> None:
    """The address is proven another way (an invitation link sent to it was followed)."""
    await User.update({User.email_verified_at: _now()}).where(
        (User.id == user_id) & User.email_verified_at.is_null())


# -- password reset -----------------------------------------------------------------------------


async def request_password_reset(email: str, ip: str) -> None:
    """Mail a reset link if an active account has ``email``; the same answer either way.
    Run with no tenant in scope: the mail belongs to nobody."""
    s = get_settings()
    email = validate_email(email)
    await throttle([(f"reset:account:{email}", s.password_reset_max_per_account),
                    (f"reset:address:{ip}", s.password_reset_max_per_address)],
                   s.password_reset_window_seconds)
    user = await User.select(User.id, User.email, User.full_name, User.locale, User.is_active).where(
        User.email == email).first()
    if user is None or not user["is_active"]:
        return
    minutes = s.password_reset_ttl_minutes
    token = await _issue(user["id"], RESET, user["email"], timedelta(minutes=minutes))
    locale = normalise(user["locale"])
    mail = templates.password_reset(locale, name=user["full_name"],
                                    url=link("/reset-password", token), minutes=minutes)
    await queue(Message(to=user["email"], subject=mail.subject, text=mail.text, html=mail.html,
                        kind="core.password_reset", locale=locale, user_id=user["id"]))


async def reset_password(token: str, password: str, *, keep_session_id: int | None = None) -> int:
    """Set a new password from a reset link. Every other session of the user ends, and every
    other reset link of theirs stops working. Returns the user's id."""
    validate_password(password)
    spent = await _use(token, RESET)
    user_id = spent["user_id"]
    user = await User.select(User.email, User.is_active).where(User.id == user_id).first()
    if user is None or not user["is_active"]:
        raise NotFound(INVALID_LINK)
    values: dict[Any, Any] = {User.password_hash: await passwords.hash_password(password)}
    await User.update(values).where(User.id == user_id)
    if user["email"] == spent["email"]:
        await mark_verified(user_id)  # the link reached the address: it is proven
    await AccountToken.update({AccountToken.used_at: _now()}).where(
        (AccountToken.user_id == user_id) & (AccountToken.purpose == RESET)
        & AccountToken.used_at.is_null())
    sessions = UserSession.user_id == user_id
    if keep_session_id is not None:
        sessions = sessions & (UserSession.id != keep_session_id)
    await UserSession.delete().where(sessions)
    await LoginFailure.delete().where(LoginFailure.key == f"account:{user['email']}")
    return user_id
