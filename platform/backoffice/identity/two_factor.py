"""Two-factor authentication with time-based one-time passwords (TOTP, RFC 6238: HMAC-SHA1,
30-second steps, 6 digits, the authenticator apps' defaults), and single-use recovery codes.

A user turns it on in two steps: :func:`start_setup` makes a secret and keeps it *pending*;
:func:`confirm_setup` turns it on once a code computed from it is right, and hands out the
recovery codes, once. The secrets are sealed (Fernet) with a key derived from ``SECRET_KEY``
and never leave this module except in the setup answer itself; recovery codes are stored only
as SHA-256 hashes (they are random and long, so a fast hash is enough).

A code is accepted for the current step and one step either side (clock drift), and only for
a step later than the last one accepted: the same code never works twice. Accepting a code and
spending a recovery code are each one conditional UPDATE, so two requests racing with the same
code cannot both succeed.

Logging in with a password when two-factor is on does not start a session: it answers a
*challenge*, a short-lived signed token naming the user and the company, which
``logInSecondFactor`` (or the OAuth authorization page) exchanges, with a code, for a session.
The challenge stops working when the password changes.

A company can require two-factor for its owners (``tenants.require_two_factor_for_owners``):
an owner without it then gets a session that can only set it up
(:meth:`backoffice.identity.actor.Actor.two_factor_setup_required`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pyotp
from cryptography.fernet import Fernet, InvalidToken
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OctKey

from backoffice.errors import BadUserInput, Conflict
from backoffice.identity import passwords
from backoffice.identity.tables import User
from backoffice.settings import get_settings

ISSUER = "Backoffice"
STEP_SECONDS = 30
DIGITS = 6
DRIFT_STEPS = 1
RECOVERY_CODES = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i
CHALLENGE_TTL = 300
CHALLENGE_AUDIENCE = "backoffice-second-factor"
ALGORITHM = "HS256"

INVALID_CODE = ("The code is not right, or it was used already. Enter the current code from "
                "your authenticator app.",
                "Kode tidak sesuai atau sudah pernah dipakai. Masukkan kode terbaru dari aplikasi "
                "autentikator Anda.")
INVALID_PROOF = ("The password or code is not right.", "Kata sandi atau kode tidak sesuai.")
EXPIRED_CHALLENGE = ("The log-in has expired. Log in again with your password.",
                     "Proses masuk sudah kedaluwarsa. Masuk lagi dengan kata sandi Anda.")
CODE_NEEDED = ("Enter the code from your authenticator app.",
               "Masukkan kode dari aplikasi autentikator Anda.")
NOT_ON = ("Two-factor authentication is not on.", "Autentikasi dua faktor tidak aktif.")
ALREADY_ON = ("Two-factor authentication is on already. Turn it off first to set it up again.",
              "Autentikasi dua faktor sudah aktif. Matikan dahulu untuk mengaturnya ulang.")
NO_SETUP = ("Start the setup first.", "Mulai pengaturan terlebih dahulu.")


# -- sealing secrets ------------------------------------------------------------------------


def _fernet() -> Fernet:
    # A key of its own, derived from SECRET_KEY, never shared with other uses of it.
    digest = hashlib.sha256(b"backoffice-totp-secret:" + get_settings().secret_key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def unseal(sealed: str) -> str | None:
    """The secret, or ``None`` when there is none or it cannot be read (another SECRET_KEY)."""
    if not sealed:
        return None
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except (InvalidToken, ValueError):
        return None


# -- codes ----------------------------------------------------------------------------------


def clock() -> float:
    """Now, in seconds (the tests move it to choose a code's step)."""
    return time.time()


def _normalise_code(code: str) -> str:
    return "".join(code.split())


def matching_step(secret: str, code: str, now: float | None = None) -> int | None:
    """The time step whose code ``code`` is (the current one or one either side), or None."""
    code = _normalise_code(code)
    if len(code) != DIGITS or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS)
    current = int(clock() if now is None else now) // STEP_SECONDS
    found = None
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        # Every candidate is compared, in constant time, whichever matches.
        if hmac.compare_digest(totp.generate_otp(step), code) and found is None:
            found = step
    return found


