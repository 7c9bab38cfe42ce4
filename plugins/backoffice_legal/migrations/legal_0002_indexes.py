"""Indexes of the legal tables, and one filing per obligation and period."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-11-22T11:41:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "legal indexes"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="legal", description=DESCRIPTION)
    add_raw_statements(
        manager,
        "CREATE INDEX legal_contracts_owner ON legal_contracts (tenant_id, owner_user_id)",
        "CREATE INDEX legal_contracts_end ON legal_contracts (tenant_id, status, end_date)",
        "CREATE UNIQUE INDEX legal_versions_number ON legal_contract_versions (tenant_id, contract_id, version)",
        "CREATE INDEX legal_reviews_reviewer ON legal_contract_reviews (tenant_id, reviewer_user_id)",
        "CREATE INDEX legal_matters_requester ON legal_matters (tenant_id, kind, requester_user_id)",
        "CREATE UNIQUE INDEX legal_filings_period ON legal_filings (tenant_id, obligation_id, period)",
    )
    return manager
