"""Per-company keys and indexes of expected deliveries, purchase receipts and stock issues."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-12-01T12:01:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "purchasing and stock issue keys"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="logistics", description=DESCRIPTION)
    add_raw_statements(
        manager,
        "CREATE INDEX logistics_deliveries_date ON logistics_expected_deliveries (tenant_id, expected_date, id)",
        "CREATE INDEX logistics_deliveries_status ON logistics_expected_deliveries (tenant_id, status, expected_date)",
        "CREATE INDEX logistics_delivery_lines_delivery ON logistics_expected_delivery_lines (tenant_id, delivery_id)",
        "CREATE INDEX logistics_receipts_delivery ON logistics_purchase_receipts (tenant_id, delivery_id)",
        "CREATE UNIQUE INDEX logistics_receipts_key ON logistics_purchase_receipts (tenant_id, idempotency_key) "
        "WHERE idempotency_key IS NOT NULL",
        "CREATE INDEX logistics_receipt_lines_receipt ON logistics_purchase_receipt_lines (tenant_id, receipt_id)",
        "CREATE UNIQUE INDEX logistics_issues_source ON logistics_stock_issues (tenant_id, source_key) "
        "WHERE source_key IS NOT NULL",
        "CREATE INDEX logistics_issues_status ON logistics_stock_issues (tenant_id, status)",
        "CREATE INDEX logistics_issue_lines_issue ON logistics_stock_issue_lines (tenant_id, issue_id)",
    )
    return manager
