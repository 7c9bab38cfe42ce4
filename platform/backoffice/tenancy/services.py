"""Tenant lifecycle: sign-up, slugs, enabling and disabling modules, suspension, deletion."""

from __future__ import annotations

import json
import re
import secrets
import unicodedata
from typing import Any

from backoffice.db import scope as tenant_scope
from backoffice.db.engine import enter_scope
from backoffice.errors import BadUserInput, Conflict, NotFound
from backoffice.identity import passwords, roles
from backoffice.identity.tables import Membership, MembershipRole, Role, User, UserSession
from backoffice.modules.manager import ModuleRegistry
from backoffice.runtime import get_registry
from backoffice.tenancy.tables import Tenant

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def slugify(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:40].strip("-") or "company"


async def unique_slug(name: str) -> str:
    base = slugify(name)
    slug = base
    while await Tenant.exists().where(Tenant.slug == slug):
        slug = f"{base}-{secrets.token_hex(2)}"
    return slug


def validate_email(email: str) -> str:
    email = email.strip().lower()
    if not EMAIL_RE.match(email) or len(email) > 254:
        raise BadUserInput(("Enter a valid email address.", "Masukkan alamat email yang valid."),
                           field="email")
    return email


def validate_password(password: str) -> None:
    if len(password) < passwords.MIN_LENGTH:
        raise BadUserInput((
            f"The password needs at least {passwords.MIN_LENGTH} characters.",
            f"Kata sandi minimal {passwords.MIN_LENGTH} karakter.",
        ), field="password")


def enabled_keys(tenant: dict[str, Any]) -> list[str]:
    raw = tenant.get("enabled_modules")
    return list(json.loads(raw) if isinstance(raw, str) else (raw or []))


async def get_tenant(tenant_id: int, *, for_update: bool = False) -> dict[str, Any]:
    query = Tenant.select().where(Tenant.id == tenant_id)
    if for_update and Tenant._meta.db.engine_type == "postgres":
        # Enabling and disabling read, change and write the module list: two admins at once
        # must queue, not overwrite each other. (SQLite's write transactions queue anyway.)
        query = query.lock_rows("NO KEY UPDATE")
    row = await query.first()
    if row is None:
        raise NotFound()
    return row


async def create_tenant(name: str, *, locale: str = "en", owner_user_id: int,
                        modules: list[str] | None = None) -> int:
    """Create a tenant owned by ``owner_user_id`` and enter its scope. One INSERT plus its
    default rows: no DDL, so sign-up stays fast with any number of tenants."""
    name = name.strip()
    if not name or len(name) > 200:
        raise BadUserInput(("Enter the company's name.", "Masukkan nama perusahaan."),
                           field="companyName")
    registry = get_registry()
    default = [m.key for m in registry if m.manifest.default_enabled and not m.manifest.core]
    slug = await unique_slug(name)
    result = await Tenant.insert(Tenant(
        slug=slug, name=name, locale=locale, enabled_modules=[], owner_user_id=owner_user_id,
    ))
    tenant_id = result[0]["id"]
    await enter_scope(tenant_id, owner_user_id)
    await roles.ensure_roles([])
    membership = await Membership.insert(Membership(user_id=owner_user_id))
    owner_role = await Role.select(Role.id).where(Role.key == roles.OWNER_KEY).first()
    await MembershipRole.insert(MembershipRole(membership_id=membership[0]["id"],
                                               role_id=owner_role["id"]))
    for key in [*default, *(modules or [])]:
        await enable_module(key)
    return tenant_id


async def sign_up(*, company_name: str, email: str, password: str, full_name: str,
                  locale: str) -> tuple[int, int]:
    """A new company and its owner. Returns ``(user_id, tenant_id)``; the caller logs in.

    An existing user signing up again must use their own password: sign-up never lets a
    stranger attach a company to someone else's account.
    """
    email = validate_email(email)
    if not full_name.strip():
        raise BadUserInput(("Enter your name.", "Masukkan nama Anda."), field="fullName")
    existing = await User.select(User.id, User.password_hash).where(User.email == email).first()
    if existing is not None:
        if not await passwords.verify_password(existing["password_hash"], password):
            raise Conflict((
                "An account with this email exists. Log in, or use its password to add a company.",
                "Akun dengan email ini sudah ada. Masuk, atau gunakan kata sandinya untuk "
                "menambah perusahaan.",
            ), field="email")
        user_id = existing["id"]
    else:
        validate_password(password)
        result = await User.insert(User(
            email=email, password_hash=await passwords.hash_password(password),
            full_name=full_name.strip()[:200], locale=locale,
        ))
        user_id = result[0]["id"]
    tenant_id = await create_tenant(company_name, locale=locale, owner_user_id=user_id)
    return user_id, tenant_id