def _normalise_recovery(code: str) -> str:
    return "".join(c for c in code.lower() if c.isalnum())


def recovery_hash(code: str) -> str:
    return hashlib.sha256(_normalise_recovery(code).encode()).hexdigest()


def new_recovery_codes() -> list[str]:
    """Ten codes like ``k7mq-3xpa-9rtw`` (about 59 random bits each)."""
    def one() -> str:
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(12))
        return "-".join(raw[i:i + 4] for i in range(0, 12, 4))

    return [one() for _ in range(RECOVERY_CODES)]


def looks_like_recovery_code(code: str) -> bool:
    return len(_normalise_recovery(code)) == 12


# -- state ----------------------------------------------------------------------------------


def _now() -> datetime:
    return datetime.now(UTC)


async def _user(user_id: int) -> dict[str, Any] | None:
    return await User.select(
        User.id, User.email, User.password_hash, User.is_active, User.totp_secret,
        User.totp_pending_secret, User.totp_enabled_at, User.totp_last_step,
        User.totp_recovery_codes,
    ).where(User.id == user_id).first()


async def is_enabled(user_id: int) -> bool:
    row = await User.select(User.totp_enabled_at).where(User.id == user_id).first()
    return bool(row and row["totp_enabled_at"] is not None)


async def recovery_codes_left(user_id: int) -> int:
    row = await User.select(User.totp_recovery_codes).where(User.id == user_id).first()
    return len((row or {}).get("totp_recovery_codes", "").split())


async def policy_gap(user_id: int, tenant_id: int) -> bool:
    """Whether the company requires two-factor of its owners and the user does not use it
    (whether the user is an owner is for the caller to tell)."""
    from backoffice.tenancy.tables import Tenant  # noqa: PLC0415

    rows = await Tenant.raw(
        "SELECT t.require_two_factor_for_owners AS required, u.totp_enabled_at AS enabled_at "
        "FROM tenants t, users u WHERE t.id = {} AND u.id = {}", tenant_id, user_id)
    return bool(rows and rows[0]["required"] and rows[0]["enabled_at"] is None)


async def setup_required(user_id: int, tenant_id: int) -> bool:
    """Whether this user, in this company, must set up two-factor before anything else: the
    company requires it of owners, they are one, and they have not."""
    from backoffice.db import scope as tenant_scope  # noqa: PLC0415
    from backoffice.identity import roles  # noqa: PLC0415
    from backoffice.identity.tables import Membership  # noqa: PLC0415

    if not await policy_gap(user_id, tenant_id):
        return False
    with tenant_scope.scoped(tenant_id=tenant_id, user_id=user_id):
        membership = await Membership.select(Membership.id).where(
            (Membership.user_id == user_id) & (Membership.is_active == True)  # noqa: E712
        ).first()
        if membership is None:
            return False
        keys = {r["key"] for r in await roles.roles_of_membership(membership["id"])}
    return roles.OWNER_KEY in keys


# -- setting up and turning off -------------------------------------------------------------


@dataclass(frozen=True)
class Setup:
    secret: str
    uri: str
    qr_svg: str  # a data: URI


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).provisioning_uri(
        name=email, issuer_name=ISSUER)


def qr_data_uri(uri: str) -> str:
    import segno  # noqa: PLC0415

    return segno.make(uri, error="m").svg_data_uri(scale=4, border=2)


async def start_setup(user_id: int) -> Setup:
    """A new secret, kept pending until :func:`confirm_setup`; replaces any pending one."""
    user = await _user(user_id)
    if user is None:
        raise BadUserInput(NOT_ON)
    if user["totp_enabled_at"] is not None:
        raise Conflict(ALREADY_ON, code="TWO_FACTOR_ALREADY_ENABLED")
    secret = pyotp.random_base32()  # 160 bits, as RFC 4226 recommends
    await User.update({User.totp_pending_secret: seal(secret)}).where(User.id == user_id)
    uri = provisioning_uri(secret, user["email"])
    return Setup(secret=secret, uri=uri, qr_svg=qr_data_uri(uri))


