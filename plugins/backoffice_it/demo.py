"""Demo data for ``backoffice seed-demo``: devices, licences, articles and a busy helpdesk."""

from __future__ import annotations

from datetime import date, timedelta

from .assets import services as assets
from .helpdesk import services as helpdesk
from .knowledge.tables import Article


async def seed() -> None:
    today = date.today()
    for n in range(1, 13):
        await assets.create_asset({"tag": f"LT-{n:03d}", "kind": "laptop", "name": "Lenovo ThinkPad E14",
                                   "serial_number": f"PF{n:05d}", "purchase_date": today - timedelta(days=300 + n * 20),
                                   "warranty_end": today + timedelta(days=20 * n), "location": "Jakarta"})
    await assets.create_asset({"tag": "NW-001", "kind": "network", "name": "MikroTik hAP ax2", "location": "Server room"})
    await assets.create_license("Microsoft 365 Business", "Microsoft", 25, today + timedelta(days=25))
    await assets.create_license("Accurate Online", "Cipta Piranti", 3, today + timedelta(days=200))
    await Article.insert(Article(title="Menghubungkan ke Wi-Fi kantor", body="Pilih jaringan KANTOR-5G ..."),
                         Article(title="Reset kata sandi email", body="Buka portal akun ..."))
    for subject, priority in (("Printer lantai 2 macet", "medium"), ("Tidak bisa login VPN", "high"),
                              ("Permintaan monitor tambahan", "low"), ("Email tidak sinkron di HP", "medium")):
        await helpdesk.open_ticket(subject=subject, description="", category="problem", priority=priority,
                                   impact="single", requester=None)
