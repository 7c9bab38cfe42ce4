"""Tabular files in and out: CSV and XLSX (openpyxl), for imports and list exports.

Values leave as text a spreadsheet shows as is (dates ISO, money as whole numbers); cells that
a spreadsheet would run as a formula are prefixed with a quote (CSV injection).
"""

from __future__ import annotations

import base64
import enum
import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry

from backoffice.errors import BadUserInput

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 10_000


@strawberry.enum(description="A tabular file format.")
class FileFormat(enum.Enum):
    CSV = "csv"
    XLSX = "xlsx"


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


@strawberry.type(description="A generated file, base64-encoded.")
class ExportFile:
    filename: str
    content_type: str
    base64: str
    rows: int


def export_file(name: str, headers: Sequence[str], rows: Iterable[Sequence[Any]],
                file_format: Any) -> ExportFile:
    fmt = getattr(file_format, "value", file_format)
    data = [[_cell(v) for v in row] for row in rows]
    if fmt == "xlsx":
        from openpyxl import Workbook  # noqa: PLC0415
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: PLC0415

        book = Workbook(write_only=True)
        sheet = book.create_sheet(name[:31] or "Sheet1")
        sheet.append(list(headers))
        for row in data:
            # XLSX cannot hold most ASCII control characters; they are dropped, not an error.
            sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
        buffer = io.BytesIO()
        book.save(buffer)
        content = buffer.getvalue()
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(headers)
        writer.writerows(data)
        content = text.getvalue().encode("utf-8-sig")  # the BOM lets Excel read UTF-8
        content_type = "text/csv; charset=utf-8"
    return ExportFile(filename=f"{name}.{fmt}", content_type=content_type,
                      base64=base64.b64encode(content).decode(), rows=len(data))


@dataclass
class ImportedRow:
    number: int  # the row number a person sees in the file (the header is row 1)
    values: dict[str, str]


def read_rows(content_base64: str, file_format: Any) -> list[ImportedRow]:
    """The rows of an uploaded CSV or XLSX file, keyed by the header row (lower-cased)."""
    fmt = getattr(file_format, "value", file_format)
    try:
        content = base64.b64decode(content_base64, validate=True)
    except ValueError as exc:
        raise BadUserInput(("The file is not valid base64.", "Berkas bukan base64 yang valid."),
                           field="file") from exc
    if len(content) > MAX_IMPORT_BYTES:
        raise BadUserInput(("The file is larger than 5 MB.", "Berkas lebih besar dari 5 MB."), field="file")
    if fmt == "xlsx":
        matrix = _xlsx_rows(content)
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise BadUserInput(("Save the CSV as UTF-8.", "Simpan CSV sebagai UTF-8."), field="file") from exc
        try:
            # newline="": lines may end in CRLF, LF or a lone CR, and quoted cells keep theirs.
            matrix = [list(r) for r in csv.reader(io.StringIO(text, newline=""))]
        except csv.Error as exc:
            raise BadUserInput(("This is not a readable CSV file.", "Ini bukan berkas CSV yang dapat dibaca."),
                               field="file") from exc
    if not matrix:
        raise BadUserInput(("The file is empty.", "Berkas kosong."), field="file")
    header = [str(h or "").strip().lower() for h in matrix[0]]
    rows = []
    for i, raw in enumerate(matrix[1:], start=2):
        if not any(str(v or "").strip() for v in raw):
            continue
        rows.append(ImportedRow(number=i, values={h: _text(v) for h, v in zip(header, raw, strict=False) if h}))
    if len(rows) > MAX_IMPORT_ROWS:
        raise BadUserInput((f"At most {MAX_IMPORT_ROWS} rows at a time.",
                            f"Paling banyak {MAX_IMPORT_ROWS} baris sekaligus."), field="file")
    return rows


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_rows(content: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook  # noqa: PLC0415

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the user's file
        raise BadUserInput(("This is not a readable XLSX file.", "Ini bukan berkas XLSX yang dapat dibaca."),
                           field="file") from exc
    sheet = book.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


UPLOAD_SIGNATURES = ((b"%PDF-", "application/pdf"), (b"\x89PNG\r\n\x1a\n", "image/png"),
                     (b"\xff\xd8\xff", "image/jpeg"))


def checked_upload(content_base64: str, *, max_bytes: int = 5 * 1024 * 1024,
                   field: str = "file") -> tuple[bytes, str]:
    """An uploaded document's bytes and type. The type is read from the content, not the name
    or the client's word; only PDF, PNG and JPEG are kept, up to ``max_bytes``."""
    try:
        content = base64.b64decode(content_base64, validate=True)
    except ValueError as exc:
        raise BadUserInput(("The file is not valid base64.", "Berkas bukan base64 yang valid."), field=field) from exc
    if not content or len(content) > max_bytes:
        limit = (f"{max_bytes // (1024 * 1024)} MB" if max_bytes >= 1024 * 1024 else f"{max_bytes // 1024} KB")
        raise BadUserInput((f"A file is 1 byte to {limit}.", f"Berkas berukuran 1 byte sampai {limit}."),
                           field=field)
    for magic, content_type in UPLOAD_SIGNATURES:
        if content.startswith(magic):
            return content, content_type
    raise BadUserInput(("Upload a PDF, PNG or JPEG file.", "Unggah berkas PDF, PNG, atau JPEG."), field=field)


def safe_filename(name: str, default: str = "document") -> str:
    clean = "".join(c for c in (name or "").strip() if c.isprintable() and c not in '/\\"')[:200]
    return clean or default
