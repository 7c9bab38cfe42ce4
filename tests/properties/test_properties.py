"""Property tests (Hypothesis) on the pure parts of money, dates and tabular imports.

Only functions that need no database are called here: payroll arithmetic, PPN on a line,
ledger rounding, working days, aging buckets, and the CSV/XLSX reader and writer every
importer and export goes through. Rules that live in database queries (leave and booking
overlap, the HR import's dry run) are covered by the API tests of their modules.
"""

from __future__ import annotations

import base64
import calendar
import io
import zipfile
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from backoffice.errors import BadUserInput
from backoffice.exports import FORMULA_START, export_file, read_rows
from backoffice_finance.ledger.services import money
from backoffice_finance.planning.services import _next_month, bucket
from backoffice_finance.sales.services import PPN, tax_amount
from backoffice_hr.leave.services import working_days
from backoffice_hr.payroll import calc, rules
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

settings.register_profile("properties", max_examples=150, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("properties")

STATUSES = sorted(rules.PTKP_2016)
TER_DAY = date(2025, 6, 15)
rupiah_amounts = st.integers(min_value=0, max_value=2_000_000_000).map(Decimal)
cents = st.integers(min_value=0, max_value=10**13).map(lambda c: Decimal(c) / 100)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


def whole(value: Decimal) -> bool:
    return isinstance(value, Decimal) and value == value.to_integral_value()


# -- money -----------------------------------------------------------------------------------


@given(st.decimals(min_value=-10**12, max_value=10**12, allow_nan=False, allow_infinity=False, places=6))
def test_rupiah_is_whole_idempotent_and_never_rounds_up(value: Decimal) -> None:
    r = calc.rupiah(value)
    assert whole(r) and calc.rupiah(r) == r
    assert abs(r) <= abs(value) and abs(value - r) < 1


@given(st.decimals(min_value=-10**12, max_value=10**12, allow_nan=False, allow_infinity=False, places=6))
def test_ledger_money_is_cents_half_up_and_idempotent(value: Decimal) -> None:
    m = money(value)
    assert isinstance(m, Decimal) and m.as_tuple().exponent == -2
    assert money(m) == m and abs(value - m) <= Decimal("0.005")


def _exact_tax(amount: Decimal, numerator: int, denominator: int, rate: Decimal) -> Decimal:
    exact = Fraction(amount) * numerator * Fraction(rate) / denominator
    return Decimal(exact.numerator * 100 // exact.denominator + (
        1 if Fraction(exact.numerator * 100 % exact.denominator, exact.denominator) >= Fraction(1, 2) else 0)) / 100


@given(cents, st.sampled_from(PPN))
def test_ppn_on_a_line_is_the_exact_tax_rounded_half_up_to_the_cent(amount: Decimal, tax: tuple) -> None:
    _code, _name, rate, numerator, denominator, _from = tax
    got = tax_amount(amount, {"rate": rate, "base_numerator": numerator, "base_denominator": denominator})
    assert isinstance(got, Decimal) and got.as_tuple().exponent == -2
    assert got == _exact_tax(amount, numerator, denominator, rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@given(st.lists(cents, min_size=1, max_size=20))
def test_ppn_per_line_stays_within_half_a_cent_a_line_of_ppn_on_the_sum(lines: list[Decimal]) -> None:
    """Invoices tax each line (sales.issue); the total differs from tax on the subtotal only
    by the per-line rounding."""
    rate = {"rate": Decimal("0.12"), "base_numerator": 11, "base_denominator": 12}
    per_line = sum((tax_amount(a, rate) for a in lines), Decimal(0))
    on_sum = tax_amount(sum(lines, Decimal(0)), rate)
    assert abs(per_line - on_sum) <= Decimal("0.005") * (len(lines) + 1)


@given(cents, st.lists(st.integers(min_value=1, max_value=10**12).map(lambda c: Decimal(c) / 100), max_size=10))
def test_split_payments_leave_the_same_balance_and_advance_as_one(total: Decimal, parts: list[Decimal]) -> None:
    """The arithmetic of sales.pay: each payment applies up to the balance, the rest is an
    advance; paying in parts ends where paying the sum at once does."""
    def pay(paid: Decimal, amount: Decimal) -> tuple[Decimal, Decimal]:
        due = total - paid
        applied, excess = min(amount, due), max(amount - due, Decimal(0))
        return paid + applied, excess

    paid, advances = Decimal(0), Decimal(0)
    for part in parts:
        paid, excess = pay(paid, part)
        advances += excess
    once_paid, once_excess = pay(Decimal(0), sum(parts, Decimal(0)))
    assert (paid, advances) == (once_paid, once_excess)


# -- payroll ---------------------------------------------------------------------------------


@given(rupiah_amounts, rupiah_amounts, st.sampled_from(STATUSES))
def test_ter_withholding_is_whole_rupiah_bounded_and_monotonic(a: Decimal, b: Decimal, status: str) -> None:
    low, high = sorted((a, b))
    tax_low = calc.monthly_withholding(low, status, TER_DAY)
    tax_high = calc.monthly_withholding(high, status, TER_DAY)
    assert whole(tax_low) and whole(tax_high)
    assert 0 <= tax_low <= tax_high
    assert tax_high <= high * Decimal("0.34")


@pytest.mark.parametrize("category", sorted(rules.TER_2024))
def test_ter_tables_rise(category: str) -> None:
    rows = rules.TER_2024[category]
    uppers = [u for u, _ in rows[:-1]]
    rates = [r for _, r in rows]
    assert uppers == sorted(set(uppers)) and rows[-1][0] == 0
    assert rates == sorted(rates)


@given(rupiah_amounts, rupiah_amounts)
def test_article_17_is_whole_monotonic_and_below_the_top_rate(a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))
    assert whole(calc.article_17(low)) and 0 <= calc.article_17(low) <= calc.article_17(high)
    assert calc.article_17(high) <= high * Decimal("0.35")


