from decimal import Decimal

from piccolo.columns import JSON, BigInt, Date, Integer, Numeric, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable

MONEY = (16, 0)  # whole rupiah


class SalaryStructure(TenantTable, tablename="hr_salary_structures"):
    """An employee's current pay: base salary, fixed allowances, fixed deductions."""

    employee_id = BigInt()
    base_salary = Numeric(digits=MONEY, default=Decimal(0))
    fixed_allowances = Numeric(digits=MONEY, default=Decimal(0))
    other_deductions = Numeric(digits=MONEY, default=Decimal(0))
    jkk_class = Integer(default=1)  # BPJS work-accident risk class, 1 (very low) to 5
    updated_at = Timestamptz(default=TimestamptzNow())


class PayrollRun(TenantTable, tablename="hr_payroll_runs"):
    period = Varchar(length=7)  # YYYY-MM
    status = Varchar(length=16, default="queued")  # queued|calculated|approved|failed
    thr_holiday = Date(null=True, default=None)
    job_id = BigInt(null=True, default=None)
    employee_count = Integer(default=0)
    totals = JSON(default={})
    approved_by = BigInt(null=True, default=None)
    approved_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class Payslip(TenantTable, tablename="hr_payslips"):
    run_id = BigInt()
    employee_id = BigInt()
    period = Varchar(length=7)
    base_salary = Numeric(digits=MONEY)
    fixed_allowances = Numeric(digits=MONEY)
    irregular = Numeric(digits=MONEY)
    other_deductions = Numeric(digits=MONEY)
    gross_for_tax = Numeric(digits=MONEY)
    pph21 = Numeric(digits=MONEY)
    bpjs_employee = Numeric(digits=MONEY)
    bpjs_employer = Numeric(digits=MONEY)
    employee_pension = Numeric(digits=MONEY)  # JHT 2% + JP 1%, deductible in the annual recalculation
    net_pay = Numeric(digits=MONEY)
    ter_category = Varchar(length=1)
    ptkp_status = Varchar(length=8)
    last_period = Integer(default=0)
    details = JSON(default={})
