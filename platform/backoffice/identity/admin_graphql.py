"""GraphQL for a company's people and roles: users, invitations, roles, permissions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from backoffice.db.engine import enter_scope
from backoffice.graphql.fields import Payload, field, mutation
from backoffice.graphql.ids import decode_id, encode_id
from backoffice.graphql.relay import Connection, paginate
from backoffice.i18n import get_locale
from backoffice.identity import admin_service as service
from backoffice.identity import roles as role_rules
from backoffice.identity.tables import Membership, MembershipRole, Role as RoleTable, User as UserTable
from backoffice.runtime import get_registry


async def load_users(keys: list[int]) -> list[dict[str, Any] | None]:
    rows = await UserTable.select(UserTable.id, UserTable.email, UserTable.full_name,
                                  UserTable.locale).where(UserTable.id.is_in(list(set(keys))))
    found = {r["id"]: r for r in rows}
    return [found.get(k) for k in keys]


async def load_roles_of_memberships(keys: list[int]) -> list[list[dict[str, Any]]]:
    links = await MembershipRole.select().where(MembershipRole.membership_id.is_in(list(set(keys))))
    role_rows = {r["id"]: r for r in await RoleTable.select().where(
        RoleTable.id.is_in(list({link["role_id"] for link in links}) or [0]))}
    grouped: dict[int, list[dict[str, Any]]] = {}
    for link in links:
        if link["role_id"] in role_rows:
            grouped.setdefault(link["membership_id"], []).append(role_rows[link["role_id"]])
    return [grouped.get(k, []) for k in keys]


async def load_member_counts(keys: list[int]) -> list[int]:
    links = await MembershipRole.select(MembershipRole.role_id).where(
        MembershipRole.role_id.is_in(list(set(keys))))
    counts: dict[int, int] = {}
    for link in links:
        counts[link["role_id"]] = counts.get(link["role_id"], 0) + 1
    return [counts.get(k, 0) for k in keys]


@strawberry.type(description="A role: a named set of permissions.")
class Role:
    id: strawberry.ID
    key: str
    name: str
    description: str
    builtin: bool
    module: str
    _row: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, row: dict[str, Any]) -> Role:
        name, description = role_rules.role_label(row, get_locale())
        return cls(id=encode_id("Role", row["id"]), key=row["key"], name=name,
                   description=description, builtin=row["builtin"], module=row["module"], _row=row)

    @strawberry.field(description="What the role grants among the enabled modules.")
    def permissions(self, info: strawberry.Info) -> list[str]:
        available = get_registry().permissions_for(info.context.actor.enabled_modules)
        return sorted(role_rules.role_permissions(self._row, available))

    @strawberry.field
    async def member_count(self, info: strawberry.Info) -> int:
        return await info.context.loader(load_member_counts).load(self._row["id"])


@strawberry.type(description="A member of the company.")
class User:
    id: strawberry.ID
    is_active: bool
    joined_at: datetime
    _membership: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, membership: dict[str, Any]) -> User:
        return cls(id=encode_id("User", membership["user_id"]), is_active=membership["is_active"],
                   joined_at=membership["created_at"], _membership=membership)

    async def _user(self, info: strawberry.Info) -> dict[str, Any]:
        return await info.context.loader(load_users).load(self._membership["user_id"]) or {}

    @strawberry.field
    async def email(self, info: strawberry.Info) -> str:
        return (await self._user(info)).get("email", "")

    @strawberry.field
    async def full_name(self, info: strawberry.Info) -> str:
        return (await self._user(info)).get("full_name", "")

    @strawberry.field
    async def locale(self, info: strawberry.Info) -> str:
        return (await self._user(info)).get("locale", "en")

    @strawberry.field
    async def roles(self, info: strawberry.Info) -> list[Role]:
        rows = await info.context.loader(load_roles_of_memberships).load(self._membership["id"])
        enabled = info.context.actor.enabled_modules
        return [Role.of(r) for r in rows if r["module"] in enabled]


@strawberry.type
class PermissionInfo:
    key: str
    module: str
    description: str


def _visible_role(row: dict[str, Any], enabled: frozenset[str]) -> bool:
    return row["module"] in enabled


@strawberry.input
class CreateUserInput:
    email: str
    full_name: str
    password: str
    role_ids: list[strawberry.ID] = strawberry.field(default_factory=list)


@strawberry.input
class InviteUserInput:
    email: str
    full_name: str = ""
    role_ids: list[strawberry.ID] = strawberry.field(default_factory=list)


@strawberry.input
class AcceptInvitationInput:
    token: str
    password: str
    full_name: str = ""


@strawberry.input
class UserIdInput:
    id: strawberry.ID


@strawberry.input
class AssignRolesInput:
    user_id: strawberry.ID
    role_ids: list[strawberry.ID]


@strawberry.input
class CreateRoleInput:
    name: str
    description: str = ""
    permissions: list[str] = strawberry.field(default_factory=list)


@strawberry.input
class UpdateRoleInput:
    id: strawberry.ID
    name: str | None = None
    description: str | None = None
    permissions: list[str] | None = None


@strawberry.input
class RoleIdInput:
    id: strawberry.ID


@strawberry.type
class UserPayload(Payload):
    user: User | None = None


@strawberry.type
class InviteUserPayload(Payload):
    invitation_token: str | None = strawberry.field(
        default=None, description="Shown once. The link is also mailed to the person; share it "
                                  "yourself if the mail does not arrive (see `emails`).")
    invitation_url: str | None = None


@strawberry.type
class AcceptInvitationPayload(Payload):
    ok: bool = False
    second_factor_challenge: str | None = strawberry.field(
        default=None,
        description="Set when the account has two-factor on: you joined, but no session "
                    "started; finish logging in with `logInSecondFactor`.")


@strawberry.type
class RolePayload(Payload):
    role: Role | None = None


@strawberry.type
class DeleteRolePayload(Payload):
    deleted_id: strawberry.ID | None = None


def _role_ids(ids: list[strawberry.ID]) -> list[int]:
    return [decode_id(i, "Role") for i in ids]


async def _user_payload(user_id: int) -> UserPayload:
    return UserPayload(user=User.of(await service.membership_of_user(user_id)))


@strawberry.type
class AdminQuery:
    @field("core.user.read", description="The company's members.")
    async def users(self, first: int | None = 20, after: str | None = None,
                    search: str | None = None, include_inactive: bool = False) -> Connection[User]:
        where = None if include_inactive else (Membership.is_active == True)  # noqa: E712
        if search:
            members = [r["user_id"] for r in await Membership.select(Membership.user_id)]
            term = f"%{search.strip()}%"
            matching = [r["id"] for r in await UserTable.select(UserTable.id).where(
                UserTable.id.is_in(members or [0]) & (UserTable.email.ilike(term)
                                                      | UserTable.full_name.ilike(term)))]
            clause = Membership.user_id.is_in(matching or [0])
            where = clause if where is None else where & clause
        return await paginate(Membership, node=User.of, first=first, after=after, where=where)

    @field("core.user.read")
    async def user(self, id: strawberry.ID) -> User:
        return User.of(await service.membership_of_user(decode_id(id, "User")))

    @field("core.role.read", description="Built-in, module and custom roles.")
    async def roles(self, info: strawberry.Info, first: int | None = 50,
                    after: str | None = None) -> Connection[Role]:
        enabled = list(info.context.actor.enabled_modules)
        return await paginate(RoleTable, node=Role.of, first=first, after=after,
                              where=RoleTable.module.is_in(enabled))

    @field("core.role.read", description="Every permission the enabled modules declare.")
    async def permissions(self, info: strawberry.Info) -> list[PermissionInfo]:
        registry = get_registry()
        locale = get_locale()
        return [PermissionInfo(key=k, module=registry.permissions[k].module,
                               description=registry.permissions[k].description.get(locale))
                for k in registry.permissions_for(info.context.actor.enabled_modules)]


@strawberry.type
class AdminMutation:
    @mutation("core.user.manage", description="Add a person with a password you choose.")
    async def create_user(self, info: strawberry.Info, input: CreateUserInput) -> UserPayload:
        user_id = await service.create_user(info.context.actor, email=input.email,
                                            full_name=input.full_name, password=input.password,
                                            role_ids=_role_ids(input.role_ids))
        return await _user_payload(user_id)

    @mutation("core.user.manage", description="Invite a person by a single-use link (7 days), "
              "mailed to them once the invitation is saved.")
    async def invite_user(self, info: strawberry.Info, input: InviteUserInput) -> InviteUserPayload:
        token, url = await service.invite(info.context.actor, email=input.email,
                                          full_name=input.full_name, role_ids=_role_ids(input.role_ids))
        return InviteUserPayload(invitation_token=token, invitation_url=url)

    @mutation(public=True, description="Join a company from an invitation, and log in.")
    async def accept_invitation(self, info: strawberry.Info,
                                input: AcceptInvitationInput) -> AcceptInvitationPayload:
        from backoffice.identity.graphql import _start_session  # noqa: PLC0415

        tenant_id = service.invitation_tenant(input.token)
        await enter_scope(tenant_id)
        user_id = await service.accept_invitation(input.token, full_name=input.full_name,
                                                  password=input.password)
        await enter_scope(tenant_id, user_id)
        from backoffice.identity import two_factor  # noqa: PLC0415

        challenge = await two_factor.challenge_for(user_id, tenant_id)
        if challenge is not None:  # the password of an existing account is only the first step
            return AcceptInvitationPayload(ok=True, second_factor_challenge=challenge)
        await _start_session(info, user_id, tenant_id)
        return AcceptInvitationPayload(ok=True)

    @mutation("core.user.manage", description="Stop a person's access to this company.")
    async def deactivate_user(self, info: strawberry.Info, input: UserIdInput) -> UserPayload:
        user_id = decode_id(input.id, "User")
        await service.set_active(info.context.actor, user_id, False)
        return await _user_payload(user_id)

    @mutation("core.user.manage")
    async def reactivate_user(self, info: strawberry.Info, input: UserIdInput) -> UserPayload:
        user_id = decode_id(input.id, "User")
        await service.set_active(info.context.actor, user_id, True)
        return await _user_payload(user_id)

    @mutation("core.role.manage", description="Replace a person's roles in this company.")
    async def assign_roles(self, info: strawberry.Info, input: AssignRolesInput) -> UserPayload:
        user_id = decode_id(input.user_id, "User")
        await service.assign_roles(info.context.actor, user_id, _role_ids(input.role_ids))
        return await _user_payload(user_id)

    @mutation("core.role.manage")
    async def create_role(self, info: strawberry.Info, input: CreateRoleInput) -> RolePayload:
        pk = await service.save_role(info.context.actor, None, name=input.name,
                                     description=input.description, permissions=input.permissions)
        return RolePayload(role=Role.of(await service.get_role(pk)))

    @mutation("core.role.manage")
    async def update_role(self, info: strawberry.Info, input: UpdateRoleInput) -> RolePayload:
        pk = decode_id(input.id, "Role")
        await service.save_role(info.context.actor, pk, name=input.name,
                                description=input.description, permissions=input.permissions)
        return RolePayload(role=Role.of(await service.get_role(pk)))

    @mutation("core.role.manage", description="Delete a custom role; its members lose it.")
    async def delete_role(self, input: RoleIdInput) -> DeleteRolePayload:
        await service.delete_role(decode_id(input.id, "Role"))
        return DeleteRolePayload(deleted_id=input.id)
