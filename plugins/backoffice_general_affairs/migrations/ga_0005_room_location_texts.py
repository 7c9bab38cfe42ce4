from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-01T21:06:43:115720"
VERSION = "1.38.0"
DESCRIPTION = "building and floor texts of rooms dropped"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="ga", description=DESCRIPTION
    )

    manager.drop_column(
        table_class_name="Resource",
        tablename="ga_resources",
        column_name="building",
        db_column_name="building",
        schema=None,
    )

    manager.drop_column(
        table_class_name="Resource",
        tablename="ga_resources",
        column_name="floor",
        db_column_name="floor",
        schema=None,
    )

    return manager
