"""Uniqueness and indexes of performance and policy tables."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-11-22T10:06:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "performance and policy indexes"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="hr", description=DESCRIPTION)
    add_raw_statements(
        manager,
        "CREATE INDEX hr_goals_cycle_employee ON hr_goals (tenant_id, cycle_id, employee_id)",
        "CREATE UNIQUE INDEX hr_reviews_once ON hr_reviews (tenant_id, cycle_id, employee_id, kind)",
        "CREATE UNIQUE INDEX hr_policy_versions_number ON hr_policy_versions (tenant_id, policy_id, version)",
        "CREATE UNIQUE INDEX hr_policy_ack_once ON hr_policy_acknowledgements (tenant_id, version_id, employee_id)",
    )
    return manager
