"""Per-company uniqueness (account codes, entry numbers, idempotency keys) and indexes."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-11-22T10:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "ledger unique keys and indexes"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="finance", description=DESCRIPTION)
    add_raw_statements(
        manager,
        "CREATE UNIQUE INDEX finance_accounts_code ON finance_accounts (tenant_id, code)",
        "CREATE UNIQUE INDEX finance_periods_month ON finance_periods (tenant_id, year, month)",
        "CREATE UNIQUE INDEX finance_rates_day ON finance_exchange_rates (tenant_id, currency, valid_from)",
        "CREATE UNIQUE INDEX finance_entries_number ON finance_journal_entries (tenant_id, number)",
        "CREATE UNIQUE INDEX finance_entries_key ON finance_journal_entries (tenant_id, idempotency_key) "
        "WHERE idempotency_key IS NOT NULL",
        "CREATE INDEX finance_entries_date ON finance_journal_entries (tenant_id, entry_date)",
        "CREATE INDEX finance_lines_entry ON finance_journal_lines (tenant_id, entry_id)",
        "CREATE INDEX finance_lines_account_date ON finance_journal_lines (tenant_id, account_id, entry_date)",
        "CREATE UNIQUE INDEX finance_counters_year ON finance_entry_counters (tenant_id, year)",
        "CREATE UNIQUE INDEX finance_settings_key ON finance_settings (tenant_id, key)",
    )
    return manager
