"""infra/compose.yaml: valid against the Compose specification's JSON schema (vendored here,
see README.md beside this file), and wired the way the service needs: migrations once, as the
owner role, before the API and the worker start as the application role.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest
import yaml
from infra_files import (
    COMPOSE,
    ENV_EXAMPLE,
    INFRA,
    MissingVariable,
    compose_variables,
    interpolate,
    read_env_file,
)

HERE = Path(__file__).resolve().parent
SCHEMA_FILE = HERE / "compose-spec.json"
# The vendored file as taken from check-jsonschema 0.39.0 (README.md); change both together.
SCHEMA_SHA256 = "d549057ebc2925f39f62799eab0db7b9e2c18b35b6c00595199116da3ed10e64"
INIT_SCRIPT = INFRA / "postgres" / "init-roles.sh"
OWNER_ROLE, APP_ROLE = "backoffice_owner", "backoffice_app"


def raw() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def compose(env: dict[str, str] | None = None) -> dict[str, Any]:
    """The file as Compose sees it with infra/.env copied from infra/.env.example."""
    return interpolate(raw(), read_env_file(ENV_EXAMPLE) if env is None else env)


def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def services() -> dict[str, Any]:
    return compose()["services"]


def environment(service: str) -> dict[str, str]:
    env = services()[service].get("environment", {})
    assert isinstance(env, dict), f"{service}: environment as a mapping"
    return {k: "" if v is None else str(v) for k, v in env.items()}


# --- Schema ---------------------------------------------------------------------------------

def test_the_vendored_schema_is_the_one_noted() -> None:
    assert hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest() == SCHEMA_SHA256
    assert (HERE / "LICENSE.compose-spec").is_file()


def test_valid_against_the_compose_specification() -> None:
    errors = sorted(validator().iter_errors(compose()), key=lambda e: list(e.path))
    assert not errors, "\n".join(
        f"{'.'.join(map(str, e.path)) or '(top)'}: {e.message}" for e in errors)


def test_valid_before_interpolation_too() -> None:
    errors = list(validator().iter_errors(raw()))
    assert not errors, "\n".join(e.message for e in errors)


def test_the_schema_check_catches_a_misspelt_key() -> None:
    broken = copy.deepcopy(compose())
    broken["services"]["api"]["depends_onn"] = broken["services"]["api"].pop("depends_on")
    assert list(validator().iter_errors(broken))


# --- Variables ------------------------------------------------------------------------------

def test_every_required_variable_is_in_the_env_example() -> None:
    example = read_env_file(ENV_EXAMPLE)
    for name, op in compose_variables(raw()).items():
        if op in (None, "?", ":?"):
            assert example.get(name), f"{name} is required by compose.yaml: add it to .env.example"


def test_missing_secrets_stop_compose_with_a_message() -> None:
    with pytest.raises(MissingVariable):
        compose({})
    example = read_env_file(ENV_EXAMPLE)
    for name in ("SECRET_KEY", "POSTGRES_PASSWORD", "BACKOFFICE_OWNER_PASSWORD",
                 "BACKOFFICE_APP_PASSWORD"):
        without = {k: v for k, v in example.items() if k != name}
        with pytest.raises(MissingVariable) as caught:
            compose(without)
        assert caught.value.name == name


def test_the_env_example_holds_placeholders_and_is_ignored_by_git() -> None:
    example = read_env_file(ENV_EXAMPLE)
    for name in ("SECRET_KEY", "POSTGRES_PASSWORD", "BACKOFFICE_OWNER_PASSWORD",
                 "BACKOFFICE_APP_PASSWORD"):
        assert example[name].startswith("CHANGE-ME"), name
    assert len(example["SECRET_KEY"]) >= 32
    assert ".env" in (INFRA / ".gitignore").read_text(encoding="utf-8").split()


# --- Services -------------------------------------------------------------------------------

def test_the_services() -> None:
    assert set(services()) == {"postgres", "redis", "migrate", "api", "worker"}


@pytest.mark.parametrize("name", ["postgres", "redis", "api"])
def test_long_running_services_have_healthchecks(name: str) -> None:
    check = services()[name]["healthcheck"]
    assert not check.get("disable") and check["test"]
    if name == "api":
        assert any("/health" in part for part in check["test"])


def test_start_order() -> None:
    svc = services()
    assert svc["migrate"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    for name in ("api", "worker"):
        depends = {k: v["condition"] for k, v in svc[name]["depends_on"].items()}
        assert depends == {"postgres": "service_healthy", "redis": "service_healthy",
                           "migrate": "service_completed_successfully"}, name
    assert svc["migrate"]["restart"] == "no"


def test_one_image_for_migrate_api_and_worker_built_from_the_dockerfile() -> None:
    svc = services()
    images = {svc[n]["image"] for n in ("migrate", "api", "worker")}
    assert len(images) == 1
    for name in ("migrate", "api", "worker"):
        build = svc[name]["build"]
        assert (INFRA / build["context"] / build["dockerfile"]).resolve() == INFRA / "Dockerfile"
    assert svc["migrate"]["command"] == ["backoffice", "migrate"]
    assert svc["api"]["command"][:2] == ["backoffice", "serve"]
    assert svc["worker"]["command"] == ["backoffice", "worker"]


@pytest.mark.parametrize("name", ["migrate", "api", "worker"])
def test_backoffice_containers_are_locked_down(name: str) -> None:
    svc = services()[name]
    assert svc["read_only"] is True and "/tmp" in svc["tmpfs"]
    assert svc["cap_drop"] == ["ALL"]
    assert "no-new-privileges:true" in svc["security_opt"]
    assert not str(svc["user"]).startswith("0") and svc["user"] != "root"
    assert not svc.get("privileged")


def test_migrate_connects_as_the_owner_and_grants_the_app_role() -> None:
    env = environment("migrate")
    assert "DATABASE_URL" not in env, "migrate must not fall back to another role"
    assert urlsplit(env["DATABASE_OWNER_URL"]).username == OWNER_ROLE
    assert env["DATABASE_APP_ROLE"] == APP_ROLE


@pytest.mark.parametrize("name", ["api", "worker"])
def test_api_and_worker_connect_as_the_app_role(name: str) -> None:
    env = environment(name)
    assert "DATABASE_OWNER_URL" not in env
    assert "BACKOFFICE_OWNER_PASSWORD" not in env
    assert urlsplit(env["DATABASE_URL"]).username == APP_ROLE
    assert env["REDIS_URL"].startswith("redis://redis:")
    assert env["BACKOFFICE_ENV"] == "production"


def test_the_api_is_published_on_loopback_by_default() -> None:
    (port,) = services()["api"]["ports"]
    assert port.startswith("127.0.0.1:") and port.endswith(":8000")


def test_postgres_runs_the_init_script_with_the_role_passwords() -> None:
    svc = services()["postgres"]
    mounts = [m.split(":") for m in svc["volumes"]]
    assert any(Path(src).name == INIT_SCRIPT.name and dst.startswith("/docker-entrypoint-initdb.d/")
               for src, dst, *_ in mounts)
    assert (INFRA / "postgres" / INIT_SCRIPT.name).is_file()
    env = environment("postgres")
    assert env["BACKOFFICE_OWNER_PASSWORD"] and env["BACKOFFICE_APP_PASSWORD"]
    assert env["BACKOFFICE_APP_PASSWORD"] in environment("api")["DATABASE_URL"]
    assert env["BACKOFFICE_OWNER_PASSWORD"] in environment("migrate")["DATABASE_OWNER_URL"]


def test_the_init_script_creates_the_app_role_without_bypassrls() -> None:
    text = INIT_SCRIPT.read_text(encoding="utf-8")
    assert INIT_SCRIPT.stat().st_mode & stat.S_IXUSR
    assert f'BACKOFFICE_OWNER_ROLE:={OWNER_ROLE}' in text
    assert f'BACKOFFICE_APP_ROLE:={APP_ROLE}' in text
    assert "BACKOFFICE_DB_NAME:=backoffice" in text
    app_line = next(line for line in text.splitlines() if line.startswith('CREATE ROLE :"app"'))
    app_role = app_line + text.split(app_line, 1)[1].split(";", 1)[0]
    assert "NOBYPASSRLS" in app_role and "NOSUPERUSER" in app_role
    assert "BYPASSRLS" not in app_role.replace("NOBYPASSRLS", "")
    assert 'CREATE DATABASE :"db" OWNER :"owner"' in text
    assert 'ALTER SCHEMA public OWNER TO :"owner"' in text


# --- The init script against a real PostgreSQL (the PostgreSQL pass of the suite) -------------

PG_ADMIN = os.environ.get("BACKOFFICE_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.mark.postgres
def test_init_script_then_migrate_on_postgres() -> None:
    """What the postgres container's first start and the migrate service do, on a scratch
    database: the roles come out as intended and the app role is bound by row level security."""
    import asyncio
    import secrets

    import asyncpg

    if not shutil.which("psql"):
        pytest.skip("psql is not installed")
    admin = urlsplit(PG_ADMIN)
    suffix = secrets.token_hex(4)
    db, owner, app = f"bo_infra_{suffix}", f"bo_infra_owner_{suffix}", f"bo_infra_app_{suffix}"
    owner_pw, app_pw = secrets.token_hex(12), secrets.token_hex(12)
    host = f"{admin.hostname}:{admin.port or 5432}"
    env = {**os.environ, "PGHOST": admin.hostname or "127.0.0.1", "PGPORT": str(admin.port or 5432),
           "POSTGRES_USER": admin.username or "postgres", "BACKOFFICE_DB_NAME": db,
           "BACKOFFICE_OWNER_ROLE": owner, "BACKOFFICE_APP_ROLE": app,
           "BACKOFFICE_OWNER_PASSWORD": owner_pw, "BACKOFFICE_APP_PASSWORD": app_pw}
    if admin.password:
        env["PGPASSWORD"] = admin.password

    async def admin_query(sql: str, database: str = "postgres") -> list[Any]:
        conn = await asyncpg.connect(PG_ADMIN.rsplit("/", 1)[0] + "/" + database)
        try:
            return await conn.fetch(sql)
        finally:
            await conn.close()

    try:
        result = subprocess.run(["sh", str(INIT_SCRIPT)], env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        roles = {r["rolname"]: r for r in asyncio.run(admin_query(
            "SELECT rolname, rolsuper, rolbypassrls, rolcreatedb, rolcreaterole, rolcanlogin "
            f"FROM pg_roles WHERE rolname IN ('{owner}', '{app}')"))}
        for role in (owner, app):
            assert roles[role]["rolcanlogin"]
            assert not (roles[role]["rolsuper"] or roles[role]["rolbypassrls"]
                        or roles[role]["rolcreatedb"] or roles[role]["rolcreaterole"])
        (schema,) = asyncio.run(admin_query(
            "SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = 'public'",
            database=db))
        assert schema["owner"] == owner

        migrate_env = {k: v for k, v in os.environ.items()
                       if k not in ("DATABASE_URL", "DATABASE_OWNER_URL", "DATABASE_APP_ROLE")}
        migrate_env.update(
            DATABASE_OWNER_URL=f"postgresql://{owner}:{owner_pw}@{host}/{db}",
            DATABASE_APP_ROLE=app)
        result = subprocess.run([sys.executable, "-m", "backoffice.cli", "migrate"],
                                env=migrate_env, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr

        async def as_app() -> None:
            conn = await asyncpg.connect(f"postgresql://{app}:{app_pw}@{host}/{db}")
            try:
                # Granted by migrate, bound by row level security: no tenant, no rows.
                assert await conn.fetchval("SELECT count(*) FROM tenants") == 0
                with pytest.raises(asyncpg.InsufficientPrivilegeError):
                    await conn.execute("CREATE TABLE not_allowed (id int)")
            finally:
                await conn.close()

        asyncio.run(as_app())
        forced = asyncio.run(admin_query(
            "SELECT count(*) AS n FROM pg_class WHERE relforcerowsecurity", database=db))
        assert forced[0]["n"] > 0
    finally:
        async def drop() -> None:
            conn = await asyncpg.connect(PG_ADMIN)
            try:
                await conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                   f"WHERE datname = '{db}'")
                await conn.execute(f"DROP DATABASE IF EXISTS {db}")
                await conn.execute(f"DROP ROLE IF EXISTS {owner}")
                await conn.execute(f"DROP ROLE IF EXISTS {app}")
            finally:
                await conn.close()

        asyncio.run(drop())
