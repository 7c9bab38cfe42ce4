"""Per-company uniqueness and company-leading indexes of the HR tables."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-11-22T09:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "HR unique keys and indexes"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="hr", description=DESCRIPTION)
    add_raw_statements(
        manager,
        "CREATE UNIQUE INDEX hr_employees_number ON hr_employees (tenant_id, employee_number)",
        "CREATE UNIQUE INDEX hr_employees_user ON hr_employees (tenant_id, user_id) "
        "WHERE user_id IS NOT NULL",
        "CREATE INDEX hr_employees_name ON hr_employees (tenant_id, full_name, id)",
        "CREATE INDEX hr_employees_department ON hr_employees (tenant_id, department_id)",
        "CREATE INDEX hr_employees_manager ON hr_employees (tenant_id, manager_id)",
        "CREATE INDEX hr_departments_parent ON hr_departments (tenant_id, parent_id)",
        "CREATE INDEX hr_positions_department ON hr_positions (tenant_id, department_id)",
        "CREATE INDEX hr_contacts_employee ON hr_emergency_contacts (tenant_id, employee_id)",
        "CREATE UNIQUE INDEX hr_leave_types_code ON hr_leave_types (tenant_id, code)",
        "CREATE UNIQUE INDEX hr_leave_balances_key ON hr_leave_balances "
        "(tenant_id, employee_id, leave_type_id, year)",
        "CREATE INDEX hr_leave_requests_employee ON hr_leave_requests "
        "(tenant_id, employee_id, start_date)",
        "CREATE INDEX hr_leave_requests_status ON hr_leave_requests (tenant_id, status, start_date)",
    )
    return manager
