"""Importing employees from CSV or XLSX, with a dry run, and exporting the employee list.

Every row is checked with the same rules as ``createEmployee``; the report lists each row's
errors. Nothing is written unless every row is valid and it is not a dry run.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from backoffice.sdk import BackofficeError, BadUserInput, ImportedRow, translate

from . import services
from .tables import Department, Employee, Position

COLUMNS = ["employee_number", "full_name", "start_date", "employment_type", "department", "position",
           "manager_number", "work_email", "phone", "birth_date", "gender", "national_id", "tax_id",
           "bank_name", "bank_account", "ptkp_status"]
SENSITIVE = {"birth_date", "national_id", "tax_id", "bank_name", "bank_account", "ptkp_status"}


def _date(value: str, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError as exc:
        raise BadUserInput(("Write dates as YYYY-MM-DD.", "Tulis tanggal sebagai YYYY-MM-DD."), field=field) from exc


async def import_rows(rows: list[ImportedRow]) -> tuple[int, list[tuple[int, list[tuple[str | None, str, str]]]]]:
    """Create an employee per row. Returns ``(created, [(row number, [(field, message, code)])])``
    listing only rows with errors; the caller rolls everything back when there are any."""
    departments = {r["name"].strip().lower(): r["id"] for r in await Department.select(Department.id, Department.name)}
    positions = {r["title"].strip().lower(): r["id"] for r in await Position.select(Position.id, Position.title)}
    numbers = {r["employee_number"]: r["id"] for r in await Employee.select(Employee.id, Employee.employee_number)}
    created, problems = 0, []
    seen_numbers: set[str] = set()
    for row in rows:
        v = row.values
        errors: list[tuple[str | None, str, str]] = []
        data: dict[str, Any] = {}
        try:
            data = {
                "full_name": v.get("full_name", ""), "start_date": _date(v.get("start_date", ""), "start_date"),
                "employment_type": v.get("employment_type") or "permanent",
                "work_email": v.get("work_email", ""), "phone": v.get("phone", ""),
                "birth_date": _date(v.get("birth_date", ""), "birth_date"), "gender": v.get("gender", ""),
                "national_id": v.get("national_id", ""), "tax_id": v.get("tax_id", ""),
                "bank_name": v.get("bank_name", ""), "bank_account": v.get("bank_account", ""),
            }
            if v.get("ptkp_status"):
                data["ptkp_status"] = v["ptkp_status"].upper()
            if v.get("employee_number"):
                if v["employee_number"] in seen_numbers:
                    raise BadUserInput(("This employee number appears twice in the file.",
                                        "Nomor karyawan ini muncul dua kali dalam berkas."), field="employee_number")
                seen_numbers.add(v["employee_number"])
                data["employee_number"] = v["employee_number"]
            for key, lookup, label in (("department", departments, ("department", "departemen")),
                                       ("position", positions, ("position", "jabatan"))):
                if v.get(key):
                    if v[key].strip().lower() not in lookup:
                        raise BadUserInput((f"There is no {label[0]} named {v[key]!r}.",
                                            f"Tidak ada {label[1]} bernama {v[key]!r}."), field=key)
                    data[f"{key}_id"] = lookup[v[key].strip().lower()]
            if v.get("manager_number"):
                if v["manager_number"] not in numbers:
                    raise BadUserInput((f"No employee has number {v['manager_number']!r}.",
                                        f"Tidak ada karyawan bernomor {v['manager_number']!r}."), field="manager_number")
                data["manager_id"] = numbers[v["manager_number"]]
            pk = await services.save_employee(None, data)
            created += 1
            if data.get("employee_number"):
                numbers[data["employee_number"]] = pk
        except BackofficeError as exc:
            errors.append((exc.field, translate(exc.text), exc.code))
        if errors:
            problems.append((row.number, errors))
    return created, problems


def export_rows(rows: list[dict[str, Any]], names: dict[str, dict[int, str]],
                include_sensitive: bool) -> tuple[list[str], list[list[Any]]]:
    columns = [c for c in COLUMNS if include_sensitive or c not in SENSITIVE]
    numbers = {r["id"]: r["employee_number"] for r in rows}
    out = []
    for r in rows:
        values = {**r, "department": names["department"].get(r["department_id"] or 0, ""),
                  "position": names["position"].get(r["position_id"] or 0, ""),
                  "manager_number": numbers.get(r["manager_id"] or 0, names["manager"].get(r["manager_id"] or 0, ""))}
        out.append([values.get(c, "") for c in columns])
    return columns, out