async def confirm_setup(user_id: int, code: str) -> list[str]:
    """Turn two-factor on with a code computed from the pending secret. Returns the recovery
    codes, which are never shown again."""
    user = await _user(user_id)
    if user is None or user["totp_enabled_at"] is not None:
        raise Conflict(ALREADY_ON, code="TWO_FACTOR_ALREADY_ENABLED")
    secret = unseal(user["totp_pending_secret"])
    if secret is None:
        raise BadUserInput(NO_SETUP, code="TWO_FACTOR_SETUP_NOT_STARTED")
    step = matching_step(secret, code)
    if step is None:
        raise BadUserInput(INVALID_CODE, code="INVALID_CODE", field="code")
    codes = new_recovery_codes()
    updated = await User.update({
        User.totp_secret: user["totp_pending_secret"],
        User.totp_pending_secret: "",
        User.totp_enabled_at: _now(),
        User.totp_last_step: step,
        User.totp_recovery_codes: " ".join(recovery_hash(c) for c in codes),
    }).where((User.id == user_id) & User.totp_enabled_at.is_null()).returning(User.id)
    if not updated:
        raise Conflict(ALREADY_ON, code="TWO_FACTOR_ALREADY_ENABLED")
    return codes


async def disable(user_id: int) -> None:
    """Turn two-factor off and forget its secret and recovery codes (the caller checked a proof)."""
    await User.update({
        User.totp_secret: "", User.totp_pending_secret: "", User.totp_enabled_at: None,
        User.totp_recovery_codes: "",
    }).where(User.id == user_id)


async def regenerate_recovery_codes(user_id: int) -> list[str]:
    """New recovery codes; the old ones stop working (the caller checked a proof)."""
    if not await is_enabled(user_id):
        raise BadUserInput(NOT_ON, code="TWO_FACTOR_NOT_ENABLED")
    codes = new_recovery_codes()
    await User.update({User.totp_recovery_codes: " ".join(recovery_hash(c) for c in codes)}).where(
        User.id == user_id)
    return codes


async def tell_owner(user_id: int, turned_on: bool) -> None:
    """Mail the account's address that two-factor was turned on or off (sent once the
    surrounding transaction commits)."""
    from backoffice.i18n import normalise  # noqa: PLC0415
    from backoffice.mail import templates  # noqa: PLC0415
    from backoffice.mail.outbox import Message, queue  # noqa: PLC0415

    user = await User.select(User.email, User.full_name, User.locale).where(User.id == user_id).first()
    if user is None:
        return
    locale = normalise(user["locale"])
    url = f"{get_settings().base_url.rstrip('/')}/account"
    mail = templates.two_factor_changed(locale, name=user["full_name"], turned_on=turned_on, url=url)
    await queue(Message(to=user["email"], subject=mail.subject, text=mail.text, html=mail.html,
                        kind="core.two_factor", locale=locale, user_id=user_id))


# -- checking a second factor ---------------------------------------------------------------


async def use_code(user_id: int, code: str) -> bool:
    """Accept a TOTP code once: True if it is right and of a step later than the last one
    accepted (which it becomes)."""
    user = await _user(user_id)
    if user is None or user["totp_enabled_at"] is None:
        return False
    secret = unseal(user["totp_secret"])
    if secret is None:
        return False
    step = matching_step(secret, code)
    if step is None:
        return False
    accepted = await User.update({User.totp_last_step: step}).where(
        (User.id == user_id) & User.totp_enabled_at.is_not_null()
        & (User.totp_last_step.is_null() | (User.totp_last_step < step))
    ).returning(User.id)
    return bool(accepted)


