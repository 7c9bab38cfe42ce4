"""GraphQL of bulk export: ``runBulkQuery``, ``bulkOperation``, ``bulkOperations`` and
``cancelBulkOperation``. Anyone authenticated in the company may start one; each caller sees
and cancels only their own operations (anyone else's id is NOT_FOUND)."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

import strawberry

from backoffice.bulk import query as bulk_query
from backoffice.bulk import services
from backoffice.bulk.tables import BulkOperation as BulkOperationTable
from backoffice.errors import BadUserInput
from backoffice.graphql.fields import Payload, field, mutation
from backoffice.graphql.ids import decode_id, encode_id
from backoffice.graphql.relay import Connection, paginate


@strawberry.enum(description="Where a bulk operation stands.")
class BulkOperationStatus(enum.Enum):
    CREATED = "created"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELED = "canceled"


@strawberry.type(description="A bulk query running in the background. Its result is a JSON "
                 "Lines file, one node per line; nodes of nested connections are lines of "
                 "their own with the parent's id in `__parentId`.")
class BulkOperation:
    id: strawberry.ID
    status: BulkOperationStatus
    query: str
    root_field: str = strawberry.field(description="The connection the query exports.")
    object_count: int = strawberry.field(description="Lines written so far (every node, nested ones included).")
    root_object_count: int = strawberry.field(description="Nodes of the root connection written so far.")
    progress: int = strawberry.field(description="Percent of the root connection written (0-100).")
    file_size: int = strawberry.field(description="Bytes of the result file so far.")
    error_code: str | None = strawberry.field(
        description="Why it failed: ACCESS_DENIED, TIMEOUT, CONCURRENT_CHANGE, "
                    "INTERNAL_SERVER_ERROR, or a GraphQL error code.")
    error_message: str | None
    created_at: datetime
    completed_at: datetime | None
    url: str | None = strawberry.field(
        description="Where to download the file (COMPLETED only): a signed link that works "
                    "for an hour; ask again for a fresh one while the file is kept (7 days).")
    url_expires_at: datetime | None
    file_expires_at: datetime | None = strawberry.field(description="When the file is deleted.")

    @classmethod
    def of(cls, row: dict[str, Any]) -> BulkOperation:
        url, expires = services.link(row)
        return cls(id=strawberry.ID(encode_id("BulkOperation", row["id"])),
                   status=BulkOperationStatus(row["status"]), query=row["query"],
                   root_field=row["root_field"], object_count=int(row["object_count"]),
                   root_object_count=int(row["root_object_count"]), progress=int(row["progress"]),
                   file_size=int(row["file_size"]), error_code=row["error_code"],
                   error_message=row["error_message"], created_at=row["created_at"],
                   completed_at=row["completed_at"], url=url, url_expires_at=expires,
                   file_expires_at=row["file_expires_at"] if row["status"] == "completed" else None)


@strawberry.input
class RunBulkQueryInput:
    query: str = strawberry.field(description="One query whose only root field is a connection; "
                                  "`first` and `after` may be left out: every page is read.")


@strawberry.input
class CancelBulkOperationInput:
    id: strawberry.ID


@strawberry.type
class BulkOperationPayload(Payload):
    bulk_operation: BulkOperation | None = None


@strawberry.type(description="A page of your bulk operations, newest first.")
class BulkOperationConnection(Connection[BulkOperation]):
    pass


@strawberry.type
class BulkQuery:
    @field(authenticated=True, description="One of your bulk operations, with a fresh download "
           "link once it has completed.")
    async def bulk_operation(self, info: strawberry.Info, id: strawberry.ID) -> BulkOperation:
        row = await services.get(info.context.actor, decode_id(id, "BulkOperation"))
        return BulkOperation.of(row)

    @field(authenticated=True, description="Your bulk operations, newest first.")
    async def bulk_operations(self, info: strawberry.Info, first: int | None = 20,
                              after: str | None = None) -> BulkOperationConnection:
        page = await paginate(BulkOperationTable, node=BulkOperation.of, first=first, after=after,
                              where=services.mine(info.context.actor),
                              order_by=BulkOperationTable.id, descending=True)
        return BulkOperationConnection(edges=page.edges, page_info=page.page_info,
                                       _count=page._count)


@strawberry.type
class BulkMutation:
    @mutation(authenticated=True, description="Start a bulk query: every node of one "
              "connection (and of connections inside its nodes) is written to a JSON Lines "
              "file in the background. No query cost limit applies; field permissions do. "
              "One running operation per caller (BULK_OPERATION_IN_PROGRESS).")
    async def run_bulk_query(self, info: strawberry.Info, input: RunBulkQueryInput) -> BulkOperationPayload:
        try:
            plan = bulk_query.plan(info.schema._schema, input.query)
        except bulk_query.BulkQueryError as exc:
            raise BadUserInput(exc.message, code=exc.code, field="query") from exc
        row = await services.start(info.context.actor, input.query, plan.root_field)
        return BulkOperationPayload(bulk_operation=BulkOperation.of(row))

    @mutation(authenticated=True, description="Stop one of your bulk operations that is created "
              "or running; what it wrote is deleted.")
    async def cancel_bulk_operation(self, info: strawberry.Info,
                                    input: CancelBulkOperationInput) -> BulkOperationPayload:
        row = await services.cancel(info.context.actor, decode_id(input.id, "BulkOperation"))
        return BulkOperationPayload(bulk_operation=BulkOperation.of(row))
