"""Per-company uniqueness and indexes of the payroll tables."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-11-22T09:55:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "payroll unique keys and indexes"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="hr", description=DESCRIPTION)
    add_raw_statements(
        manager,
        "CREATE UNIQUE INDEX hr_salary_structures_employee ON hr_salary_structures (tenant_id, employee_id)",
        "CREATE UNIQUE INDEX hr_payroll_runs_period ON hr_payroll_runs (tenant_id, period)",
        "CREATE UNIQUE INDEX hr_payslips_run_employee ON hr_payslips (tenant_id, run_id, employee_id)",
        "CREATE INDEX hr_payslips_employee ON hr_payslips (tenant_id, employee_id, period)",
    )
    return manager
