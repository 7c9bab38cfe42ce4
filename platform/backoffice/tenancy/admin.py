"""Operator actions on tenants (the ``backoffice`` CLI): create, list, suspend, resume,
delete, and the demo tenant. Each runs in its own transaction."""

from __future__ import annotations

import getpass
import json
from typing import Any

from backoffice.db import scope as tenant_scope
from backoffice.db.engine import enter_scope, write_transaction
from backoffice.errors import NotFound
from backoffice.identity import passwords
from backoffice.identity.tables import User
from backoffice.runtime import get_engine, get_registry
from backoffice.tenancy import services
from backoffice.tenancy.tables import Tenant

DEMO_COMPANY = "PT Contoh Maju"


async def _owner(email: str, name: str, password: str | None, locale: str) -> int:
    email = services.validate_email(email)
    existing = await User.select(User.id).where(User.email == email).first()
    if existing:
        return existing["id"]
    if password is None:
        password = getpass.getpass(f"Password for {email}: ")
    services.validate_password(password)
    result = await User.insert(User(email=email, full_name=name, locale=locale,
                                    password_hash=await passwords.hash_password(password)))
    return result[0]["id"]


async def create_tenant(*, name: str, owner_email: str, owner_name: str, password: str | None,
                        locale: str = "en", modules: list[str] | None = None) -> dict[str, Any]:
    async with write_transaction(get_engine()):
        user_id = await _owner(owner_email, owner_name, password, locale)
        tenant_id = await services.create_tenant(name, locale=locale, owner_user_id=user_id,
                                                 modules=modules)
        slug = (await services.get_tenant(tenant_id))["slug"]
    return {"id": tenant_id, "slug": slug, "owner_email": owner_email}


async def _by_slug(slug: str) -> dict[str, Any]:
    row = await Tenant.select().where(Tenant.slug == slug).first()
    if row is None:
        raise NotFound((f"No tenant with slug {slug!r}.", f"Tidak ada tenant dengan slug {slug!r}."))
    return row


async def list_tenants() -> list[dict[str, Any]]:
    rows = await Tenant.select().order_by(Tenant.id)
    return [{"id": r["id"], "slug": r["slug"], "name": r["name"], "status": r["status"],
             "modules": services.enabled_keys(r), "created_at": r["created_at"]} for r in rows]


async def suspend_tenant(slug: str) -> None:
    row = await _by_slug(slug)
    async with write_transaction(get_engine()):
        await services.set_status(row["id"], "suspended")


async def resume_tenant(slug: str) -> None:
    row = await _by_slug(slug)
    async with write_transaction(get_engine()):
        await services.set_status(row["id"], "active")


async def delete_tenant(slug: str) -> dict[str, int]:
    row = await _by_slug(slug)
    async with write_transaction(get_engine()):
        return await services.delete_tenant(row["id"])


async def seed_demo(*, email: str, password: str, company: str = DEMO_COMPANY) -> dict[str, Any]:
    """The demo tenant with every module enabled and each module's demo data."""
    existing = await Tenant.select(Tenant.id, Tenant.slug).where(
        Tenant.name == company).first()
    if existing:
        return {"slug": existing["slug"], "created": False}
    registry = get_registry()
    async with write_transaction(get_engine()):
        user_id = await _owner(email, "Demo Owner", password, "en")
        tenant_id = await services.create_tenant(company, owner_user_id=user_id)
        await enter_scope(tenant_id, user_id)
        for key in registry.optional_keys:
            await services.enable_module(key)
        for key in registry.keys:
            await services._maybe_await(registry.call(key, "seed_demo", tenant_id=tenant_id,
                                                                   owner_user_id=user_id))
        slug = (await services.get_tenant(tenant_id))["slug"]
    tenant_scope.set_scope(tenant_scope.Scope())
    return {"slug": slug, "created": True, "modules": json.dumps(registry.optional_keys)}