async def enable_module(key: str, registry: ModuleRegistry | None = None) -> list[str]:
    """Enable ``key`` and the modules it depends on for the tenant in scope.

    Returns the keys that were newly enabled, dependencies first."""
    registry = registry or get_registry()
    if key not in registry:
        raise NotFound((f"There is no module {key!r}.", f"Tidak ada modul {key!r}."))
    tenant_id = tenant_scope.current_tenant_id()
    tenant = await get_tenant(tenant_id, for_update=True)
    enabled = enabled_keys(tenant)
    newly = [k for k in registry.dependency_closure(key)
             if k not in enabled and not registry.get(k).manifest.core]
    if not newly:
        return []
    enabled = [*enabled, *newly]
    await Tenant.update({Tenant.enabled_modules: enabled}).where(Tenant.id == tenant_id)
    await roles.ensure_roles(enabled)
    for k in newly:
        await _maybe_await(registry.call(k, "on_module_enabled", tenant_id=tenant_id))
    return newly


async def disable_module(key: str, registry: ModuleRegistry | None = None) -> None:
    """Disable ``key`` for the tenant in scope; its data is kept. Refuses while an enabled
    module depends on it, naming those modules."""
    registry = registry or get_registry()
    if key not in registry:
        raise NotFound((f"There is no module {key!r}.", f"Tidak ada modul {key!r}."))
    if registry.get(key).manifest.core:
        raise BadUserInput(("The core cannot be disabled.", "Inti sistem tidak dapat dimatikan."),
                           field="key")
    tenant_id = tenant_scope.current_tenant_id()
    enabled = enabled_keys(await get_tenant(tenant_id, for_update=True))
    if key not in enabled:
        return
    blocking = [k for k in registry.dependents(key) if k in enabled]
    if blocking:
        names = ", ".join(sorted(blocking))
        raise Conflict((
            f"Disable {names} first: it depends on {key}.",
            f"Matikan {names} terlebih dahulu: modul tersebut bergantung pada {key}.",
        ), field="key", dependents=sorted(blocking))
    enabled = [k for k in enabled if k != key]
    await Tenant.update({Tenant.enabled_modules: enabled}).where(Tenant.id == tenant_id)
    await _maybe_await(registry.call(key, "on_module_disabled", tenant_id=tenant_id))


async def set_status(tenant_id: int, status: str) -> None:
    await Tenant.update({Tenant.status: status}).where(Tenant.id == tenant_id)
    if status != "active":
        await UserSession.delete().where(UserSession.active_tenant == tenant_id)


async def delete_tenant(tenant_id: int) -> dict[str, int]:
    """Delete the tenant and every row it owns, in every module's tables.

    Returns the number of rows removed per table."""
    from piccolo.table import sort_table_classes  # noqa: PLC0415

    from backoffice.db.tables import TenantTable  # noqa: PLC0415

    registry = get_registry()
    tables = [t for m in registry if m.piccolo_app is not None
              for t in m.piccolo_app.table_classes if issubclass(t, TenantTable)]
    removed: dict[str, int] = {}
    previous = tenant_scope.current()
    # enter_scope also moves an open transaction's connection into the tenant, which row
    # level security needs before anything of the tenant can be seen, let alone deleted.
    await enter_scope(tenant_id)
    try:
        for table in reversed(sort_table_classes(tables)):
            count = await table.count()
            if count:
                await table.delete(force=True)
            removed[table._meta.tablename] = count
        # Outgoing mail keeps a nullable tenant column (it is not a TenantTable): by hand.
        from backoffice.mail.tables import OutgoingMail  # noqa: PLC0415

        mails = await OutgoingMail.delete().where(OutgoingMail.tenant_id == tenant_id).returning(
            OutgoingMail.id)
        removed[OutgoingMail._meta.tablename] = len(mails)
    finally:
        await enter_scope(previous.tenant_id, previous.user_id, previous.oauth_client_id)
    await UserSession.delete().where(UserSession.active_tenant == tenant_id)
    await Tenant.delete().where(Tenant.id == tenant_id)
    return removed


async def _maybe_await(value: Any) -> Any:
    if hasattr(value, "__await__"):
        return await value
    return value
