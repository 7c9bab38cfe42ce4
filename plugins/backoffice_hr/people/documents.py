"""Documents kept with an employee's record: checked for size and type before they are kept.

The type is read from the file's first bytes, not taken from the name or the client's word.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from backoffice.sdk import BadUserInput, NotFound

from .services import get_employee
from .tables import EmployeeDocument

MAX_BYTES = 5 * 1024 * 1024
SIGNATURES = ((b"%PDF-", "application/pdf"), (b"\x89PNG\r\n\x1a\n", "image/png"),
              (b"\xff\xd8\xff", "image/jpeg"))


def sniff(content: bytes) -> str | None:
    for magic, content_type in SIGNATURES:
        if content.startswith(magic):
            return content_type
    return None


async def add(employee_id: int, name: str, content_base64: str, uploaded_by: int | None) -> int:
    await get_employee(employee_id)
    try:
        content = base64.b64decode(content_base64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BadUserInput(("The file is not valid base64.", "Berkas bukan base64 yang valid."),
                           field="file") from exc
    if not content or len(content) > MAX_BYTES:
        raise BadUserInput(("A document is 1 byte to 5 MB.", "Dokumen berukuran 1 byte sampai 5 MB."),
                           field="file")
    content_type = sniff(content)
    if content_type is None:
        raise BadUserInput(("Upload a PDF, PNG or JPEG file.", "Unggah berkas PDF, PNG, atau JPEG."),
                           field="file")
    clean = "".join(c for c in (name or "document").strip() if c.isprintable() and c not in '/\\"')[:200]
    result = await EmployeeDocument.insert(EmployeeDocument(
        employee_id=employee_id, name=clean or "document", content_type=content_type,
        size=len(content), content=content, uploaded_by=uploaded_by))
    return result[0]["id"]


async def get(pk: int, *, with_content: bool = False) -> dict[str, Any]:
    columns = [EmployeeDocument.id, EmployeeDocument.employee_id, EmployeeDocument.name,
               EmployeeDocument.content_type, EmployeeDocument.size, EmployeeDocument.uploaded_at]
    if with_content:
        columns.append(EmployeeDocument.content)
    row = await EmployeeDocument.select(*columns).where(EmployeeDocument.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def remove(pk: int) -> int:
    row = await get(pk)
    await EmployeeDocument.delete().where(EmployeeDocument.id == pk)
    return row["employee_id"]
