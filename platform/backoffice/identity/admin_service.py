"""Managing the people of a company and their roles: plain functions, no GraphQL.

Rules that keep a company safe: nobody grants a permission they do not hold; only owners make
owners; the last active owner can be neither removed nor deactivated; nobody deactivates
themselves.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from backoffice.db import scope as tenant_scope
from backoffice.errors import BadUserInput, Conflict, Forbidden, NotFound
from backoffice.identity import passwords, roles
from backoffice.identity.tables import Invitation, Membership, MembershipRole, Role, User, UserSession
from backoffice.runtime import get_registry
from backoffice.settings import get_settings
from backoffice.tenancy.services import validate_email, validate_password

INVITATION_TTL = timedelta(days=7)


def _loads(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


async def membership_of_user(user_id: int) -> dict[str, Any]:
    row = await Membership.select().where(Membership.user_id == user_id).first()
    if row is None:
        raise NotFound()
    return row


async def get_role(pk: int) -> dict[str, Any]:
    row = await Role.select().where(Role.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def roles_by_id(role_ids: list[int]) -> list[dict[str, Any]]:
    if not role_ids:
        return []
    rows = await Role.select().where(Role.id.is_in(list(set(role_ids))))
    if len(rows) != len(set(role_ids)):
        raise NotFound()
    return rows


async def _check_grantable(actor: Any, role_rows: list[dict[str, Any]]) -> None:
    """The actor must hold every permission the roles grant, and be an owner to grant Owner."""
    held = await actor.permissions()
    available = get_registry().permissions_for(actor.enabled_modules)
    for row in role_rows:
        if row["builtin"] and row["key"] == roles.OWNER_KEY and "core.owner.assign" not in held:
            raise Forbidden(("Only an owner can make someone an owner.",
                             "Hanya pemilik yang dapat menjadikan seseorang pemilik."))
        missing = roles.role_permissions(row, available) - set(held)
        if missing:
            raise Forbidden((f"You cannot grant permissions you do not hold: {', '.join(sorted(missing))}.",
                             f"Anda tidak dapat memberikan izin yang tidak Anda miliki: "
                             f"{', '.join(sorted(missing))}."))


async def _owner_memberships() -> set[int]:
    owner = await Role.select(Role.id).where(Role.key == roles.OWNER_KEY).first()
    if owner is None:
        return set()
    links = await MembershipRole.select(MembershipRole.membership_id).where(
        MembershipRole.role_id == owner["id"])
    ids = [r["membership_id"] for r in links]
    if not ids:
        return set()
    active = await Membership.select(Membership.id).where(
        Membership.id.is_in(ids) & (Membership.is_active == True))  # noqa: E712
    return {r["id"] for r in active}


async def set_roles(membership_id: int, role_ids: list[int]) -> None:
    await MembershipRole.delete().where(MembershipRole.membership_id == membership_id)
    if role_ids:
        await MembershipRole.insert(*[MembershipRole(membership_id=membership_id, role_id=r)
                                      for r in sorted(set(role_ids))])


async def assign_roles(actor: Any, user_id: int, role_ids: list[int]) -> None:
    membership = await membership_of_user(user_id)
    new_rows = await roles_by_id(role_ids)
    current = await roles.roles_of_membership(membership["id"])
    added = [r for r in new_rows if r["id"] not in {c["id"] for c in current}]
    removed = [r for r in current if r["id"] not in set(role_ids)]
    await _check_grantable(actor, added)
    await _check_grantable(actor, removed)  # taking away a role needs its permissions too
    owners = await _owner_memberships()
    loses_owner = any(r["key"] == roles.OWNER_KEY and r["builtin"] for r in removed)
    if loses_owner and owners == {membership["id"]}:
        raise Conflict(("The company needs at least one owner.",
                        "Perusahaan membutuhkan setidaknya satu pemilik."), field="roleIds")
    await set_roles(membership["id"], role_ids)


async def create_user(actor: Any, *, email: str, full_name: str, password: str,
                      role_ids: list[int]) -> int:
    email = validate_email(email)
    await _check_grantable(actor, await roles_by_id(role_ids))
    user = await User.select(User.id).where(User.email == email).first()
    if user is None:
        validate_password(password)
        if not full_name.strip():
            raise BadUserInput(("Enter the person's name.", "Masukkan nama orang tersebut."),
                               field="fullName")
        result = await User.insert(User(email=email, full_name=full_name.strip()[:200],
                                        password_hash=await passwords.hash_password(password)))
        user_id = result[0]["id"]
    else:
        user_id = user["id"]  # an existing account joins; its password is not touched
        if await Membership.exists().where(Membership.user_id == user_id):
            raise Conflict(("This person is already a member of the company.",
                            "Orang ini sudah menjadi anggota perusahaan."), field="email")
    membership = await Membership.insert(Membership(user_id=user_id))
    await set_roles(membership[0]["id"], role_ids)
    return user_id


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def invite(actor: Any, *, email: str, full_name: str, role_ids: list[int]) -> tuple[str, str]:
    """An invitation link for ``email``. Returns ``(token, url)``; only the hash is kept."""
    email = validate_email(email)
    await _check_grantable(actor, await roles_by_id(role_ids))
    user = await User.select(User.id).where(User.email == email).first()
    if user and await Membership.exists().where(Membership.user_id == user["id"]):
        raise Conflict(("This person is already a member of the company.",
                        "Orang ini sudah menjadi anggota perusahaan."), field="email")
    tenant_id = tenant_scope.current_tenant_id()
    # The tenant travels in the token so that accepting needs no look-up across companies.
    token = f"{tenant_id}.{secrets.token_urlsafe(32)}"
    await Invitation.insert(Invitation(
        email=email, full_name=full_name.strip()[:200], token_hash=_token_hash(token),
        role_ids=sorted(set(role_ids)), invited_by=actor.user_id,
        expires_at=datetime.now(UTC) + INVITATION_TTL))
    url = f"{get_settings().base_url}/accept-invitation?token={token}"
    await _mail_invitation(email, full_name.strip(), url, actor.user_id, tenant_id)
    return token, url


async def _mail_invitation(email: str, full_name: str, url: str, inviter_id: int | None,
                           tenant_id: int) -> None:
    """The invitation by mail, in the invitee's language if they have an account, else in the
    company's; it leaves once the invitation commits."""
    from backoffice.i18n import normalise  # noqa: PLC0415
    from backoffice.mail import templates  # noqa: PLC0415
    from backoffice.mail.outbox import Message, queue  # noqa: PLC0415
    from backoffice.tenancy.tables import Tenant  # noqa: PLC0415

    tenant = await Tenant.select(Tenant.name, Tenant.locale).where(Tenant.id == tenant_id).first()
    people = {r["id"]: r for r in await User.select(User.id, User.email, User.full_name, User.locale).where(
        User.email.is_in([email]) | (User.id == (inviter_id or 0)))}
    invitee = next((r for r in people.values() if r["email"] == email), None)
    inviter = people.get(inviter_id or 0)
    locale = normalise(invitee["locale"] if invitee else (tenant or {}).get("locale"))
    mail = templates.invitation(locale, name=full_name or (invitee or {}).get("full_name", ""),
                                company=(tenant or {}).get("name", ""),
                                inviter=(inviter or {}).get("full_name", ""), url=url,
                                days=INVITATION_TTL.days)
    await queue(Message(to=email, subject=mail.subject, text=mail.text, html=mail.html,
                        kind="core.invitation", locale=locale,
                        user_id=invitee["id"] if invitee else None))


