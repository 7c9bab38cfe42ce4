"""Bookings of one room or vehicle never overlap: on PostgreSQL an exclusion constraint says so
(with range types only, so no extension is needed); SQLite serialises writers and the service
checks inside the transaction."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

from backoffice.sdk import add_raw_statements

ID = "2026-11-22T12:11:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "bookings never overlap"

EXCLUDE = (
    "ALTER TABLE ga_bookings ADD CONSTRAINT ga_bookings_no_overlap EXCLUDE USING gist ("
    "int8range(tenant_id, tenant_id, '[]') WITH &&, int8range(resource_id, resource_id, '[]') WITH &&, "
    "tstzrange(starts_at, ends_at, '[)') WITH &&)"
)


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="ga", description=DESCRIPTION)
    add_raw_statements(
        manager,
        "CREATE INDEX ga_bookings_resource ON ga_bookings (tenant_id, resource_id, starts_at)",
        "CREATE INDEX ga_travel_traveller ON ga_travel_requests (tenant_id, traveller_user_id)",
    )

    async def exclusion() -> None:
        engine = engine_finder()
        if engine.engine_type == "postgres":
            await engine.run_ddl(EXCLUDE)

    manager.add_raw(exclusion)
    return manager