async def use_recovery_code(user_id: int, code: str) -> bool:
    """Spend a recovery code: True once per code."""
    user = await _user(user_id)
    if user is None or user["totp_enabled_at"] is None or not looks_like_recovery_code(code):
        return False
    stored = user["totp_recovery_codes"] or ""
    hashes = stored.split()
    wanted = recovery_hash(code)
    match = None
    for h in hashes:
        if hmac.compare_digest(h, wanted):
            match = h
    if match is None:
        return False
    rest = " ".join(h for h in hashes if h != match)
    spent = await User.update({User.totp_recovery_codes: rest}).where(
        (User.id == user_id) & (User.totp_recovery_codes == stored)).returning(User.id)
    return bool(spent)


async def use_second_factor(user_id: int, code: str | None, recovery_code: str | None) -> str | None:
    """Check a TOTP code or a recovery code. Returns which one worked (``"totp"`` or
    ``"recovery_code"``), or None."""
    if code and await use_code(user_id, code):
        return "totp"
    if recovery_code and await use_recovery_code(user_id, recovery_code):
        return "recovery_code"
    return None


async def check_proof(user_id: int, password: str | None, code: str | None) -> bool:
    """A proof that the person is the account's owner: the password, a current code or a
    recovery code (spent if used)."""
    user = await _user(user_id)
    if user is None:
        return False
    if password and await passwords.verify_password(user["password_hash"], password):
        return True
    if code:
        if looks_like_recovery_code(code):
            return await use_recovery_code(user_id, code)
        return await use_code(user_id, code)
    return False


# -- the log-in challenge -------------------------------------------------------------------


def _challenge_key() -> OctKey:
    secret = hashlib.sha256(b"backoffice-second-factor:" + get_settings().secret_key.encode()).digest()
    return OctKey.import_key(secret)


def _password_tag(password_hash: str) -> str:
    # Ties a challenge to the password it was earned with: a reset ends it.
    return hashlib.sha256(b"challenge:" + password_hash.encode()).hexdigest()[:32]


def issue_challenge(user_id: int, tenant_id: int, password_hash: str) -> str:
    now = int(time.time())
    claims = {"aud": CHALLENGE_AUDIENCE, "uid": user_id, "tid": tenant_id, "iat": now,
              "exp": now + CHALLENGE_TTL, "pwt": _password_tag(password_hash),
              "jti": secrets.token_urlsafe(8)}
    return jwt.encode({"alg": ALGORITHM}, claims, _challenge_key(), algorithms=[ALGORITHM])


async def challenge_for(user_id: int, tenant_id: int) -> str | None:
    """After the right password: a challenge if the user has two-factor on, else None."""
    user = await _user(user_id)
    if user is None or user["totp_enabled_at"] is None:
        return None
    return issue_challenge(user_id, tenant_id, user["password_hash"])


@dataclass(frozen=True)
class Challenge:
    user_id: int
    tenant_id: int
    email: str


async def read_challenge(token: str) -> Challenge | None:
    """The user and company a challenge was issued for, or None when it is forged, expired,
    or the password changed since."""
    if not token or len(token) > 2000:
        return None
    try:
        decoded = jwt.decode(token, _challenge_key(), algorithms=[ALGORITHM])
        jwt.JWTClaimsRegistry(
            aud={"essential": True, "value": CHALLENGE_AUDIENCE}, exp={"essential": True},
            uid={"essential": True}, tid={"essential": True}, pwt={"essential": True},
        ).validate(decoded.claims)
    except (JoseError, ValueError, TypeError):
        return None
    claims = decoded.claims
    if not isinstance(claims.get("uid"), int) or not isinstance(claims.get("tid"), int):
        return None
    user = await _user(claims["uid"])
    if user is None or not user["is_active"] or user["totp_enabled_at"] is None:
        return None
    if not hmac.compare_digest(str(claims["pwt"]), _password_tag(user["password_hash"])):
        return None
    return Challenge(user_id=claims["uid"], tenant_id=claims["tid"], email=user["email"])
