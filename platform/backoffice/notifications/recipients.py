"""Who is who in the tenant in scope: active members, holders of a permission, members of a
role. A few queries whatever the number of people (no query per person)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from backoffice.db.scope import current_tenant_id
from backoffice.identity.roles import role_permissions
from backoffice.identity.tables import Membership, MembershipRole, Role, User
from backoffice.runtime import get_registry
from backoffice.tenancy.tables import Tenant


async def tenant_facts() -> tuple[frozenset[str], str]:
    """The enabled modules (core included) and the name of the tenant in scope."""
    row = await Tenant.select(Tenant.enabled_modules, Tenant.name).where(
        Tenant.id == current_tenant_id()).first()
    if row is None:
        return frozenset({"core"}), ""
    raw = row["enabled_modules"]
    keys = json.loads(raw) if isinstance(raw, str) else (raw or [])
    return get_registry().effective_enabled(keys), row["name"]


async def _members_of_roles(role_ids: list[int]) -> set[int]:
    if not role_ids:
        return set()
    links = await MembershipRole.select(MembershipRole.membership_id).where(
        MembershipRole.role_id.is_in(role_ids))
    if not links:
        return set()
    rows = await Membership.select(Membership.user_id).where(
        Membership.id.is_in(list({r["membership_id"] for r in links}))
        & (Membership.is_active == True))  # noqa: E712
    return {r["user_id"] for r in rows}


async def holders_of(permission: str, enabled: Iterable[str]) -> set[int]:
    """Users of the active members whose roles grant ``permission`` among ``enabled`` modules."""
    available = set(get_registry().permissions_for(enabled))
    if permission not in available:
        return set()
    roles = await Role.select(Role.id, Role.key, Role.builtin, Role.template, Role.permissions)
    return await _members_of_roles(
        [r["id"] for r in roles if permission in role_permissions(r, available)])


async def members_of_role(key: str) -> set[int]:
    """Users of the active members holding the role with ``key`` ("owner", "hr.manager" ...)."""
    roles = await Role.select(Role.id).where(Role.key == key)
    return await _members_of_roles([r["id"] for r in roles])


async def active_people(user_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Of ``user_ids``, the active members of the tenant whose account is active, with their
    email, name and language, by id."""
    ids = sorted({int(u) for u in user_ids if u is not None})
    if not ids:
        return {}
    members = {r["user_id"] for r in await Membership.select(Membership.user_id).where(
        Membership.user_id.is_in(ids) & (Membership.is_active == True))}  # noqa: E712
    if not members:
        return {}
    rows = await User.select(User.id, User.email, User.full_name, User.locale).where(
        User.id.is_in(sorted(members)) & (User.is_active == True))  # noqa: E712
    return {r["id"]: r for r in rows}
