"""Demo data for ``backoffice seed-demo``: an office tower with floors and rooms, a car,
furniture and equipment, a supply catalogue with a waiting request, a maintenance request and
next month's town hall in the big meeting room."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from .company_events import services as events
from .facilities import services as facilities
from .inventory import services as inventory
from .maintenance import services as maintenance
from .supplies import services as supplies


async def seed(user_id: int | None = None) -> None:
    building = await facilities.create_building("MSD", "Menara Sudirman", "Jl. Jend. Sudirman Kav. 52-53, Jakarta Selatan")
    floors = {name: await facilities.create_floor(building, name, level)
              for name, level in (("Lantai 1", 1), ("Lantai 12", 12), ("Lantai 15", 15))}
    rooms = {}
    for floor, name, capacity, equipment in (
            ("Lantai 12", "Ruang Rapat Melati", 8, ["TV 55 inci", "Papan tulis"]),
            ("Lantai 12", "Ruang Rapat Anggrek", 4, ["Papan tulis"]),
            ("Lantai 15", "Ruang Serbaguna Cendana", 60, ["Proyektor", "Sound system", "Mikrofon nirkabel"]),
            ("Lantai 1", "Lobi tamu", 10, [])):
        rooms[name] = await facilities.create_resource(kind="room", name=name, floor_id=floors[floor],
                                                       capacity=capacity, equipment=equipment, plate="")
    await facilities.create_resource(kind="vehicle", name="Toyota Innova Zenix", floor_id=None, capacity=7,
                                     equipment=[], plate="B 1875 SJD")
    today = date.today()
    for tag, name, category, floor, room in (
            ("FUR-0001", "Meja rapat oval 8 kursi", "furniture", "Lantai 12", "Ruang Rapat Melati"),
            ("FUR-0002", "Kursi ergonomis", "furniture", "Lantai 12", None),
            ("FUR-0003", "Lemari arsip 4 laci", "furniture", "Lantai 1", None),
            ("EQP-0001", "Proyektor Epson EB-X51", "equipment", "Lantai 15", "Ruang Serbaguna Cendana"),
            ("EQP-0002", "Dispenser air panas dingin", "equipment", "Lantai 12", None),
            ("EQP-0003", "Mesin fotokopi Canon iR 2625", "equipment", "Lantai 1", None)):
        await inventory.create_asset(tag=tag, name=name, category=category, status="in_use", building_id=building,
                                     floor_id=floors[floor], room_id=rooms.get(room) if room else None,
                                     custodian=user_id, purchase_date=today - timedelta(days=400),
                                     purchase_cost=Decimal(2_500_000), notes="")
    await maintenance.file_request(description="AC di Ruang Rapat Melati meneteskan air.", priority="high",
                                   building_id=None, floor_id=None, room_id=rooms["Ruang Rapat Melati"], asset_id=None,
                                   reported_by=user_id)
    for sku, name, unit in (("ATK-KRT-A4", "Kertas HVS A4 70 gsm", "rim"), ("ATK-PLP-HTM", "Pulpen hitam", "pcs"),
                            ("ATK-MAP-BTK", "Map batik", "pcs"), ("PTR-TNR-CN", "Toner Canon NPG-59", "pcs")):
        await supplies.create_item(sku, name, unit)
    await supplies.request_supplies(lines=[("ATK-KRT-A4", Decimal(5), ""), ("ATK-PLP-HTM", Decimal(12), "")],
                                    note="Untuk tim keuangan", user_id=user_id)
    day = today.replace(day=1) + timedelta(days=40)  # a day next month
    starts = datetime.combine(day, time(8, 0), tzinfo=UTC)  # 15:00 in Jakarta
    town_hall = await events.create(name="Town hall triwulan", description="Kinerja triwulan dan rencana berikutnya.",
                                    starts_at=starts, ends_at=starts + timedelta(hours=2),
                                    room_id=rooms["Ruang Serbaguna Cendana"], venue="", budget=Decimal(7_500_000),
                                    currency_code="IDR", organiser=user_id)
    if user_id is not None:
        await events.invite(town_hall, [user_id])
    for title, days_before in (("Pesan konsumsi untuk 60 orang", 7), ("Siapkan materi presentasi", 3),
                               ("Uji proyektor dan mikrofon", 1)):
        await events.add_task(town_hall, title=title, owner=user_id, due_on=day - timedelta(days=days_before))