@given(st.integers(min_value=0, max_value=200_000_000).map(Decimal), days.filter(lambda d: d >= date(2023, 3, 1)),
       st.sampled_from(sorted(rules.JKK_RATES)))
def test_bpjs_contributions_are_whole_and_never_above_the_capped_maximum(wage: Decimal, day: date, jkk: int) -> None:
    c = calc.contributions(wage, day, jkk)
    r = rules.social_security_on(day)
    for value in vars(c).values():
        assert whole(value) and value >= 0
    assert c.health_employee <= r.health_cap * r.health_employee
    assert c.health_employer <= r.health_cap * r.health_employer
    assert c.jp_employee <= r.jp_cap * r.jp_employee
    assert c.jp_employer <= r.jp_cap * r.jp_employer
    assert c.employee_total <= wage * (r.health_employee + r.jht_employee + r.jp_employee)
    more = calc.contributions(wage + 1_000_000, day, jkk)
    assert more.employee_total >= c.employee_total and more.employer_total >= c.employer_total


@given(st.integers(min_value=0, max_value=100_000_000).map(Decimal), days, days, days)
def test_thr_is_whole_at_most_a_month_and_grows_with_service(wage: Decimal, a: date, b: date, holiday: date) -> None:
    earlier, later = sorted((a, b))
    more, less = calc.thr(wage, earlier, holiday), calc.thr(wage, later, holiday)
    assert whole(more) and whole(less)
    assert 0 <= less <= more <= wage
    if earlier <= date(holiday.year - 1, holiday.month, min(holiday.day, 28)):
        assert more == wage


@given(rupiah_amounts, rupiah_amounts, rupiah_amounts, st.integers(min_value=1, max_value=12),
       st.sampled_from(STATUSES))
def test_year_end_tax_is_whole_and_grows_with_income(gross: Decimal, extra: Decimal, withheld: Decimal,
                                                     months: int, status: str) -> None:
    base = calc.YearToDate(gross=gross, employee_pension=Decimal(0), withheld=withheld, months=months)
    richer = calc.YearToDate(gross=gross + extra, employee_pension=Decimal(0), withheld=withheld, months=months)
    annual, due = calc.annual_withholding(base, status)
    annual_richer, _ = calc.annual_withholding(richer, status)
    assert whole(annual) and annual >= 0 and due == annual - withheld
    assert annual_richer >= annual


@given(st.integers(min_value=0, max_value=60_000_000).map(Decimal), st.integers(min_value=0, max_value=20_000_000).map(Decimal),
       st.integers(min_value=0, max_value=5_000_000).map(Decimal), st.sampled_from(STATUSES), days.filter(lambda d: d.year >= 2024))
def test_payslip_lines_add_up_to_net_pay(base: Decimal, allowances: Decimal, irregular: Decimal, status: str,
                                          period: date) -> None:
    slip = calc.payslip(base_salary=base, fixed_allowances=allowances, other_deductions=Decimal(0),
                        irregular=irregular, ptkp_status=status, period=period, ytd=calc.YearToDate(),
                        last_period=False)
    assert sum((v for _, v in slip.lines), Decimal(0)) == slip.net_pay
    assert all(isinstance(v, Decimal) and whole(v) for _, v in slip.lines)


# -- dates -----------------------------------------------------------------------------------


@given(days, st.integers(min_value=0, max_value=120), st.integers(min_value=0, max_value=120))
def test_working_days_add_over_adjacent_ranges(start: date, first: int, second: int) -> None:
    middle, end = start + timedelta(days=first), start + timedelta(days=first + 1 + second)
    total = working_days(start, end)
    assert isinstance(total, Decimal)
    assert working_days(start, middle) + working_days(middle + timedelta(days=1), end) == total


@given(days, st.integers(min_value=0, max_value=400))
def test_working_days_are_five_a_week(start: date, span: int) -> None:
    end = start + timedelta(days=span)
    weeks, rest = divmod(span + 1, 7)
    assert 5 * weeks <= working_days(start, end) <= 5 * weeks + min(rest, 5)
    assert working_days(end + timedelta(days=1), end) == 0


