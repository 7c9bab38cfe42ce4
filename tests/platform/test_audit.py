"""The audit log through GraphQL: an entry per mutation, secrets masked, newest first."""

from __future__ import annotations

from helpers import PASSWORD, add_member, unique_email

AUDIT = """query($op: String, $first: Int, $after: String) { auditLog(operation: $op, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } nodes { at operation actorId targetIds changes } } }"""


async def test_every_mutation_is_audited_with_secrets_masked(company):
    email = unique_email("audited")
    await company.api.data("""mutation($i: CreateUserInput!) { createUser(input: $i) { userErrors { code } } }""",
                           {"i": {"email": email, "fullName": "Audited", "password": PASSWORD}})
    entries = (await company.api.data(AUDIT, {"op": "createUser"}))["auditLog"]["nodes"]
    assert len(entries) == 1
    changes = entries[0]["changes"]["input"]
    assert changes["email"] == email and changes["password"] == "***"
    assert PASSWORD not in str(entries)
    me = (await company.api.data("{ me { id } }"))["me"]["id"]
    assert entries[0]["actorId"] == me
    assert entries[0]["targetIds"]


async def test_sign_up_and_log_in_are_audited_newest_first(company):
    await company.api.data('mutation { updateTenant(input: {name: "Renamed Co"}) { userErrors { code } } }')
    entries = (await company.api.data(AUDIT, {}))["auditLog"]["nodes"]
    operations = [e["operation"] for e in entries]
    assert operations[0] == "updateTenant" and "signUp" in operations
    sign_up = next(e for e in entries if e["operation"] == "signUp")
    assert sign_up["changes"]["input"]["password"] == "***"
    stamps = [e["at"] for e in entries]
    assert stamps == sorted(stamps, reverse=True)


async def test_failed_mutation_writes_no_entry(company):
    before = (await company.api.data(AUDIT, {"op": "updateTenant"}))["auditLog"]["totalCount"]
    await company.api.data('mutation { updateTenant(input: {baseCurrency: "NOPE"}) { userErrors { code } } }')
    after = (await company.api.data(AUDIT, {"op": "updateTenant"}))["auditLog"]["totalCount"]
    assert after == before


async def test_audit_log_pages(company):
    for i in range(5):
        await company.api.data("mutation($n: String!) { updateTenant(input: {name: $n}) { userErrors { code } } }",
                               {"n": f"Name {i}"})
    first = (await company.api.data(AUDIT, {"op": "updateTenant", "first": 3}))["auditLog"]
    second = (await company.api.data(AUDIT, {"op": "updateTenant", "first": 3,
                                             "after": first["pageInfo"]["endCursor"]}))["auditLog"]
    assert len(first["nodes"]) == 3 and len(second["nodes"]) == 2
    names = [e["changes"]["input"]["name"] for e in first["nodes"] + second["nodes"]]
    assert names == [f"Name {i}" for i in reversed(range(5))]


async def test_audit_log_is_per_company_and_permission(company, other_company, new_client):
    await other_company.api.data('mutation { updateTenant(input: {name: "Secret Rename"}) { userErrors { code } } }')
    mine = (await company.api.data(AUDIT, {}))["auditLog"]["nodes"]
    assert "Secret Rename" not in str(mine)
    member = await add_member(company, new_client)
    assert await member.api.error_code(AUDIT, {}) == "FORBIDDEN"
