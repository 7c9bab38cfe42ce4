"""Importing employees from CSV and XLSX with a dry run, and exporting the list."""

from __future__ import annotations

import base64
import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from helpers import add_member, enable

IMPORT = """mutation($i: ImportEmployeesInput!) { importEmployees(input: $i) {
  dryRun validRows created rowsWithErrors { row errors { field message code } } userErrors { code } } }"""
TOTAL = "{ employees { totalCount } }"


def csv_file(rows):  # type: ignore[no-untyped-def]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return base64.b64encode(buffer.getvalue().encode()).decode()


def xlsx_file(rows):  # type: ignore[no-untyped-def]
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return base64.b64encode(buffer.getvalue()).decode()


GOOD = [["employee_number", "full_name", "start_date", "department", "manager_number", "national_id"],
        ["A-001", "Rina Wati", "2024-02-01", "Keuangan", "", "3171012345678901"],
        ["A-002", "Sugeng Riyadi", "2024-03-01", "Keuangan", "A-001", ""]]


@pytest.fixture
async def hr(company):  # type: ignore[no-untyped-def]
    await enable(company.api, "hr")
    await company.api.data('mutation { createDepartment(input: {name: "Keuangan"}) { department { id } } }')
    return company


async def test_dry_run_reports_and_writes_nothing(hr):
    data = await hr.api.data(IMPORT, {"i": {"file": csv_file(GOOD), "format": "CSV", "dryRun": True}})
    result = data["importEmployees"]
    assert result["dryRun"] is True and result["validRows"] == 2 and result["rowsWithErrors"] == []
    assert (await hr.api.data(TOTAL))["employees"]["totalCount"] == 0


async def test_every_bad_row_is_reported_and_nothing_is_written(hr):
    rows = [GOOD[0], GOOD[1], ["A-003", "", "2024-01-01", "", "", ""],
            ["A-004", "Tono", "01/02/2024", "", "", ""], ["A-005", "Ujang", "2024-01-01", "Gudang", "", ""]]
    data = await hr.api.data(IMPORT, {"i": {"file": csv_file(rows), "format": "CSV", "dryRun": False}})
    result = data["importEmployees"]
    assert [r["row"] for r in result["rowsWithErrors"]] == [3, 4, 5]
    assert result["created"] == 0
    assert (await hr.api.data(TOTAL))["employees"]["totalCount"] == 0


async def test_xlsx_import_then_export(hr):
    data = await hr.api.data(IMPORT, {"i": {"file": xlsx_file(GOOD), "format": "XLSX", "dryRun": False}})
    assert data["importEmployees"]["created"] == 2
    listing = await hr.api.data("{ employees(filter: {search: \"Sugeng\"}) { nodes { manager { fullName } department { name } } } }")
    assert listing["employees"]["nodes"] == [{"manager": {"fullName": "Rina Wati"}, "department": {"name": "Keuangan"}}]
    exported = (await hr.api.data("{ exportEmployees(format: XLSX) { filename contentType base64 rows } }"))["exportEmployees"]
    assert exported["filename"] == "employees.xlsx" and exported["rows"] == 2
    sheet = load_workbook(io.BytesIO(base64.b64decode(exported["base64"]))).active
    values = list(sheet.values)
    assert values[0][0] == "employee_number" and "national_id" in values[0]
    assert {v[1] for v in values[1:]} == {"Rina Wati", "Sugeng Riyadi"}


async def test_export_csv_hides_sensitive_columns_without_permission(hr, new_client):
    await hr.api.data(IMPORT, {"i": {"file": csv_file(GOOD), "format": "CSV", "dryRun": False}})
    reader = await add_member(hr, new_client, permissions=["hr.employee.read"])
    exported = (await reader.api.data("{ exportEmployees(format: CSV) { base64 } }"))["exportEmployees"]
    text = base64.b64decode(exported["base64"]).decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert "national_id" not in header and "3171012345678901" not in text
    assert await reader.api.error_code(IMPORT, {"i": {"file": csv_file(GOOD), "format": "CSV"}}) == "FORBIDDEN"


async def test_formulas_are_neutralised_in_exports(hr):
    rows = [GOOD[0], ["A-009", "=HYPERLINK(\"http://evil\")", "2024-01-01", "", "", ""]]
    await hr.api.data(IMPORT, {"i": {"file": csv_file(rows), "format": "CSV", "dryRun": False}})
    exported = (await hr.api.data("{ exportEmployees(format: CSV) { base64 } }"))["exportEmployees"]
    text = base64.b64decode(exported["base64"]).decode("utf-8-sig")
    assert "'=HYPERLINK" in text


async def test_garbage_files_are_user_errors(hr):
    data = await hr.api.data(IMPORT, {"i": {"file": "not base64!!", "format": "CSV"}})
    assert data["importEmployees"]["userErrors"][0]["code"] == "BAD_USER_INPUT"
    data = await hr.api.data(IMPORT, {"i": {"file": base64.b64encode(b"junk").decode(), "format": "XLSX"}})
    assert data["importEmployees"]["userErrors"][0]["code"] == "BAD_USER_INPUT"
