"""Roles and permissions through GraphQL: templates, custom roles, assignment, escalation,
the last owner."""

from __future__ import annotations

from helpers import add_member, enable

ROLES = "{ roles { nodes { id key name builtin module permissions memberCount } } }"
CREATE_ROLE = """mutation($i: CreateRoleInput!) { createRole(input: $i) {
  role { id name permissions } userErrors { field code message } } }"""
ASSIGN = """mutation($i: AssignRolesInput!) { assignRoles(input: $i) {
  user { roles { key } } userErrors { field code } } }"""


async def _roles(api):  # type: ignore[no-untyped-def]
    return {r["key"]: r for r in (await api.data(ROLES))["roles"]["nodes"]}


async def test_builtin_roles_and_module_templates(company):
    roles = await _roles(company.api)
    assert {"owner", "admin"} <= set(roles)
    assert roles["owner"]["memberCount"] == 1
    assert "core.owner.assign" in roles["owner"]["permissions"]
    assert "core.owner.assign" not in roles["admin"]["permissions"]
    assert not any(k.startswith("hr.") for k in roles)
    await enable(company.api, "hr")
    roles = await _roles(company.api)
    assert {"hr.manager", "hr.staff", "hr.self_service"} <= set(roles)
    assert "hr.employee.read_sensitive" in roles["hr.manager"]["permissions"]
    assert "hr.employee.read_sensitive" not in roles["hr.staff"]["permissions"]
    indonesian = await company.api.data(ROLES, headers={"accept-language": "id"})
    names = {r["key"]: r["name"] for r in indonesian["roles"]["nodes"]}
    assert names["hr.manager"] == "Manajer SDM" and names["owner"] == "Pemilik"


async def test_permissions_catalogue_follows_enabled_modules(company):
    keys = {p["key"] for p in (await company.api.data("{ permissions { key module description } }"))["permissions"]}
    assert "core.user.read" in keys and not any(k.startswith("hr.") for k in keys)
    await enable(company.api, "hr")
    keys = {p["key"] for p in (await company.api.data("{ permissions { key } }"))["permissions"]}
    assert "hr.employee.read" in keys


async def test_custom_role_grants_exactly_its_permissions(company, new_client):
    data = await company.api.data(CREATE_ROLE, {"i": {"name": "Auditor", "permissions": ["core.audit.read"]}})
    role = data["createRole"]["role"]
    assert role["permissions"] == ["core.audit.read"]
    member = await add_member(company, new_client)
    user_id = (await member.api.data("{ me { id } }"))["me"]["id"]
    assert await member.api.error_code("{ auditLog { totalCount } }") == "FORBIDDEN"
    await company.api.data(ASSIGN, {"i": {"userId": user_id, "roleIds": [role["id"]]}})
    assert (await member.api.data("{ auditLog { totalCount } }"))["auditLog"]["totalCount"] >= 1
    assert await member.api.error_code("{ users { totalCount } }") == "FORBIDDEN"


async def test_unknown_permission_is_a_user_error(company):
    data = await company.api.data(CREATE_ROLE, {"i": {"name": "Bad", "permissions": ["hr.salary.steal"]}})
    assert data["createRole"]["userErrors"] == [{"field": ["input", "permissions"], "code": "BAD_USER_INPUT",
                                                 "message": "Unknown permission: hr.salary.steal"}]


async def test_no_privilege_escalation(company, new_client):
    manager = await add_member(company, new_client, permissions=["core.role.manage", "core.role.read",
                                                                 "core.user.read"])
    code = await manager.api.error_code(CREATE_ROLE, {"i": {"name": "Sneaky",
                                                            "permissions": ["core.audit.read"]}})
    assert code == "FORBIDDEN"
    roles = await _roles(manager.api)
    me = (await manager.api.data("{ me { id } }"))["me"]["id"]
    assert await manager.api.error_code(ASSIGN, {"i": {"userId": me, "roleIds": [roles["admin"]["id"]]}}) == "FORBIDDEN"
    admin = await add_member(company, new_client, role_keys=["admin"])
    admin_id = (await admin.api.data("{ me { id } }"))["me"]["id"]
    assert await admin.api.error_code(ASSIGN, {"i": {"userId": admin_id,
                                                    "roleIds": [roles["owner"]["id"]]}}) == "FORBIDDEN"


async def test_the_last_owner_keeps_the_owner_role(company, new_client):
    roles = await _roles(company.api)
    me = (await company.api.data("{ me { id } }"))["me"]["id"]
    data = await company.api.data(ASSIGN, {"i": {"userId": me, "roleIds": [roles["admin"]["id"]]}})
    assert data["assignRoles"]["userErrors"][0]["code"] == "CONFLICT"
    second = await add_member(company, new_client)
    second_id = (await second.api.data("{ me { id } }"))["me"]["id"]
    await company.api.data(ASSIGN, {"i": {"userId": second_id, "roleIds": [roles["owner"]["id"]]}})
    data = await company.api.data(ASSIGN, {"i": {"userId": me, "roleIds": [roles["admin"]["id"]]}})
    assert data["assignRoles"]["userErrors"] == []


async def test_builtin_roles_cannot_change_and_custom_ones_can_go(company):
    roles = await _roles(company.api)
    data = await company.api.data(
        "mutation($i: UpdateRoleInput!) { updateRole(input: $i) { userErrors { code } } }",
        {"i": {"id": roles["admin"]["id"], "name": "Boss"}})
    assert data["updateRole"]["userErrors"][0]["code"] == "CONFLICT"
    role = (await company.api.data(CREATE_ROLE, {"i": {"name": "Temp", "permissions": []}}))["createRole"]["role"]
    gone = await company.api.data(
        "mutation($i: RoleIdInput!) { deleteRole(input: $i) { deletedId userErrors { code } } }", {"i": {"id": role["id"]}})
    assert gone["deleteRole"]["deletedId"] == role["id"]
    assert "Temp" not in [r["name"] for r in (await company.api.data(ROLES))["roles"]["nodes"]]


async def test_roles_of_another_company_are_not_found(company, other_company):
    theirs = await _roles(other_company.api)
    me = (await company.api.data("{ me { id } }"))["me"]["id"]
    body = await company.api.gql(ASSIGN, {"i": {"userId": me, "roleIds": [theirs["admin"]["id"]]}})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
