"""OAuth apps acting for people (authorization-code grant with PKCE): the kind and redirect
URIs of a client, authorization codes, grants and refresh tokens."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import JSON, BigInt, BigSerial, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-04T23:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "oauth authorization code grant"

NOW = TimestamptzNow()
# (class name, table name, [(column, column class, extra params)])
TABLES = [
    ("OAuthGrant", "oauth_grants", [
        ("client_id", Varchar, {"length": 64, "default": "", "index": True}),
        ("user_id", BigInt, {"default": 0, "index": True}),
        ("scopes", JSON, {"default": "[]"}),
        ("created_at", Timestamptz, {"default": NOW}),
        ("revoked_at", Timestamptz, {"default": None, "null": True}),
    ]),
    ("OAuthAuthorizationCode", "oauth_authorization_codes", [
        ("code_hash", Varchar, {"length": 64, "default": "", "unique": True}),
        ("client_id", Varchar, {"length": 64, "default": ""}),
        ("user_id", BigInt, {"default": 0}),
        ("redirect_uri", Text, {"default": ""}),
        ("scopes", JSON, {"default": "[]"}),
        ("code_challenge", Varchar, {"length": 128, "default": ""}),
        ("created_at", Timestamptz, {"default": NOW}),
        ("expires_at", Timestamptz, {"default": NOW}),
        ("used_at", Timestamptz, {"default": None, "null": True}),
        ("grant_id", BigInt, {"default": None, "null": True}),
    ]),
    ("OAuthRefreshToken", "oauth_refresh_tokens", [
        ("token_hash", Varchar, {"length": 64, "default": "", "unique": True}),
        ("grant_id", BigInt, {"default": 0, "index": True}),
        ("created_at", Timestamptz, {"default": NOW}),
        ("expires_at", Timestamptz, {"default": NOW}),
        ("used_at", Timestamptz, {"default": None, "null": True}),
    ]),
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

    manager.add_column(
        table_class_name="OAuthClient", tablename="oauth_clients", column_name="kind",
        db_column_name="kind", column_class_name="Varchar", column_class=Varchar,
        params=_params({"length": 16, "default": "service"}), schema=None,
    )
    manager.add_column(
        table_class_name="OAuthClient", tablename="oauth_clients", column_name="redirect_uris",
        db_column_name="redirect_uris", column_class_name="JSON", column_class=JSON,
        params=_params({"default": "[]"}), schema=None,
    )

    for class_name, tablename, columns in TABLES:
        manager.add_table(class_name=class_name, tablename=tablename, schema=None, columns=None)
        manager.add_column(
            table_class_name=class_name, tablename=tablename, column_name="id",
            db_column_name="id", column_class_name="BigSerial", column_class=BigSerial,
            params=_params({"primary_key": True}), schema=None,
        )
        manager.add_column(
            table_class_name=class_name, tablename=tablename, column_name="tenant_id",
            db_column_name="tenant_id", column_class_name="BigInt", column_class=BigInt,
            params=_params({"default": 0, "index": True}), schema=None,
        )
        for name, column_class, extra in columns:
            manager.add_column(
                table_class_name=class_name, tablename=tablename, column_name=name,
                db_column_name=name, column_class_name=column_class.__name__,
                column_class=column_class, params=_params(extra), schema=None,
            )

    # The tenant-leading indexes follow in core_0014_oauth_authorization_code_indexes (a
    # migration's raw statements run before its tables are created).
    return manager
