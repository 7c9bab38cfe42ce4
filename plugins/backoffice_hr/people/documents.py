"""Documents kept with an employee's record: checked for size and type before they are kept.

The type is read from the file's first bytes, not taken from the name or the client's word.
"""

from __future__ import annotations

from typing import Any

from backoffice.sdk import NotFound, checked_upload, safe_filename

from .services import get_employee
from .tables import EmployeeDocument


async def add(employee_id: int, name: str, content_base64: str, uploaded_by: int | None) -> int:
    await get_employee(employee_id)
    content, content_type = checked_upload(content_base64)
    result = await EmployeeDocument.insert(EmployeeDocument(
        employee_id=employee_id, name=safe_filename(name), content_type=content_type,
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
