"""Two-factor authentication (TOTP): the user's sealed secret (and the one waiting for
confirmation), when it was turned on, the time step of the last code accepted (a code is never
accepted twice) and the hashes of the recovery codes; and the company's rule that owners must
use it."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import BigInt, Boolean, Text, Timestamptz
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-05T22:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "two-factor authentication"

# (class name, table name, column, column class, extra params)
COLUMNS = [
    ("User", "users", "totp_secret", Text, {"default": "", "secret": True}),
    ("User", "users", "totp_pending_secret", Text, {"default": "", "secret": True}),
    ("User", "users", "totp_enabled_at", Timestamptz, {"default": None, "null": True}),
    ("User", "users", "totp_last_step", BigInt, {"default": None, "null": True}),
    ("User", "users", "totp_recovery_codes", Text, {"default": "", "secret": True}),
    ("Tenant", "tenants", "require_two_factor_for_owners", Boolean, {"default": False}),
]


def _params(extra: dict) -> dict:
    params = {
        "null": False,
        "primary_key": False,
        "unique": False,
        "index": False,
        "index_method": IndexMethod.btree,
        "choices": None,
        "db_column_name": None,
        "secret": False,
    }
    params.update(extra)
    return params


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)
    for class_name, tablename, name, column_class, extra in COLUMNS:
        manager.add_column(
            table_class_name=class_name, tablename=tablename, column_name=name,
            db_column_name=name, column_class_name=column_class.__name__,
            column_class=column_class, params=_params(extra), schema=None,
        )
    return manager
