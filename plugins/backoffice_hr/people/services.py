"""Business rules of the organisation: plain values in, plain values out, no GraphQL here."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, NotFound, current_tenant_id, encode_id, publish

from .tables import Department, EmergencyContact, Employee, Position

EMPLOYMENT_TYPES = ("permanent", "contract", "intern", "freelancer")
STATUSES = ("active", "on_leave", "terminated")
PTKP_STATUSES = ("TK/0", "TK/1", "TK/2", "TK/3", "K/0", "K/1", "K/2", "K/3")
NIK_RE = re.compile(r"^\d{16}$")
NPWP_RE = re.compile(r"^\d{15,16}$")


def _required(value: str | None, field: str, en: str, id_: str) -> str:
    value = (value or "").strip()
    if not value:
        raise BadUserInput((en, id_), field=field)
    return value


async def get_department(pk: int) -> dict[str, Any]:
    row = await Department.select().where(Department.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def _check_parent(pk: int | None, parent_id: int | None) -> None:
    """The parent exists and is not the department itself or one of its descendants."""
    if parent_id is None:
        return
    await get_department(parent_id)
    seen: set[int] = set()
    current: int | None = parent_id
    while current is not None and current not in seen:
        if current == pk:
            raise BadUserInput(("A department cannot sit under itself.",
                                "Departemen tidak dapat berada di bawah dirinya sendiri."),
                               field="parentId")
        seen.add(current)
        row = await Department.select(Department.parent_id).where(Department.id == current).first()
        current = row["parent_id"] if row else None


async def save_department(pk: int | None, *, name: str | None, code: str | None,
                          parent_id: int | None, set_parent: bool) -> int:
    values: dict[Any, Any] = {}
    if pk is None or name is not None:
        values[Department.name] = _required(name, "name", "Enter the department's name.",
                                            "Masukkan nama departemen.")[:200]
    if code is not None:
        values[Department.code] = code.strip()[:32]
    if set_parent:
        await _check_parent(pk, parent_id)
        values[Department.parent_id] = parent_id
    if pk is None:
        result = await Department.insert(Department({**values}))
        return result[0]["id"]
    await get_department(pk)
    if values:
        await Department.update(values).where(Department.id == pk)
    return pk


async def delete_department(pk: int) -> None:
    await get_department(pk)
    if await Department.exists().where(Department.parent_id == pk):
        raise Conflict(("Move or delete its sub-departments first.",
                        "Pindahkan atau hapus sub-departemennya terlebih dahulu."))
    if await Employee.exists().where((Employee.department_id == pk) & (Employee.status != "terminated")):
        raise Conflict(("Move its employees to another department first.",
                        "Pindahkan karyawannya ke departemen lain terlebih dahulu."))
    await Position.update({Position.department_id: None}).where(Position.department_id == pk)
    await Department.delete().where(Department.id == pk)


async def get_position(pk: int) -> dict[str, Any]:
    row = await Position.select().where(Position.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def save_position(pk: int | None, *, title: str | None, grade: str | None,
                        department_id: int | None, set_department: bool) -> int:
    values: dict[Any, Any] = {}
    if pk is None or title is not None:
        values[Position.title] = _required(title, "title", "Enter the position's title.",
                                           "Masukkan nama jabatan.")[:200]
    if grade is not None:
        values[Position.grade] = grade.strip()[:32]
    if set_department:
        if department_id is not None:
            await get_department(department_id)
        values[Position.department_id] = department_id
    if pk is None:
        result = await Position.insert(Position({**values}))
        return result[0]["id"]
    await get_position(pk)
    if values:
        await Position.update(values).where(Position.id == pk)
    return pk


async def delete_position(pk: int) -> None:
    await get_position(pk)
    if await Employee.exists().where((Employee.position_id == pk) & (Employee.status != "terminated")):
        raise Conflict(("Employees still hold this position.",
                        "Masih ada karyawan yang memegang jabatan ini."))
    await Position.delete().where(Position.id == pk)


async def get_employee(pk: int) -> dict[str, Any]:
    row = await Employee.select().where(Employee.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def next_employee_number() -> str:
    """The next free EMP-NNNN of the company. On PostgreSQL, hires running at once in one
    company queue on a transaction lock until the first commits, so two never take the same
    number; SQLite serialises writers anyway."""
    if Employee._meta.db.engine_type == "postgres":
        await Employee.raw("SELECT pg_advisory_xact_lock(hashtext('hr_employee_number'), {})",
                           current_tenant_id())
    count = await Employee.count()
    number = count + 1
    while await Employee.exists().where(Employee.employee_number == f"EMP-{number:04d}"):
        number += 1
    return f"EMP-{number:04d}"


def _check_choice(value: str, choices: tuple[str, ...], field: str) -> str:
    if value not in choices:
        raise BadUserInput((f"Choose one of: {', '.join(choices)}.",
                            f"Pilih salah satu: {', '.join(choices)}."), field=field)
    return value


async def save_employee(pk: int | None, data: dict[str, Any]) -> int:
    """Create (``pk`` is None) or update an employee from the given fields (absent = keep)."""
    current = await get_employee(pk) if pk is not None else None
    values: dict[Any, Any] = {}

    def given(key: str) -> bool:
        return key in data

    if current is None or given("full_name"):
        values[Employee.full_name] = _required(data.get("full_name"), "fullName",
                                               "Enter the employee's name.",
                                               "Masukkan nama karyawan.")[:200]
    if current is None or given("start_date"):
        if not isinstance(data.get("start_date"), date):
            raise BadUserInput(("Enter the start date.", "Masukkan tanggal mulai kerja."),
                               field="startDate")
        values[Employee.start_date] = data["start_date"]
    for key, column in (("work_email", Employee.work_email), ("phone", Employee.phone),
                        ("gender", Employee.gender), ("address", Employee.address),
                        ("bank_name", Employee.bank_name), ("bank_account", Employee.bank_account)):
        if given(key):
            values[column] = (data[key] or "").strip()
    if given("birth_date"):
        values[Employee.birth_date] = data["birth_date"]
    if given("end_date"):
        values[Employee.end_date] = data["end_date"]
    if given("national_id") and data["national_id"]:
        if not NIK_RE.match(data["national_id"].strip()):
            raise BadUserInput(("A NIK has 16 digits.", "NIK terdiri dari 16 digit."),
                               field="nationalId")
        values[Employee.national_id] = data["national_id"].strip()
    if given("tax_id") and data["tax_id"]:
        digits = re.sub(r"[.\-\s]", "", data["tax_id"])
        if not NPWP_RE.match(digits):
            raise BadUserInput(("An NPWP has 15 or 16 digits.", "NPWP terdiri dari 15 atau 16 digit."),
                               field="taxId")
        values[Employee.tax_id] = digits
    if given("employment_type") and data["employment_type"] is not None:
        values[Employee.employment_type] = _check_choice(data["employment_type"], EMPLOYMENT_TYPES,
                                                         "employmentType")
    if given("ptkp_status") and data["ptkp_status"] is not None:
        values[Employee.ptkp_status] = _check_choice(data["ptkp_status"], PTKP_STATUSES, "ptkpStatus")
    if given("department_id"):
        if data["department_id"] is not None:
            await get_department(data["department_id"])
        values[Employee.department_id] = data["department_id"]
    if given("position_id"):
        if data["position_id"] is not None:
            await get_position(data["position_id"])
        values[Employee.position_id] = data["position_id"]
    if given("manager_id"):
        manager_id = data["manager_id"]
        if manager_id is not None:
            if manager_id == pk:
                raise BadUserInput(("An employee cannot manage themselves.",
                                    "Karyawan tidak dapat menjadi atasan dirinya sendiri."),
                                   field="managerId")
            await get_employee(manager_id)
        values[Employee.manager_id] = manager_id
    if given("user_id"):
        if data["user_id"] is not None and await Employee.exists().where(
                (Employee.user_id == data["user_id"]) & (Employee.id != (pk or 0))):
            raise Conflict(("This user is already linked to another employee.",
                            "Pengguna ini sudah terhubung dengan karyawan lain."), field="userId")
        values[Employee.user_id] = data["user_id"]
    if given("employee_number") and data["employee_number"]:
        number = data["employee_number"].strip()[:32]
        if await Employee.exists().where((Employee.employee_number == number)
                                         & (Employee.id != (pk or 0))):
            raise Conflict((f"Employee number {number} is taken.",
                            f"Nomor karyawan {number} sudah dipakai."), field="employeeNumber")
        values[Employee.employee_number] = number
    start = values.get(Employee.start_date, current["start_date"] if current else None)
    end = values.get(Employee.end_date, current["end_date"] if current else None)
    if start and end and end < start:
        raise BadUserInput(("The end date is before the start date.",
                            "Tanggal berakhir sebelum tanggal mulai."), field="endDate")
    if current is None:
        values.setdefault(Employee.employee_number, await next_employee_number())
        row = Employee(**{c._meta.name: v for c, v in values.items()})
        result = await Employee.insert(row)
        return result[0]["id"]
    if values:
        await Employee.update(values).where(Employee.id == pk)
    return pk


async def terminate_employee(pk: int, end_date: date) -> None:
    employee = await get_employee(pk)
    if employee["status"] == "terminated":
        raise Conflict(("This employee has already left.", "Karyawan ini sudah keluar."))
    if end_date < employee["start_date"]:
        raise BadUserInput(("The end date is before the start date.",
                            "Tanggal berakhir sebelum tanggal mulai."), field="endDate")
    await Employee.update({Employee.status: "terminated", Employee.end_date: end_date}).where(
        Employee.id == pk)
    await publish("hr.employee_terminated", {"employee_id": encode_id("Employee", pk),
                                             "full_name": employee["full_name"],
                                             "end_date": end_date.isoformat()})


async def employee_of_user(user_id: int) -> dict[str, Any] | None:
    return await Employee.select().where(Employee.user_id == user_id).first()


async def add_emergency_contact(employee_id: int, name: str, relationship: str, phone: str) -> int:
    await get_employee(employee_id)
    result = await EmergencyContact.insert(EmergencyContact(
        employee_id=employee_id,
        name=_required(name, "name", "Enter the contact's name.", "Masukkan nama kontak."),
        relationship=(relationship or "").strip()[:64],
        phone=_required(phone, "phone", "Enter a phone number.", "Masukkan nomor telepon."),
    ))
    return result[0]["id"]


async def remove_emergency_contact(pk: int) -> int:
    row = await EmergencyContact.select().where(EmergencyContact.id == pk).first()
    if row is None:
        raise NotFound()
    await EmergencyContact.delete().where(EmergencyContact.id == pk)
    return row["employee_id"]
