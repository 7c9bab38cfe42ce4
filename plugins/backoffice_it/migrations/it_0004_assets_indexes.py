"""Per-company uniqueness and indexes of assets, licences and articles."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-11-22T11:36:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "asset keys and indexes"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="it", description=DESCRIPTION)
    add_raw_statements(
        manager,
        "CREATE UNIQUE INDEX it_assets_tag ON it_assets (tenant_id, tag)",
        "CREATE INDEX it_assets_holder ON it_assets (tenant_id, assigned_user_id)",
        "CREATE INDEX it_asset_assignments_asset ON it_asset_assignments (tenant_id, asset_id)",
        "CREATE UNIQUE INDEX it_license_seats_once ON it_license_seats (tenant_id, license_id, user_id)",
        "CREATE UNIQUE INDEX it_ticket_articles_once ON it_ticket_articles (tenant_id, ticket_id, article_id)",
    )
    return manager
