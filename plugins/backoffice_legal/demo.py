"""Demo data for ``backoffice seed-demo``: contracts, a dispute, permits and tax filings."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from .compliance import services as compliance
from .compliance.tables import Permit
from .contracts.tables import Contract
from .matters.tables import Matter


async def seed() -> None:
    today = date.today()
    await Contract.insert(
        Contract(title="Sewa kantor Jl. Sudirman", counterparty="PT Properti Kota", kind="lease",
                 value=Decimal(480_000_000), start_date=today - timedelta(days=300),
                 end_date=today + timedelta(days=65), notice_days=60, status="active"),
        Contract(title="Layanan kebersihan", counterparty="CV Bersih Selalu", kind="service",
                 value=Decimal(36_000_000), start_date=today - timedelta(days=100), end_date=today + timedelta(days=265),
                 status="active"),
        Contract(title="Distribusi wilayah Jawa Barat", counterparty="PT Nusantara Retail", kind="sales",
                 value=Decimal(1_200_000_000), status="draft"))
    await Matter.insert(Matter(title="Tagihan belum dibayar PT Sinar Abadi", kind="dispute",
                               counterparty="PT Sinar Abadi", counsel="Kantor Hukum Siregar & Rekan",
                               deadline=today + timedelta(days=21)))
    await Permit.insert(Permit(name="Nomor Induk Berusaha (NIB)", number="9120001234567", authority="OSS RBA",
                               issued_on=today - timedelta(days=900)),
                        Permit(name="Izin lingkungan gudang", number="660/123/DLH", authority="DLH Kota Bekasi",
                               issued_on=today - timedelta(days=700), expires_on=today + timedelta(days=45)))
    for name, frequency, day in (("SPT Masa PPh 21", "monthly", 15), ("SPT Masa PPN", "monthly", 28),
                                 ("SPT Tahunan Badan", "yearly", 30), ("Laporan BPJS", "monthly", 10)):
        await compliance.add_obligation(name, "DJP" if "SPT" in name else "BPJS", frequency, day)