def invitation_tenant(token: str) -> int:
    head, _, rest = token.partition(".")
    if not head.isdigit() or not rest:
        raise NotFound(("This invitation is not valid.", "Undangan ini tidak valid."))
    return int(head)


async def accept_invitation(token: str, *, full_name: str, password: str) -> int:
    """Join the company of the invitation (in scope). Returns the user's id."""
    invitation = await Invitation.select().where(Invitation.token_hash == _token_hash(token)).first()
    expired = invitation is not None and _aware(invitation["expires_at"]) < datetime.now(UTC)
    if invitation is None or invitation["accepted_at"] is not None or expired:
        raise NotFound(("This invitation is not valid, used or expired.",
                        "Undangan ini tidak valid, sudah dipakai, atau kedaluwarsa."))
    user = await User.select(User.id, User.password_hash).where(User.email == invitation["email"]).first()
    if user is None:
        validate_password(password)
        name = (full_name or invitation["full_name"]).strip()
        if not name:
            raise BadUserInput(("Enter your name.", "Masukkan nama Anda."), field="fullName")
        result = await User.insert(User(email=invitation["email"], full_name=name[:200],
                                        password_hash=await passwords.hash_password(password)))
        user_id = result[0]["id"]
    else:
        if not await passwords.verify_password(user["password_hash"], password):
            raise BadUserInput(("Use the password of your existing account.",
                                "Gunakan kata sandi akun Anda yang sudah ada."), field="password")
        user_id = user["id"]
    existing = await Membership.select(Membership.id).where(Membership.user_id == user_id).first()
    if existing is None:
        membership = await Membership.insert(Membership(user_id=user_id))
        await set_roles(membership[0]["id"], _loads(invitation["role_ids"]) or [])
    await Invitation.update({Invitation.accepted_at: datetime.now(UTC)}).where(
        Invitation.id == invitation["id"])
    from backoffice.identity.account import mark_verified  # noqa: PLC0415

    await mark_verified(user_id)  # the link was mailed to the address: it is proven
    await _tell_inviter(invitation, user_id)
    return user_id


