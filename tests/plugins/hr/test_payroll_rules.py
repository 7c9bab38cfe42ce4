"""The payroll arithmetic against examples published by the tax office (DJP), the Ministry of
Finance and the Indonesian accountants' institute (IAI), as gathered in the reference notes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from backoffice_hr.payroll import calc


@pytest.mark.parametrize(("gross", "status", "rate"), [
    (D(5_400_000), "TK/0", D("0")),            # equal to an upper bound: that row's rate
    (D(5_400_001), "TK/0", D("0.0025")),
    (D(15_000_000), "K/0", D("0.06")),
    (D(20_080_000), "K/0", D("0.09")),
    (D(6_200_000), "K/1", D("0")),
    (D(12_254_000), "K/2", D("0.03")),
    (D(6_600_000), "K/3", D("0")),
    (D(2_000_000_000), "K/3", D("0.34")),
])
def test_ter_rates(gross, status, rate):
    assert calc.ter_rate(calc.ter_category(status), gross, date(2026, 1, 31)) == rate


def test_djp_example_december_recalculation():
    """DJP: K/0, Rp15,000,000 a month, own pension Rp150,000: Rp900,000 a month under TER,
    Rp1,155,000 in December."""
    assert calc.monthly_withholding(D(15_000_000), "K/0", date(2024, 5, 31)) == D(900_000)
    ytd = calc.YearToDate(gross=D(180_000_000), employee_pension=D(1_800_000),
                          withheld=D(9_900_000), months=12)
    annual, december = calc.annual_withholding(ytd, "K/0")
    assert annual == D(11_055_000)
    assert december == D(1_155_000)


def test_iai_example_december_recalculation():
    """IAI Jakarta: K/0, Rp20,000,000 a month, pension Rp200,000: December Rp165,000."""
    assert calc.monthly_withholding(D(20_000_000), "K/0", date(2024, 5, 31)) == D(1_800_000)
    ytd = calc.YearToDate(gross=D(240_000_000), employee_pension=D(2_400_000),
                          withheld=D(19_800_000), months=12)
    annual, december = calc.annual_withholding(ytd, "K/0")
    assert annual == D(19_965_000)
    assert december == D(165_000)


def test_kemenkeu_thr_example():
    """Kemenkeu, THR March 2025: salary + THR + Rp80,000 premiums = Rp20,080,000 → Rp1,807,200."""
    assert calc.monthly_withholding(D(20_080_000), "K/0", date(2025, 3, 31)) == D(1_807_200)


def test_premiums_in_gross_category_b():
    """Kompasiana case: K/2, gross with JKK, JKM and BPJS Kesehatan Rp12,254,000 → Rp367,620."""
    assert calc.monthly_withholding(D(12_254_000), "K/2", date(2024, 11, 30)) == D(367_620)


def test_contributions_with_caps():
    c = calc.contributions(D(20_000_000), date(2026, 6, 30), jkk_class=1)
    assert c.health_employee == D(120_000) and c.health_employer == D(480_000)  # Rp12m cap
    assert c.jp_employee == D(110_863) and c.jp_employer == D(221_726)          # 2026 JP cap
    assert c.jht_employee == D(400_000) and c.jht_employer == D(740_000)        # no cap
    assert c.jkk_employer == D(48_000) and c.jkm_employer == D(60_000)


def test_jp_cap_changes_in_march():
    february = calc.contributions(D(20_000_000), date(2026, 2, 28))
    march = calc.contributions(D(20_000_000), date(2026, 3, 31))
    assert february.jp_employee == D(105_474)
    assert march.jp_employee == D(110_863)


def test_thr_full_and_pro_rated():
    assert calc.thr(D(9_000_000), date(2020, 1, 6), date(2026, 3, 20)) == D(9_000_000)
    assert calc.thr(D(9_000_000), date(2025, 11, 3), date(2026, 3, 20)) == D(3_000_000)  # 4 months
    assert calc.thr(D(9_000_000), date(2026, 3, 1), date(2026, 3, 20)) == D(0)


def test_payslip_adds_taxable_premiums_and_nets_out_deductions():
    slip = calc.payslip(base_salary=D(10_000_000), fixed_allowances=D(1_800_000),
                        other_deductions=D(0), irregular=D(0), ptkp_status="K/2",
                        period=date(2026, 6, 30), ytd=calc.YearToDate(), last_period=False)
    wage = D(11_800_000)
    c = slip.contributions
    assert slip.gross_for_tax == wage + c.jkk_employer + c.jkm_employer + c.health_employer
    assert slip.net_pay == wage - c.employee_total - slip.pph21
    assert slip.pph21 == calc.rupiah(slip.gross_for_tax * D("0.03"))


def test_money_is_never_float():
    slip = calc.payslip(base_salary=D(7_654_321), fixed_allowances=D(0), other_deductions=D(0),
                        irregular=D(0), ptkp_status="TK/0", period=date(2026, 6, 30),
                        ytd=calc.YearToDate(), last_period=False)
    for _, amount in slip.lines:
        assert isinstance(amount, D) and amount == amount.to_integral_value()
