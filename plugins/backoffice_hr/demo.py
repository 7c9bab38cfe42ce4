"""Demo data for ``backoffice seed-demo``: a company of 50 people with leave in progress."""

from __future__ import annotations

import random
from datetime import date, timedelta

from decimal import Decimal

from .leave import services as leave
from .leave.tables import LeaveType
from .payroll import services as payroll
from .payroll.tables import PayrollRun
from .people import services as people
from .recruitment import services as recruitment

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
    staff: list[int] = []
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
        staff.append(pk)
        base = Decimal(rng.randrange(55, 300) * 100_000) if not head else Decimal(rng.randrange(150, 450) * 100_000)
        await payroll.set_structure(pk, base_salary=base, fixed_allowances=Decimal(rng.randrange(0, 20) * 100_000),
                                    other_deductions=Decimal(0), jkk_class=1)
    await _leave(staff)
    await _recruitment(departments["Gudang"], positions["Gudang"][-1])
    await _past_payroll()


async def _leave(staff: list[int]) -> None:
    annual = await LeaveType.select(LeaveType.id).where(LeaveType.code == "annual").first()
    if annual is None:
        return
    start = date(date.today().year + 1, 2, 2)
    start -= timedelta(days=start.weekday())
    for n, employee_id in enumerate(staff[10:16]):
        first = start + timedelta(weeks=n)
        await leave.request_leave(employee_id=employee_id, leave_type_id=annual["id"], start=first,
                                  end=first + timedelta(days=2), reason="Liburan keluarga",
                                  requested_by=None)


async def _recruitment(department_id: int, position_id: int) -> None:
    opening = await recruitment.save_opening(None, {
        "title": "Staf Gudang", "headcount": 2, "department_id": department_id,
        "position_id": position_id, "description": "Menerima dan menyiapkan barang."})
    for name, stage in (("Arif Rahman", "interview"), ("Bella Safira", "screening"),
                        ("Candra Wijaya", "applied"), ("Dina Marlina", "offer"),
                        ("Evan Setiadi", "rejected")):
        pk = await recruitment.add_applicant(opening, full_name=name, phone="0812000000",
                                             email=f"{name.split()[0].lower()}@contoh.id", source="Jobstreet")
        if stage != "applied":
            await recruitment.move(pk, stage)


async def _past_payroll() -> None:
    """Last month's payroll, calculated and approved, as if it had been paid."""
    today = date.today()
    last = (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    if await PayrollRun.exists().where(PayrollRun.period == last):
        return
    result = await PayrollRun.insert(PayrollRun(period=last))
    run_id = result[0]["id"]

    async def progress(*_: object) -> None:
        return None

    await payroll.calculate(run_id, progress)
    await payroll.approve(run_id, None)
