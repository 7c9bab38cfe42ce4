"""Per-company uniqueness and indexes of the sales tables."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-11-22T10:46:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "sales unique keys and indexes"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="finance", description=DESCRIPTION)
    add_raw_statements(
        manager,
        "CREATE UNIQUE INDEX finance_invoices_number ON finance_invoices (tenant_id, number) WHERE number IS NOT NULL",
        "CREATE INDEX finance_invoices_status ON finance_invoices (tenant_id, status, due_date)",
        "CREATE INDEX finance_invoice_lines_invoice ON finance_invoice_lines (tenant_id, invoice_id)",
        "CREATE INDEX finance_invoice_payments_invoice ON finance_invoice_payments (tenant_id, invoice_id)",
        "CREATE UNIQUE INDEX finance_invoice_payments_key ON finance_invoice_payments (tenant_id, idempotency_key) "
        "WHERE idempotency_key IS NOT NULL",
        "CREATE UNIQUE INDEX finance_document_counters_key ON finance_document_counters (tenant_id, kind, year)",
        "CREATE INDEX finance_tax_rates_code ON finance_tax_rates (tenant_id, code, valid_from)",
    )
    return manager