@given(days, days, days)
def test_aging_bucket_never_gets_younger_as_time_passes(due: date, a: date, b: date) -> None:
    order = ["current", "1-30", "31-60", "61-90", "over-90"]
    earlier, later = sorted((a, b))
    assert order.index(bucket(due, earlier)) <= order.index(bucket(due, later))


@given(days)
def test_next_month_is_in_the_next_month_on_the_same_day_or_its_last(day: date) -> None:
    nxt = _next_month(day)
    assert (nxt.year * 12 + nxt.month) - (day.year * 12 + day.month) == 1
    assert nxt.day == min(day.day, calendar.monthrange(nxt.year, nxt.month)[1])


def _overlaps(a: tuple[date, date], b: tuple[date, date]) -> bool:
    # The condition leave requests use (start <= other end and end >= other start).
    return a[0] <= b[1] and a[1] >= b[0]


@given(days, st.integers(0, 60), days, st.integers(0, 60))
def test_date_range_overlap_is_symmetric_and_misses_ranges_before(s1: date, l1: int, s2: date, l2: int) -> None:
    a, b = (s1, s1 + timedelta(days=l1)), (s2, s2 + timedelta(days=l2))
    assert _overlaps(a, b) == _overlaps(b, a)
    if b[1] < a[0]:
        assert not _overlaps(a, b)
    assert _overlaps(a, a)


# -- CSV and XLSX ----------------------------------------------------------------------------

INDONESIAN = st.sampled_from(["Siti Nurhaliza", "Budi Santoso", "Dewi Lestari", "Agus Salim", "Ni Luh Putu Ayu",
                              "I Gusti Ngurah Rai", "Tjoet Nja' Dhien", "Raden Ajeng Kartini", "Made Wiryana"])
cell_text = st.one_of(
    INDONESIAN,
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30),
    st.integers(min_value=0, max_value=10**12).map(lambda n: f"{n:,}"),
    st.just(""),
)
HEADERS = ["employee_number", "full_name", "start_date", "department", "phone", "amount"]


def _as_imported(value: str, fmt: str) -> str:
    """What a cell reads back as: formulas quoted (CSV injection), cells trimmed, and in XLSX
    the control characters it cannot hold dropped."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: PLC0415

    if value.startswith(FORMULA_START):
        value = "'" + value
    if fmt == "xlsx":
        # XML reads every line ending as LF.
        value = ILLEGAL_CHARACTERS_RE.sub("", value).replace("\r\n", "\n").replace("\r", "\n")
    return value.strip()


@given(st.lists(st.lists(cell_text, min_size=len(HEADERS), max_size=len(HEADERS)), max_size=8),
       st.sampled_from(["csv", "xlsx"]))
def test_export_then_import_gives_back_the_values(rows: list[list[str]], fmt: str) -> None:
    exported = export_file("employees", HEADERS, rows, fmt)
    imported = read_rows(exported.base64, fmt)
    expected = [(i, {h: _as_imported(v, fmt) for h, v in zip(HEADERS, row, strict=True)})
                for i, row in enumerate(rows, start=2)]
    # Blank rows are skipped; the others keep the row number a person sees in the file.
    expected = [(i, values) for i, values in expected if any(values.values())]
    got = [(r.number, {h: r.values.get(h, "") for h in HEADERS}) for r in imported]
    assert got == expected


@given(st.lists(st.sampled_from(["\r\n", "\n", "\r"]), min_size=1, max_size=1), st.lists(INDONESIAN, min_size=1, max_size=5))
def test_csv_reads_any_line_ending(ending: list[str], names: list[str]) -> None:
    content = ending[0].join(["full_name", *names]).encode()
    rows = read_rows(base64.b64encode(content).decode(), "csv")
    assert [r.values["full_name"] for r in rows] == names


@given(st.binary(max_size=2000), st.sampled_from(["csv", "xlsx"]))
def test_garbage_is_refused_clearly_or_read_as_text(content: bytes, fmt: str) -> None:
    try:
        rows = read_rows(base64.b64encode(content).decode(), fmt)
    except BadUserInput:
        return
    assert all(isinstance(v, str) for r in rows for v in r.values.values())


@given(st.text(max_size=200))
def test_text_that_is_not_base64_is_refused(text: str) -> None:
    try:
        base64.b64decode(text, validate=True)
    except ValueError:
        with pytest.raises(BadUserInput):
            read_rows(text, "csv")


_WORKBOOK = base64.b64decode(export_file("people", HEADERS, [["E1", "Budi Santoso", "2024-01-02", "", "", "1,000"]] * 20,
                                         "xlsx").base64)


@given(st.integers(min_value=0, max_value=len(_WORKBOOK) - 1), st.integers(min_value=1, max_value=255))
def test_a_damaged_workbook_is_refused_clearly(position: int, flip: int) -> None:
    damaged = bytearray(_WORKBOOK)
    damaged[position] ^= flip
    try:
        rows = read_rows(base64.b64encode(bytes(damaged)).decode(), "xlsx")
    except BadUserInput:
        return
    assert all(isinstance(v, str) for r in rows for v in r.values.values())


def test_the_workbook_fixture_is_a_zip() -> None:
    assert zipfile.is_zipfile(io.BytesIO(_WORKBOOK))
