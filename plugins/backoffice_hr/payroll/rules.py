"""Indonesian payroll rules as versioned data. Each table says when it takes effect and where
it comes from; ``docs/modules/hr.md`` lists the sources and how sure each figure is.

Change a rule by adding a new version with its effective date, never by editing an old one:
past payslips must recompute to what was paid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

D = Decimal


def _brackets(rows: list[tuple[int, str]]) -> tuple[tuple[Decimal, Decimal], ...]:
    """(upper bound in rupiah, rate in percent) pairs; the last row has no upper bound (0)."""
    return tuple((D(upper), D(rate) / 100) for upper, rate in rows)


# PP 58/2023, Lampiran A–C: monthly TER, in force from 1 January 2024. A gross equal to an
# upper bound takes that row's rate ("above lower, up to and including upper").
TER_2024 = {
    "A": _brackets([
        (5_400_000, "0"), (5_650_000, "0.25"), (5_950_000, "0.5"), (6_300_000, "0.75"),
        (6_750_000, "1"), (7_500_000, "1.25"), (8_550_000, "1.5"), (9_650_000, "1.75"),
        (10_050_000, "2"), (10_350_000, "2.25"), (10_700_000, "2.5"), (11_050_000, "3"),
        (11_600_000, "3.5"), (12_500_000, "4"), (13_750_000, "5"), (15_100_000, "6"),
        (16_950_000, "7"), (19_750_000, "8"), (24_150_000, "9"), (26_450_000, "10"),
        (28_000_000, "11"), (30_050_000, "12"), (32_400_000, "13"), (35_400_000, "14"),
        (39_100_000, "15"), (43_850_000, "16"), (47_800_000, "17"), (51_400_000, "18"),
        (56_300_000, "19"), (62_200_000, "20"), (68_600_000, "21"), (77_500_000, "22"),
        (89_000_000, "23"), (103_000_000, "24"), (125_000_000, "25"), (157_000_000, "26"),
        (206_000_000, "27"), (337_000_000, "28"), (454_000_000, "29"), (550_000_000, "30"),
        (695_000_000, "31"), (910_000_000, "32"), (1_400_000_000, "33"), (0, "34"),
    ]),
    "B": _brackets([
        (6_200_000, "0"), (6_500_000, "0.25"), (6_850_000, "0.5"), (7_300_000, "0.75"),
        (9_200_000, "1"), (10_750_000, "1.5"), (11_250_000, "2"), (11_600_000, "2.5"),
        (12_600_000, "3"), (13_600_000, "4"), (14_950_000, "5"), (16_400_000, "6"),
        (18_450_000, "7"), (21_850_000, "8"), (26_000_000, "9"), (27_700_000, "10"),
        (29_350_000, "11"), (31_450_000, "12"), (33_950_000, "13"), (37_100_000, "14"),
        (41_100_000, "15"), (45_800_000, "16"), (49_500_000, "17"), (53_800_000, "18"),
        (58_500_000, "19"), (64_000_000, "20"), (71_000_000, "21"), (80_000_000, "22"),
        (93_000_000, "23"), (109_000_000, "24"), (129_000_000, "25"), (163_000_000, "26"),
        (211_000_000, "27"), (374_000_000, "28"), (459_000_000, "29"), (555_000_000, "30"),
        (704_000_000, "31"), (957_000_000, "32"), (1_405_000_000, "33"), (0, "34"),
    ]),
    "C": _brackets([
        (6_600_000, "0"), (6_950_000, "0.25"), (7_350_000, "0.5"), (7_800_000, "0.75"),
        (8_850_000, "1"), (9_800_000, "1.25"), (10_950_000, "1.5"), (11_200_000, "1.75"),
        (12_050_000, "2"), (12_950_000, "3"), (14_150_000, "4"), (15_550_000, "5"),
        (17_050_000, "6"), (19_500_000, "7"), (22_700_000, "8"), (26_600_000, "9"),
        (28_100_000, "10"), (30_100_000, "11"), (32_600_000, "12"), (35_400_000, "13"),
        (38_900_000, "14"), (43_000_000, "15"), (47_400_000, "16"), (51_200_000, "17"),
        (55_800_000, "18"), (60_400_000, "19"), (66_700_000, "20"), (74_500_000, "21"),
        (83_200_000, "22"), (95_600_000, "23"), (110_000_000, "24"), (134_000_000, "25"),
        (169_000_000, "26"), (221_000_000, "27"), (390_000_000, "28"), (463_000_000, "29"),
        (561_000_000, "30"), (709_000_000, "31"), (965_000_000, "32"), (1_419_000_000, "33"),
        (0, "34"),
    ]),
}

# PP 58/2023 Art. 2: the TER category from the PTKP status at the start of the tax year.
TER_CATEGORY = {"TK/0": "A", "TK/1": "A", "K/0": "A", "TK/2": "B", "TK/3": "B", "K/1": "B",
                "K/2": "B", "K/3": "C"}

# PMK 101/PMK.010/2016: yearly non-taxable income.
PTKP_2016 = {"TK/0": D(54_000_000), "TK/1": D(58_500_000), "TK/2": D(63_000_000),
             "TK/3": D(67_500_000), "K/0": D(58_500_000), "K/1": D(63_000_000),
             "K/2": D(67_500_000), "K/3": D(72_000_000)}

# UU PPh Art. 17(1)(a) as amended by UU HPP (UU 7/2021), from tax year 2022.
ARTICLE_17_2022 = ((D(60_000_000), D("0.05")), (D(250_000_000), D("0.15")),
                   (D(500_000_000), D("0.25")), (D(5_000_000_000), D("0.30")), (D(0), D("0.35")))

# Biaya jabatan: 5% of gross, at most Rp500,000 a month (Rp6,000,000 a year).
POSITION_COST_RATE = D("0.05")
POSITION_COST_MONTHLY_CAP = D(500_000)

# JKK by risk class (PP 44/2015 Art. 16(1)).
JKK_RATES = {1: D("0.0024"), 2: D("0.0054"), 3: D("0.0089"), 4: D("0.0127"), 5: D("0.0174")}


@dataclass(frozen=True)
class SocialSecurity:
    """BPJS rates and wage caps in force from ``effective``."""

    effective: date
    health_employer: Decimal = D("0.04")
    health_employee: Decimal = D("0.01")
    health_cap: Decimal = D(12_000_000)          # Perpres 64/2020 (Rp12m; Perpres 75/2019 agrees)
    jht_employer: Decimal = D("0.037")
    jht_employee: Decimal = D("0.02")            # JHT has no wage cap
    jp_employer: Decimal = D("0.02")
    jp_employee: Decimal = D("0.01")
    jp_cap: Decimal = D(0)                       # adjusted every March (PP 45/2015 Art. 29)
    jkm_employer: Decimal = D("0.003")


SOCIAL_SECURITY = (
    SocialSecurity(effective=date(2023, 3, 1), jp_cap=D(9_559_600)),
    SocialSecurity(effective=date(2024, 3, 1), jp_cap=D(10_042_300)),
    SocialSecurity(effective=date(2025, 3, 1), jp_cap=D(10_547_400)),   # BPJS letter B/726/022025
    SocialSecurity(effective=date(2026, 3, 1), jp_cap=D(11_086_300)),   # BPJS letter B/1226/022026
)


def social_security_on(day: date) -> SocialSecurity:
    """The rates in force on ``day`` (the latest version that has taken effect)."""
    valid = [s for s in SOCIAL_SECURITY if s.effective <= day]
    if not valid:
        raise ValueError(f"No BPJS rates known for {day}")
    return valid[-1]


def ter_table(day: date) -> dict[str, tuple[tuple[Decimal, Decimal], ...]]:
    if day < date(2024, 1, 1):
        raise ValueError("TER applies from January 2024")
    return TER_2024
