"""A company's export, imported into a fresh installation, exports back the same data; and
deleting a company leaves none of its rows in any table. Run through the ``backoffice``
command as operators run it."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import PASSWORD, unique_email

PG_ADMIN = os.environ.get("BACKOFFICE_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/test")


def cli(*args: str, env: dict[str, str] | None = None,
        check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "backoffice.cli", *args], capture_output=True,
                            text=True, env=env or os.environ.copy(), timeout=300)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def _pg(statements: list[str], url: str) -> list[list[dict]]:
    import asyncpg

    async def run() -> list[list[dict]]:
        conn = await asyncpg.connect(url)
        try:
            return [[dict(r) for r in await conn.fetch(s)] for s in statements]
        finally:
            await conn.close()

    return asyncio.run(run())


@pytest.fixture()
def fresh_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of a second, empty installation, migrated."""
    env = os.environ.copy()
    names: dict[str, str] = {}
    if os.environ.get("BACKOFFICE_TEST_PG_SUPERUSER_URL"):
        suffix = secrets.token_hex(4)
        names = {"db": f"bo_fresh_{suffix}", "owner": f"bo_fowner_{suffix}",
                 "app": f"bo_fapp_{suffix}"}
        _pg([f"CREATE ROLE {names['owner']} LOGIN",
             f"CREATE ROLE {names['app']} LOGIN NOBYPASSRLS",
             f"CREATE DATABASE {names['db']} OWNER {names['owner']}"], PG_ADMIN)
        superuser = PG_ADMIN.rsplit("/", 1)[0] + "/" + names["db"]
        _pg(["REVOKE ALL ON SCHEMA public FROM PUBLIC",
             f"ALTER SCHEMA public OWNER TO {names['owner']}"], superuser)
        host = PG_ADMIN.split("@", 1)[1].rsplit("/", 1)[0]
        env.update(DATABASE_URL=f"postgresql://{names['app']}@{host}/{names['db']}",
                   DATABASE_OWNER_URL=f"postgresql://{names['owner']}@{host}/{names['db']}",
                   DATABASE_APP_ROLE=names["app"], BACKOFFICE_TEST_PG_SUPERUSER_URL=superuser)
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path}/fresh.sqlite3"
        env.pop("DATABASE_OWNER_URL", None)
    cli("migrate", env=env)
    try:
        yield env
    finally:
        if names:
            _pg([f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                 f"WHERE datname = '{names['db']}'",
                 f"DROP DATABASE IF EXISTS {names['db']}",
                 f"DROP ROLE IF EXISTS {names['owner']}",
                 f"DROP ROLE IF EXISTS {names['app']}"], PG_ADMIN)


def _seed(name: str) -> tuple[str, int]:
    cli("seed-demo", "--email", unique_email("transfer"), "--password", PASSWORD, "--name", name)
    listed = json.loads(cli("tenants", "list", "--json").stdout)
    mine = [t for t in listed if t["name"] == name]
    assert len(mine) == 1
    return mine[0]["slug"], mine[0]["id"]


def _contents(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        files = {n: archive.read(n).decode("utf-8") for n in archive.namelist()}
    manifest = json.loads(files.pop("manifest.json"))
    manifest.pop("exported_at")
    files["manifest.json"] = json.dumps(manifest, sort_keys=True)
    return files


def _tenant_rows(env: dict[str, str], tenant_id: int) -> dict[str, int]:
    """Rows with ``tenant_id`` in every table that has the column, past every wall."""
    superuser = env.get("BACKOFFICE_TEST_PG_SUPERUSER_URL")
    if superuser:
        tables = [r["table_name"] for r in _pg([
            "SELECT table_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND column_name = 'tenant_id'"], superuser)[0]]
        counts = _pg([f'SELECT count(*) AS n FROM "{t}" WHERE tenant_id = {int(tenant_id)}'
                      for t in tables], superuser)
        return {t: c[0]["n"] for t, c in zip(tables, counts, strict=True)}
    db = sqlite3.connect(env["DATABASE_URL"].split("sqlite:///", 1)[1])
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        with_column = [t for t in tables
                       if any(c[1] == "tenant_id" for c in db.execute(f'PRAGMA table_info("{t}")'))]
        return {t: db.execute(f'SELECT count(*) FROM "{t}" WHERE tenant_id = ?',
                              (tenant_id,)).fetchone()[0] for t in with_column}
    finally:
        db.close()


def test_export_import_round_trip(tmp_path: Path, fresh_env: dict[str, str]) -> None:
    slug, tenant_id = _seed(f"PT Ekspor {secrets.token_hex(3)}")
    first, second = tmp_path / "first.zip", tmp_path / "second.zip"
    cli("tenants", "export", slug, "--output", str(first))

    original = _contents(first)
    manifest = json.loads(original["manifest.json"])
    assert manifest["format_version"] == 1 and manifest["tenant"]["slug"] == slug
    assert manifest["migrations"] and manifest["product_version"]
    # Every module's tables are in the file, with the demo data in many of them.
    assert sum(1 for n in manifest["tables"].values() if n) > 20
    assert set(original) == {"manifest.json"} | {f"{t}.csv" for t in manifest["tables"]}
    assert all(text.splitlines()[0].startswith("id,") for name, text in original.items()
               if name.endswith(".csv"))

    result = cli("tenants", "import", str(first), env=fresh_env)
    assert f"Imported tenant {slug}" in result.stdout
    cli("tenants", "export", slug, "--output", str(second), env=fresh_env)
    copy = _contents(second)
    assert sorted(copy) == sorted(original)
    for name in original:
        assert copy[name] == original[name], name

    # The same file again is refused: this is no longer a fresh installation for it.
    again = cli("tenants", "import", str(first), env=fresh_env, check=False)
    assert again.returncode == 1 and "already exists" in again.stderr
    assert "Traceback" not in again.stderr

    # New rows after the import do not collide with the imported ids (sequences moved on).
    cli("create-tenant", "--name", "CV Sesudah Impor", "--owner-email", unique_email("after"),
        "--password", PASSWORD, "--module", "hr", env=fresh_env)
    assert sum(_tenant_rows(fresh_env, tenant_id).values()) == sum(
        n for t, n in manifest["tables"].items() if t not in ("tenants", "users"))


def test_delete_leaves_no_row_in_any_table() -> None:
    slug, tenant_id = _seed(f"PT Hapus {secrets.token_hex(3)}")
    before = _tenant_rows(os.environ.copy(), tenant_id)
    assert sum(before.values()) > 100
    cli("tenants", "delete", slug, "--yes")
    after = _tenant_rows(os.environ.copy(), tenant_id)
    assert {t: n for t, n in after.items() if n} == {}
    listed = json.loads(cli("tenants", "list", "--json").stdout)
    assert all(t["slug"] != slug for t in listed)