async def _tell_inviter(invitation: dict[str, Any], user_id: int) -> None:
    from backoffice.notifications.api import notify  # noqa: PLC0415

    if invitation["invited_by"] is None:
        return
    user = await User.select(User.full_name, User.email).where(User.id == user_id).first()
    who = (user or {}).get("full_name") or invitation["email"]
    await notify("core.invitation_accepted",
                 title=(f"{who} accepted your invitation", f"{who} menerima undangan Anda"),
                 link="/settings/users", users=[invitation["invited_by"]], exclude=[user_id])


def _aware(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


async def set_active(actor: Any, user_id: int, active: bool) -> None:
    membership = await membership_of_user(user_id)
    if not active:
        if user_id == actor.user_id:
            raise Conflict(("You cannot deactivate yourself.", "Anda tidak dapat menonaktifkan diri sendiri."))
        if (await _owner_memberships()) == {membership["id"]}:
            raise Conflict(("The company needs at least one active owner.",
                            "Perusahaan membutuhkan setidaknya satu pemilik aktif."))
        if membership["id"] in await _owner_memberships() and "core.owner.assign" not in await actor.permissions():
            raise Forbidden(("Only an owner can deactivate an owner.",
                             "Hanya pemilik yang dapat menonaktifkan pemilik."))
    await Membership.update({Membership.is_active: active}).where(Membership.id == membership["id"])
    if not active:
        # Their sessions in this company end now; sessions elsewhere are untouched.
        await UserSession.delete().where((UserSession.user_id == user_id)
                                         & (UserSession.active_tenant == tenant_scope.current_tenant_id()))


def validate_permissions(keys: list[str], enabled: frozenset[str]) -> list[str]:
    available = set(get_registry().permissions_for(enabled))
    unknown = sorted(set(keys) - available)
    if unknown:
        raise BadUserInput((f"Unknown permission: {', '.join(unknown)}",
                            f"Izin tidak dikenal: {', '.join(unknown)}"), field="permissions")
    return sorted(set(keys))


async def save_role(actor: Any, pk: int | None, *, name: str | None, description: str | None,
                    permissions: list[str] | None) -> int:
    values: dict[Any, Any] = {}
    if pk is not None:
        row = await get_role(pk)
        if row["builtin"]:
            raise Conflict(("Built-in roles cannot be changed.", "Peran bawaan tidak dapat diubah."))
    if pk is None or name is not None:
        name = (name or "").strip()
        if not name:
            raise BadUserInput(("Enter the role's name.", "Masukkan nama peran."), field="name")
        values[Role.name] = name[:100]
    if description is not None:
        values[Role.description] = description
    if permissions is not None or pk is None:
        keys = validate_permissions(permissions or [], actor.enabled_modules)
        missing = set(keys) - set(await actor.permissions())
        if missing:
            raise Forbidden((f"You cannot grant permissions you do not hold: {', '.join(sorted(missing))}.",
                             f"Anda tidak dapat memberikan izin yang tidak Anda miliki: "
                             f"{', '.join(sorted(missing))}."))
        values[Role.permissions] = keys
    if pk is None:
        values[Role.key] = f"custom.{secrets.token_hex(6)}"
        values[Role.module] = "core"
        result = await Role.insert(Role(**{c._meta.name: v for c, v in values.items()}))
        return result[0]["id"]
    await Role.update(values).where(Role.id == pk)
    return pk


async def delete_role(pk: int) -> None:
    row = await get_role(pk)
    if row["builtin"]:
        raise Conflict(("Built-in roles cannot be deleted.", "Peran bawaan tidak dapat dihapus."))
    await MembershipRole.delete().where(MembershipRole.role_id == pk)
    await Role.delete().where(Role.id == pk)
