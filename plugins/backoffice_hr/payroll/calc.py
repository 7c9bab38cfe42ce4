"""Payroll arithmetic, pure: plain Decimals in, plain Decimals out, in whole rupiah.

Rounding follows what the tax office's examples do: premiums and withholding are rounded
down to the rupiah, taxable income (PKP) down to the thousand (UU PPh Art. 17(4)).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, Decimal

from . import rules

ZERO = Decimal(0)


def rupiah(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1), rounding=ROUND_DOWN)


def ter_category(ptkp_status: str) -> str:
    try:
        return rules.TER_CATEGORY[ptkp_status]
    except KeyError as exc:
        raise ValueError(f"Unknown PTKP status {ptkp_status!r}") from exc


def ter_rate(category: str, gross: Decimal, day: date) -> Decimal:
    for upper, rate in rules.ter_table(day)[category]:
        if upper == 0 or gross <= upper:
            return rate
    raise AssertionError("unreachable: the last row has no upper bound")


def monthly_withholding(gross: Decimal, ptkp_status: str, day: date) -> Decimal:
    """PPh 21 for a month other than the last tax period: TER × gross (PMK 168/2023)."""
    return rupiah(gross * ter_rate(ter_category(ptkp_status), gross, day))


def article_17(pkp: Decimal) -> Decimal:
    tax, lower = ZERO, ZERO
    for upper, rate in rules.ARTICLE_17_2022:
        if upper == 0 or pkp <= upper:
            return rupiah(tax + (pkp - lower) * rate)
        tax += (upper - lower) * rate
        lower = upper
    raise AssertionError("unreachable")


@dataclass
class YearToDate:
    """What the employer paid and withheld for one employee earlier in the tax year."""

    gross: Decimal = ZERO                 # gross income as taxed (incl. JKK, JKM, BPJS Kes employer)
    employee_pension: Decimal = ZERO      # JHT 2% + JP 1% paid by the employee
    withheld: Decimal = ZERO              # PPh 21 withheld under TER
    months: int = 0                       # months worked as a permanent employee


def annual_withholding(ytd: YearToDate, ptkp_status: str) -> tuple[Decimal, Decimal]:
    """The last tax period (PMK 168/2023): the year's tax at Article 17 rates, and what is
    still to withhold (negative: to refund). ``ytd`` includes the last month itself."""
    position_cost = min(rupiah(ytd.gross * rules.POSITION_COST_RATE),
                        rules.POSITION_COST_MONTHLY_CAP * max(ytd.months, 1))
    net = ytd.gross - position_cost - ytd.employee_pension
    pkp = max(ZERO, net - rules.PTKP_2016[ptkp_status])
    pkp = (pkp / 1000).quantize(Decimal(1), rounding=ROUND_DOWN) * 1000
    annual_tax = article_17(pkp)
    return annual_tax, annual_tax - ytd.withheld


@dataclass
class Contributions:
    health_employer: Decimal
    health_employee: Decimal
    jht_employer: Decimal
    jht_employee: Decimal
    jp_employer: Decimal
    jp_employee: Decimal
    jkk_employer: Decimal
    jkm_employer: Decimal

    @property
    def employee_total(self) -> Decimal:
        return self.health_employee + self.jht_employee + self.jp_employee

    @property
    def employer_total(self) -> Decimal:
        return (self.health_employer + self.jht_employer + self.jp_employer + self.jkk_employer
                + self.jkm_employer)

    @property
    def taxable_employer(self) -> Decimal:
        """Employer premiums counted as the employee's income (JKK, JKM, BPJS Kesehatan);
        employer JHT and JP are not (PMK 168/2023 Art. 5)."""
        return self.jkk_employer + self.jkm_employer + self.health_employer


def contributions(wage: Decimal, day: date, jkk_class: int = 1) -> Contributions:
    """BPJS Kesehatan and Ketenagakerjaan on ``wage`` (basic salary + fixed allowances)."""
    r = rules.social_security_on(day)
    health_base = min(wage, r.health_cap)
    jp_base = min(wage, r.jp_cap)
    return Contributions(
        health_employer=rupiah(health_base * r.health_employer),
        health_employee=rupiah(health_base * r.health_employee),
        jht_employer=rupiah(wage * r.jht_employer),
        jht_employee=rupiah(wage * r.jht_employee),
        jp_employer=rupiah(jp_base * r.jp_employer),
        jp_employee=rupiah(jp_base * r.jp_employee),
        jkk_employer=rupiah(wage * rules.JKK_RATES[jkk_class]),
        jkm_employer=rupiah(wage * r.jkm_employer),
    )


def thr(monthly_wage: Decimal, start: date, holiday: date) -> Decimal:
    """THR (Permenaker 6/2016): a month's wage after 12 months of service, a pro-rated share
    after at least one month, nothing before."""
    months = (holiday.year - start.year) * 12 + holiday.month - start.month - (holiday.day < start.day)
    if months < 1:
        return ZERO
    if months >= 12:
        return rupiah(monthly_wage)
    return rupiah(monthly_wage * months / 12)


@dataclass
class Payslip:
    """One month's pay for one employee, every line in whole rupiah."""

    base_salary: Decimal
    allowances: Decimal
    irregular: Decimal
    deductions: Decimal
    contributions: Contributions
    gross_for_tax: Decimal
    ter_category: str
    pph21: Decimal
    annual_tax: Decimal | None
    net_pay: Decimal
    lines: list[tuple[str, Decimal]] = field(default_factory=list)


def payslip(*, base_salary: Decimal, fixed_allowances: Decimal, other_deductions: Decimal,
            irregular: Decimal, ptkp_status: str, period: date, ytd: YearToDate,
            last_period: bool, jkk_class: int = 1) -> Payslip:
    """The payslip of ``period`` (any day of the month). ``ytd`` covers the earlier months
    of the tax year; in the last period the year is recalculated at Article 17 rates."""
    wage = base_salary + fixed_allowances
    c = contributions(wage, period, jkk_class)
    gross = wage + irregular + c.taxable_employer
    annual_tax = None
    if last_period:
        year = YearToDate(gross=ytd.gross + gross,
                          employee_pension=ytd.employee_pension + c.jht_employee + c.jp_employee,
                          withheld=ytd.withheld, months=ytd.months + 1)
        annual_tax, tax = annual_withholding(year, ptkp_status)
    else:
        tax = monthly_withholding(gross, ptkp_status, period)
    net = wage + irregular - c.employee_total - other_deductions - tax
    lines = [("base_salary", base_salary), ("fixed_allowances", fixed_allowances),
             ("irregular", irregular), ("bpjs_health_employee", -c.health_employee),
             ("bpjs_jht_employee", -c.jht_employee), ("bpjs_jp_employee", -c.jp_employee),
             ("other_deductions", -other_deductions), ("pph21", -tax)]
    return Payslip(base_salary=base_salary, allowances=fixed_allowances, irregular=irregular,
                   deductions=other_deductions, contributions=c, gross_for_tax=gross,
                   ter_category=ter_category(ptkp_status), pph21=tax, annual_tax=annual_tax,
                   net_pay=net, lines=lines)
