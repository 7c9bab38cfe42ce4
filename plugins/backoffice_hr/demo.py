"""Demo data for ``backoffice seed-demo``: a company of 50 people with leave in progress."""

from __future__ import annotations

import random
from datetime import date, timedelta

from .leave import services as leave
from .leave.tables import LeaveType
from .people import services as people

DEPARTMENTS = [
    ("Direksi", "DIR", None), ("Keuangan", "FIN", "Direksi"), ("Sumber Daya Manusia", "HR", "Direksi"),
    ("Teknologi Informasi", "IT", "Direksi"), ("Operasional", "OPS", "Direksi"),
    ("Gudang", "WH", "Operasional"), ("Penjualan", "SAL", "Direksi"),
]
POSITIONS = {
    "Direksi": ["Direktur Utama"], "Keuangan": ["Manajer Keuangan", "Staf Akuntansi"],
    "Sumber Daya Manusia": ["Manajer SDM", "Staf SDM"],
    "Teknologi Informasi": ["Kepala TI", "Staf Dukungan TI"],
    "Operasional": ["Manajer Operasional", "Staf Operasional"],
    "Gudang": ["Kepala Gudang", "Staf Gudang"], "Penjualan": ["Manajer Penjualan", "Sales Executive"],
}
FIRST = ["Adi", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gilang", "Hana", "Indra", "Joko", "Kartika",
         "Lestari", "Made", "Nur", "Oki", "Putri", "Rizky", "Sari", "Taufik", "Wulan", "Yoga", "Yuni"]
LAST = ["Santoso", "Wijaya", "Saputra", "Lestari", "Pratama", "Hidayat", "Nugroho", "Kusuma",
        "Siregar", "Harahap", "Wibowo", "Rahmawati", "Setiawan", "Gunawan"]


async def seed(count: int = 50) -> None:
    rng = random.Random(20261122)  # the same demo company every time
    departments: dict[str, int] = {}
    for name, code, parent in DEPARTMENTS:
        departments[name] = await people.save_department(
            None, name=name, code=code, parent_id=departments.get(parent or ""), set_parent=True)
    positions: dict[str, list[int]] = {}
    for dept, titles in POSITIONS.items():
        positions[dept] = [await people.save_position(None, title=t, grade="", set_department=True,
                                                      department_id=departments[dept])
                           for t in titles]
    heads: dict[str, int] = {}
    names = list(departments)
    for i in range(count):
        dept = names[i] if i < len(names) else rng.choice(names[1:])
        head = dept not in heads
        start = date(2019, 1, 7) + timedelta(days=rng.randrange(0, 6 * 365))
        pk = await people.save_employee(None, {
            "full_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "start_date": start,
            "work_email": f"karyawan{i + 1:02d}@contoh-maju.co.id",
            "phone": f"08{rng.randrange(10**9, 10**10)}",
            "employment_type": "permanent" if rng.random() < 0.8 else rng.choice(["contract", "intern"]),
            "department_id": departments[dept],
            "position_id": positions[dept][0 if head else -1],
            "manager_id": heads.get(dept) or heads.get("Direksi"),
            "national_id": f"3171{rng.randrange(10**11, 10**12)}",
            "tax_id": f"{rng.randrange(10**14, 10**15)}",
            "bank_name": rng.choice(["BCA", "Mandiri", "BNI", "BRI"]),
            "bank_account": str(rng.randrange(10**9, 10**10)),
            "ptkp_status": rng.choice(["TK/0", "K/0", "K/1", "K/2"]),
        })
        if head:
            heads[dept] = pk
    annual = await LeaveType.select(LeaveType.id).where(LeaveType.code == "annual").first()
    if annual is None:
        return
    today = date.today()
    monday = today - timedelta(days=today.weekday())
    for n, employee_id in enumerate(list(heads.values())[1:5]):
        start = monday + timedelta(weeks=2 + n)
        try:
            await leave.request_leave(employee_id=employee_id + 3, leave_type_id=annual["id"],
                                      start=start, end=start + timedelta(days=2),
                                      reason="Liburan keluarga", requested_by=None)
        except Exception:  # noqa: BLE001,S112 - a demo employee without enough leave is skipped
            continue
