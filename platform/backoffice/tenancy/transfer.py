"""A company's complete export to a ZIP of CSV files, and its import into a fresh installation.

The ZIP holds ``tenants.csv`` (the company's row), ``users.csv`` (the people who are members,
password hashes included), one CSV per table with a ``tenant_id`` column (every module's
tables, found through the Piccolo apps the registry knows) and ``manifest.json``.

Values are written so that they come back exactly:

* ``\\N`` stands for NULL; an empty field is an empty string. A text value that starts with a
  backslash gets one more backslash in front, so a literal ``\\N`` stays text.
* Decimal as text, dates and timestamps in ISO 8601, booleans as ``true``/``false``, JSON
  columns as JSON text, bytes (uploaded files) as base64.

The import refuses a company whose slug, tenant id or users already exist, and a file whose
migrations this installation has not run. It inserts everything in one transaction, keeping
the original ids, in an order that satisfies foreign keys, then moves the PostgreSQL id
sequences past the largest id so new rows do not collide.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import decimal
import io
import json
import zipfile
from typing import Any

from piccolo.columns import (
    JSON,
    JSONB,
    BigInt,
    Boolean,
    Bytea,
    Date,
    DoublePrecision,
    ForeignKey,
    Integer,
    Numeric,
    Real,
    Serial,
    SmallInt,
    Time,
    Timestamp,
    Timestamptz,
)
from piccolo.table import Table, sort_table_classes

from backoffice.db.engine import enter_scope, is_postgres, write_transaction
from backoffice.errors import BackofficeError, NotFound
from backoffice.runtime import get_engine, get_registry

FORMAT_VERSION = 1
NULL = "\\N"
MANIFEST = "manifest.json"


class TransferError(BackofficeError):
    """The file cannot be imported here (clashing data, newer migrations, bad file)."""

    def __init__(self, message: str) -> None:
        super().__init__((message, message))


# Tables -----------------------------------------------------------------------------------

def tenant_tables() -> list[type[Table]]:
    """Every table with a ``tenant_id`` column, of every app, parents before children."""
    seen: dict[str, type[Table]] = {}
    for module in get_registry():
        app = module.piccolo_app
        if app is None:
            continue
        for table in app.table_classes:
            names = {c._meta.db_column_name for c in table._meta.columns}
            if "tenant_id" in names:
                seen.setdefault(table._meta.tablename, table)
    return sort_table_classes(sorted(seen.values(), key=lambda t: t._meta.tablename))


def _global(name: str) -> type[Table]:
    if name == "tenants":
        from backoffice.tenancy.tables import Tenant  # noqa: PLC0415

        return Tenant
    from backoffice.identity.tables import User  # noqa: PLC0415

    return User


def _columns(table: type[Table]) -> list[Any]:
    return list(table._meta.columns)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# Encoding ---------------------------------------------------------------------------------

def encode(column: Any, value: Any) -> str:
    if value is None:
        return NULL
    if isinstance(column, Bytea):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(column, (JSON, JSONB)):
        text = value if isinstance(value, str) else json.dumps(value)
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (dt.datetime, dt.date, dt.time)):
        text = value.isoformat()
    elif isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    else:
        text = str(value)
    return "\\" + text if text.startswith("\\") else text


def decode(column: Any, text: str) -> Any:
    if text == NULL:
        return None
    if isinstance(column, Bytea):
        return base64.b64decode(text)
    if text.startswith("\\"):
        text = text[1:]
    if isinstance(column, Boolean):
        return text == "true"
    if isinstance(column, (ForeignKey, BigInt, Integer, SmallInt, Serial)):
        return int(text)
    if isinstance(column, Numeric):
        return decimal.Decimal(text)
    if isinstance(column, (Real, DoublePrecision)):
        return float(text)
    if isinstance(column, (Timestamptz, Timestamp)):
        return dt.datetime.fromisoformat(text)
    if isinstance(column, Date):
        return dt.date.fromisoformat(text)
    if isinstance(column, Time):
        return dt.time.fromisoformat(text)
    return text


def _csv(table: type[Table], rows: list[dict[str, Any]]) -> str:
    columns = _columns(table)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c._meta.db_column_name for c in columns])
    for row in rows:
        writer.writerow([encode(c, row[c._meta.db_column_name]) for c in columns])
    return out.getvalue()


# Migration state --------------------------------------------------------------------------

async def migration_state() -> dict[str, list[str]]:
    from piccolo.apps.migrations.tables import Migration  # noqa: PLC0415

    state: dict[str, list[str]] = {}
    for module in get_registry():
        app = module.piccolo_app
        if app is None:
            continue
        state[app.app_name] = sorted(
            await Migration.get_migrations_which_ran(app_name=app.app_name))
    return state


# Export -----------------------------------------------------------------------------------

async def _select(table: type[Table], where: str, *args: Any) -> list[dict[str, Any]]:
    names = ", ".join(_quote(c._meta.db_column_name) for c in _columns(table))
    return await table.raw(
        f"SELECT {names} FROM {_quote(table._meta.tablename)} WHERE {where} ORDER BY id", *args)


async def export_tenant(slug: str, output: str) -> dict[str, Any]:
    """Write the company ``slug`` to the ZIP file ``output``; returns the manifest."""
    from backoffice import __version__  # noqa: PLC0415

    tenant_table, user_table = _global("tenants"), _global("users")
    found = await tenant_table.raw("SELECT id FROM tenants WHERE slug = {}", slug)
    if not found:
        raise NotFound((f"No tenant with slug {slug!r}.", f"Tidak ada tenant dengan slug {slug!r}."))
    tenant_id = found[0]["id"]
    files: dict[str, str] = {}
    counts: dict[str, int] = {}
    engine = get_engine()
    async with engine.transaction():
        await enter_scope(tenant_id)
        try:
            tenant_rows = await _select(tenant_table, "id = {}", tenant_id)
            files["tenants.csv"], counts["tenants"] = _csv(tenant_table, tenant_rows), 1
            members = await tenant_table.raw(
                "SELECT DISTINCT user_id FROM memberships WHERE tenant_id = {}", tenant_id)
            user_ids = sorted(r["user_id"] for r in members)
            users = []
            for user_id in user_ids:
                users += await _select(user_table, "id = {}", user_id)
            files["users.csv"], counts["users"] = _csv(user_table, users), len(users)
            for table in tenant_tables():
                name = table._meta.tablename
                rows = await _select(table, "tenant_id = {}", tenant_id)
                files[f"{name}.csv"], counts[name] = _csv(table, rows), len(rows)
        finally:
            await enter_scope(None)
        state = await migration_state()
    manifest = {
        "format_version": FORMAT_VERSION,
        "product_version": __version__,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(),
        "tenant": {"id": tenant_id, "slug": slug},
        "migrations": state,
        "tables": counts,
        "null_marker": NULL,
    }
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
        for name, text in files.items():
            archive.writestr(name, text)
    return manifest


# Import -----------------------------------------------------------------------------------

def _read(archive: zipfile.ZipFile, table: type[Table]) -> list[dict[str, Any]]:
    name = f"{table._meta.tablename}.csv"
    try:
        text = archive.read(name).decode("utf-8")
    except KeyError:
        return []
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        return []
    by_name = {c._meta.db_column_name: c for c in _columns(table)}
    unknown = [h for h in header if h not in by_name]
    if unknown:
        raise TransferError(f"{name}: columns this installation does not have: {', '.join(unknown)}")
    return [{h: decode(by_name[h], v) for h, v in zip(header, row, strict=True)} for row in reader]


async def _insert(table: type[Table], rows: list[dict[str, Any]]) -> None:
    for row in rows:
        names = ", ".join(_quote(n) for n in row)
        marks = ", ".join("{}" for _ in row)
        await table.raw(f"INSERT INTO {_quote(table._meta.tablename)} ({names}) VALUES ({marks})",
                        *row.values())


async def _any_exists(table: type[Table], ids: list[int]) -> bool:
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("{}" for _ in chunk)
        if await table.raw(f"SELECT id FROM {_quote(table._meta.tablename)} WHERE id IN ({marks})",
                           *chunk):
            return True
    return False


async def _check_migrations(theirs: dict[str, list[str]]) -> None:
    ours = await migration_state()
    newer = [f"{app}:{m}" for app, names in theirs.items()
             for m in names if m not in set(ours.get(app, []))]
    if newer:
        raise TransferError("The file comes from a newer installation; run `backoffice migrate` "
                            "with a version that has these migrations first: " + ", ".join(newer))


async def import_tenant(path: str) -> dict[str, Any]:
    """Load a company exported by :func:`export_tenant` into this installation."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise TransferError(f"Cannot read {path}: {exc}") from exc
    with archive:
        try:
            manifest = json.loads(archive.read(MANIFEST))
        except (KeyError, ValueError) as exc:
            raise TransferError(f"{path} has no readable {MANIFEST}") from exc
        if manifest.get("format_version") != FORMAT_VERSION:
            raise TransferError(f"Unknown export format {manifest.get('format_version')!r}.")
        await _check_migrations(manifest.get("migrations", {}))
        tenant_table, user_table = _global("tenants"), _global("users")
        tenants = _read(archive, tenant_table)
        if len(tenants) != 1:
            raise TransferError("The file must hold exactly one company.")
        tenant = tenants[0]
        users = _read(archive, user_table)
        tables = tenant_tables()
        data = [(table, _read(archive, table)) for table in tables]
    tenant_id = tenant["id"]
    if await tenant_table.raw("SELECT id FROM tenants WHERE slug = {} OR id = {}",
                              tenant["slug"], tenant_id):
        raise TransferError(f"A company with slug {tenant['slug']!r} or id {tenant_id} "
                            "already exists here; import into a fresh installation.")
    for user in users:
        if await user_table.raw("SELECT id FROM users WHERE id = {} OR email = {}",
                                user["id"], user["email"]):
            raise TransferError(f"User {user['email']!r} or user id {user['id']} already exists "
                                "here; import into a fresh installation.")
    engine = get_engine()
    counts: dict[str, int] = {"tenants": 1, "users": len(users)}
    async with write_transaction(engine):
        await _insert(tenant_table, [tenant])
        await _insert(user_table, users)
        await enter_scope(tenant_id)
        try:
            for table, rows in data:
                name = table._meta.tablename
                ids = [r["id"] for r in rows]
                if await _any_exists(table, ids):
                    raise TransferError(f"Rows of {name} with these ids already exist here; "
                                        "import into a fresh installation.")
                try:
                    await _insert(table, rows)
                except Exception as exc:  # unique ids hidden from this tenant by the wall
                    if "unique" in str(exc).lower() or "duplicate" in str(exc).lower():
                        raise TransferError(f"{name}: {exc}") from exc
                    raise
                counts[name] = len(rows)
            if is_postgres(engine):
                # Inside the company's scope, so the wall lets max(id) see its rows; never
                # moves a sequence backwards.
                for table in [tenant_table, user_table, *tables]:
                    name = table._meta.tablename
                    await table.raw(
                        "SELECT setval(s.seq, GREATEST(m.top, COALESCE(q.last_value, 0))) "
                        "FROM (SELECT pg_get_serial_sequence({}, 'id') AS seq) s "
                        f"CROSS JOIN (SELECT max(id) AS top FROM {_quote(name)}) m "
                        "LEFT JOIN pg_sequences q "
                        "ON quote_ident(q.schemaname) || '.' || quote_ident(q.sequencename) = s.seq "
                        "WHERE m.top IS NOT NULL", _quote(name))
        finally:
            await enter_scope(None)
    return {"slug": tenant["slug"], "id": tenant_id, "tables": counts}
