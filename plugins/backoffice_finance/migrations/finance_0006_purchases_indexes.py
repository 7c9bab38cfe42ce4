"""Per-company uniqueness and indexes of the purchase tables."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-11-22T10:51:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "purchase indexes"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="finance", description=DESCRIPTION)
    add_raw_statements(
        manager,
        "CREATE INDEX finance_bills_status ON finance_bills (tenant_id, status, due_date)",
        "CREATE UNIQUE INDEX finance_bills_key ON finance_bills (tenant_id, idempotency_key) "
        "WHERE idempotency_key IS NOT NULL",
        "CREATE INDEX finance_bill_lines_bill ON finance_bill_lines (tenant_id, bill_id)",
        "CREATE INDEX finance_claims_claimant ON finance_expense_claims (tenant_id, claimant_user_id)",
        "CREATE INDEX finance_claims_status ON finance_expense_claims (tenant_id, status)",
    )
    return manager
