"""Log-in, log-out and switching tenant, as plain functions over the tables."""

from __future__ import annotations

from typing import Any

from backoffice.db import scope as tenant_scope
from backoffice.db.engine import enter_scope
from backoffice.errors import BadUserInput, NotFound, TenantSuspended
from backoffice.identity import passwords, throttle
from backoffice.identity.tables import Membership, User
from backoffice.tenancy.tables import Tenant

INVALID_CREDENTIALS = (
    "The email, password or company is not right.",
    "Email, kata sandi, atau perusahaan tidak sesuai.",
)


async def memberships_of(user_id: int) -> list[dict[str, Any]]:
    """Every active tenant the user belongs to (read under the user's own scope)."""
    with tenant_scope.scoped(user_id=user_id):
        rows = await Membership.raw(
            "SELECT m.tenant_id FROM memberships m WHERE m.user_id = {} AND m.is_active = {}",
            user_id, True,
        )
    ids = [r["tenant_id"] for r in rows]
    if not ids:
        return []
    return await Tenant.select(Tenant.id, Tenant.slug, Tenant.name, Tenant.status).where(
        Tenant.id.is_in(ids)
    ).order_by(Tenant.name)


async def authenticate(email: str, password: str, tenant_slug: str | None,
                       ip: str) -> tuple[int, int]:
    """Check credentials and pick the tenant. Returns ``(user_id, tenant_id)``.

    Every failure reads the same to the caller and counts towards throttling. For a user with
    two-factor on this is only the first step (:mod:`backoffice.identity.two_factor`): the
    caller must not start a session before the second.
    """
    email = email.strip().lower()
    await throttle.check(email, ip)
    user = await User.select(User.id, User.password_hash, User.is_active,
                             User.totp_enabled_at).where(User.email == email).first()
    ok = await passwords.verify_password(user["password_hash"] if user else None, password)
    if not ok or user is None or not user["is_active"]:
        await throttle.record_failure(email, ip)
        raise BadUserInput(INVALID_CREDENTIALS, code="INVALID_CREDENTIALS")
    tenants = await memberships_of(user["id"])
    if tenant_slug:
        tenants = [t for t in tenants if t["slug"] == tenant_slug.strip().lower()]
    if not tenants:
        await throttle.record_failure(email, ip)
        raise BadUserInput(INVALID_CREDENTIALS, code="INVALID_CREDENTIALS")
    active = [t for t in tenants if t["status"] == "active"]
    if not active:
        raise TenantSuspended()
    if user["totp_enabled_at"] is None:
        # With two-factor on, the failures are forgiven only once the second factor is right
        # too: a right password must not reset the count of wrong codes.
        await throttle.clear_account(email)
    if passwords.needs_rehash(user["password_hash"]):
        await User.update({User.password_hash: await passwords.hash_password(password)}).where(
            User.id == user["id"])
    return user["id"], active[0]["id"]


async def switch_tenant_by_id(user_id: int, tenant_id: int) -> int:
    """The company ``tenant_id`` if the user is still an active member of it and it is active
    (the second step of a log-in checks again what the first one found)."""
    for t in await memberships_of(user_id):
        if t["id"] == tenant_id:
            if t["status"] != "active":
                raise TenantSuspended()
            return t["id"]
    raise BadUserInput(INVALID_CREDENTIALS, code="INVALID_CREDENTIALS")


async def switch_tenant(user_id: int, tenant_slug: str) -> int:
    for t in await memberships_of(user_id):
        if t["slug"] == tenant_slug.strip().lower():
            if t["status"] != "active":
                raise TenantSuspended()
            await enter_scope(t["id"], user_id)
            return t["id"]
    raise NotFound()


async def become(actor: Any, user_id: int, tenant_id: int) -> None:
    """Make the request's actor the given user in the given tenant (after log-in or sign-up),
    so that the rest of the request answers with the new rights."""
    from backoffice.identity.edge import enabled_of  # noqa: PLC0415

    await enter_scope(tenant_id, user_id)
    membership = await Membership.select(Membership.id).where(
        Membership.user_id == user_id).first()
    tenant = await Tenant.select(Tenant.enabled_modules).where(Tenant.id == tenant_id).first()
    actor.user_id = user_id
    actor.tenant_id = tenant_id
    actor.membership_id = membership["id"] if membership else None
    actor.enabled_modules = enabled_of(tenant) if tenant else frozenset({"core"})
    actor.via = "session"
    actor.invalidate()
