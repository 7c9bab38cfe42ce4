"""Roles: the built-in Owner and Admin, each module's templates, and a tenant's own roles.

Built-in and template roles resolve their permissions live (a module upgrade that adds a
permission to a template reaches every tenant); custom roles store theirs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from backoffice.identity.tables import MembershipRole, Role
from backoffice.runtime import get_registry

OWNER_KEY = "owner"
ADMIN_KEY = "admin"
OWNER_ONLY = {"core.owner.assign"}
BUILTIN = {
    "owner": (("Owner", "Pemilik"), ("Everything, including the company's owners.",
                                      "Semua akses, termasuk mengatur pemilik perusahaan.")),
    "admin": (("Admin", "Admin"), ("Everything except choosing the owners.",
                                    "Semua akses kecuali mengatur pemilik.")),
}


def loads(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def role_permissions(row: dict[str, Any], available: Iterable[str]) -> set[str]:
    """The permissions a role grants among ``available`` (those of enabled modules)."""
    available = set(available)
    if row.get("builtin") and row["key"] == "owner":
        return available
    if row.get("builtin") and row["key"] == "admin":
        return available - OWNER_ONLY
    if row.get("template"):
        module, _, key = row["template"].partition(":")
        registry = get_registry()
        if module not in registry:
            return set()
        for t in registry.get(module).role_templates:
            if t.key == key:
                return set(t.permissions) & available
        return set()
    return set(loads(row.get("permissions")) or []) & available


async def roles_of_membership(membership_id: int) -> list[dict[str, Any]]:
    links = await MembershipRole.select(MembershipRole.role_id).where(
        MembershipRole.membership_id == membership_id
    )
    if not links:
        return []
    return await Role.select().where(Role.id.is_in([r["role_id"] for r in links]))


async def ensure_roles(enabled: Iterable[str]) -> None:
    """Create the built-in roles and the template roles of ``enabled`` modules that the
    tenant in scope does not have yet (idempotent)."""
    registry = get_registry()
    existing = {r["key"] for r in await Role.select(Role.key)}
    rows = []
    for key, (name, description) in BUILTIN.items():
        if key not in existing:
            rows.append(Role(key=key, name=name[0], description=description[0], builtin=True,
                             permissions=[], module="core"))
    for module_key in registry.effective_enabled(enabled):
        for t in registry.get(module_key).role_templates:
            key = f"{module_key}.{t.key}"
            if key not in existing:
                rows.append(Role(key=key, name=t.name.en,
                                 description=t.description.en if t.description else "",
                                 builtin=True, template=f"{module_key}:{t.key}",
                                 permissions=[], module=module_key))
    if rows:
        await Role.insert(*rows)


def role_label(row: dict[str, Any], locale: str) -> tuple[str, str]:
    """Name and description of a role in ``locale``: built-ins and templates are translated."""
    if row.get("builtin") and row["key"] in BUILTIN:
        (en, id_), (den, did) = BUILTIN[row["key"]]
        return (id_, did) if locale == "id" else (en, den)
    if row.get("template"):
        module, _, key = row["template"].partition(":")
        registry = get_registry()
        if module in registry:
            for t in registry.get(module).role_templates:
                if t.key == key:
                    desc = t.description.get(locale) if t.description else ""
                    return t.name.get(locale), desc
    return row["name"], row.get("description") or ""
