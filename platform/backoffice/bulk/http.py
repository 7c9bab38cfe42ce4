"""``GET /bulk/<token>``: the download of a completed bulk operation's file.

The token is the whole credential: signed with the app's secret, naming the company and the
operation, valid for an hour. The request's own session or token plays no part, so the
company comes from the signed token and the file is read inside that company's scope. A link
that was not made here, names another company's operation, or whose file is gone is 404; a
genuine link past its time is 410. Neither says more.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

from litestar import Response, get
from litestar.response import Stream

from backoffice.bulk import services
from backoffice.bulk.tables import BulkOperation, BulkOperationPart
from backoffice.db import scope as tenant_scope

MEDIA_TYPE = "application/jsonl"


def _refusal(status: int) -> Response[str]:
    return Response("Not found.\n" if status == 404 else "Gone.\n", status_code=status,
                    media_type="text/plain", headers={"cache-control": "no-store"})


@get("/bulk/{token:str}", include_in_schema=False, media_type=MEDIA_TYPE)
async def download_bulk_file(token: str) -> Any:
    link = services.verify(token)
    if link is None:
        return _refusal(404)
    if link.expired:
        return _refusal(410)
    with tenant_scope.scoped(tenant_id=link.tenant_id):
        row = await BulkOperation.select(
            BulkOperation.id, BulkOperation.status, BulkOperation.parts,
            BulkOperation.file_expires_at).where(BulkOperation.id == link.operation_id).first()
    if row is None or row["status"] != "completed" or row["file_expires_at"] is None \
            or services._aware(row["file_expires_at"]) <= datetime.now(UTC):
        return _refusal(404)
    parts = int(row["parts"])

    async def body() -> AsyncIterator[bytes]:
        for seq in range(parts):
            # The scope is entered for each read, never held across a yield.
            with tenant_scope.scoped(tenant_id=link.tenant_id):
                part = await BulkOperationPart.select(BulkOperationPart.content).where(
                    (BulkOperationPart.operation_id == link.operation_id)
                    & (BulkOperationPart.seq == seq)).first()
            if part is not None:
                yield part["content"].encode()

    return Stream(body(), media_type=MEDIA_TYPE, headers={
        "content-disposition": f'attachment; filename="bulk-operation-{link.operation_id}.jsonl"',
        "cache-control": "no-store",
    })


def route_handlers() -> list[Any]:
    return [download_bulk_file]
