from piccolo.columns import BigInt, Bytea, Date, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class Department(TenantTable, tablename="hr_departments"):
    name = Varchar(length=200)
    code = Varchar(length=32, default="")
    parent_id = BigInt(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class Position(TenantTable, tablename="hr_positions"):
    title = Varchar(length=200)
    department_id = BigInt(null=True, default=None)
    grade = Varchar(length=32, default="")
    created_at = Timestamptz(default=TimestamptzNow())


class Employee(TenantTable, tablename="hr_employees"):
    employee_number = Varchar(length=32)
    full_name = Varchar(length=200)
    work_email = Varchar(length=254, default="")
    phone = Varchar(length=32, default="")
    birth_date = Date(null=True, default=None)
    gender = Varchar(length=16, default="")
    address = Text(default="")
    # Sensitive: readable only with hr.employee.read_sensitive, or by the employee.
    national_id = Varchar(length=32, default="")
    tax_id = Varchar(length=32, default="")
    bank_name = Varchar(length=100, default="")
    bank_account = Varchar(length=64, default="")
    department_id = BigInt(null=True, default=None)
    position_id = BigInt(null=True, default=None)
    manager_id = BigInt(null=True, default=None)
    employment_type = Varchar(length=16, default="permanent")
    start_date = Date()
    end_date = Date(null=True, default=None)
    status = Varchar(length=16, default="active")
    user_id = BigInt(null=True, default=None)
    ptkp_status = Varchar(length=8, default="TK/0")
    created_at = Timestamptz(default=TimestamptzNow())
    # Set when a former employee's personal data was removed (UU PDP); the record stays.
    anonymised_at = Timestamptz(null=True, default=None)


class EmergencyContact(TenantTable, tablename="hr_emergency_contacts"):
    employee_id = BigInt()
    name = Varchar(length=200)
    relationship = Varchar(length=64, default="")
    phone = Varchar(length=32)


class EmployeeDocument(TenantTable, tablename="hr_employee_documents"):
    """A file kept with an employee's record (contract, ID card scan, certificate)."""

    employee_id = BigInt()
    name = Varchar(length=200)
    content_type = Varchar(length=100)
    size = BigInt()
    content = Bytea()
    uploaded_by = BigInt(null=True, default=None)
    uploaded_at = Timestamptz(default=TimestamptzNow())
