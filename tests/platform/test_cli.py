"""The ``backoffice`` command, run as operators run it: as a separate process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from helpers import PASSWORD, log_in, rows_per_table, unique_email

COMMANDS = ["serve", "worker", "migrate", "create-tenant", "seed-demo", "export-schema", "check-schema", "tenants",
            "tenants list", "tenants suspend", "tenants resume", "tenants delete",
            "tenants export", "tenants import", "users", "users disable-two-factor"]


def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "backoffice.cli", *args], capture_output=True,
                            text=True, env=os.environ.copy(), timeout=120)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = cli(*command.split(), "--help")
    assert "Usage:" in result.stdout
    assert len(result.stdout.splitlines()) > 3


def test_create_tenant_then_log_in(app):  # type: ignore[no-untyped-def]
    email = unique_email("cli")
    result = cli("create-tenant", "--name", "CV Baru", "--owner-email", email,
                 "--password", PASSWORD, "--module", "hr")
    assert "Created tenant" in result.stdout
    listed = json.loads(cli("tenants", "list", "--json").stdout)
    mine = [t for t in listed if t["name"] == "CV Baru" and "hr" in t["modules"]]
    assert mine


async def test_log_in_after_create_tenant(new_client):
    email = unique_email("cli")
    cli("create-tenant", "--name", "UD Lancar", "--owner-email", email, "--password", PASSWORD)
    result = await log_in(await new_client(), email)
    assert result["userErrors"] == [] and result["me"]["email"] == email


def test_migrate_check_reports_current():
    result = cli("migrate", "--check")
    assert "current" in result.stdout


def test_unknown_tenant_is_a_clear_error():
    result = cli("tenants", "suspend", "no-such-company", check=False)
    assert result.returncode == 1
    assert "No tenant with slug" in result.stderr
    assert "Traceback" not in result.stderr


async def test_suspend_stops_users_and_resume_lets_them_back(company, new_client):
    cli("tenants", "suspend", company.slug)
    # The running session is refused at once ...
    assert await company.api.error_code("{ tenant { slug } }") == "UNAUTHENTICATED"
    # ... and nobody can log in.
    body = await (await new_client()).gql(
        "mutation($i: LogInInput!) { logIn(input: $i) { me { email } } }",
        {"i": {"email": company.email, "password": company.password}})
    assert body["errors"][0]["extensions"]["code"] == "TENANT_SUSPENDED"
    cli("tenants", "resume", company.slug)
    result = await log_in(await new_client(), company.email)
    assert result["userErrors"] == []


async def test_delete_removes_every_row_the_tenant_owned(company, other_company):
    from backoffice.graphql.ids import decode_id

    tenant_id = decode_id(company.tenant_id, "Tenant")
    other_id = decode_id(other_company.tenant_id, "Tenant")
    await company.api.data('mutation { updateTenant(input: {name: "Doomed Co"}) { tenant { name } } }')
    before = await rows_per_table(tenant_id)
    assert before["memberships"] == 1 and before["roles"] >= 2 and before["audit_entries"] >= 1
    other_before = await rows_per_table(other_id)
    result = cli("tenants", "delete", company.slug, "--yes")
    assert "Deleted tenant" in result.stdout
    after = await rows_per_table(tenant_id)
    assert set(after.values()) == {0}, after
    assert await rows_per_table(other_id) == other_before
    # The other company is untouched.
    assert (await other_company.api.data("{ tenant { slug } }"))["tenant"]["slug"] == other_company.slug
    assert other_id != tenant_id
    # And the deleted company's session is gone.
    assert await company.api.error_code("{ tenant { slug } }") == "UNAUTHENTICATED"


def test_export_schema_prints_sdl():
    result = cli("export-schema", "-o", "-")
    assert "type Query" in result.stdout and "type Mutation" in result.stdout


def test_seed_demo_is_idempotent():
    first = cli("seed-demo", "--email", "demo-cli@example.com", "--name", "Demo CLI")
    second = cli("seed-demo", "--email", "demo-cli@example.com", "--name", "Demo CLI")
    assert "demo-cli@example.com" in first.stdout
    assert "already exists" in second.stdout


def test_production_refuses_the_development_secret():
    env = {**os.environ, "BACKOFFICE_ENV": "production", "SECRET_KEY": ""}
    result = subprocess.run([sys.executable, "-m", "backoffice.cli", "tenants", "list"],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert "SECRET_KEY" in result.stderr
