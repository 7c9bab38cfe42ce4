"""GraphQL for background jobs: the ``jobs`` list and one ``job`` by id (``core.job.read``).

Jobs are tenant rows: another company's job id reads as ``NOT_FOUND``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON

from backoffice.errors import BadUserInput, NotFound
from backoffice.graphql.fields import field
from backoffice.graphql.ids import decode_id, encode_id
from backoffice.graphql.relay import Connection, paginate
from backoffice.jobs.tables import Job as JobTable
from backoffice.jobs.wrapper import decode_text, loads

STATUSES = ("queued", "running", "succeeded", "failed", "cancelled")


@strawberry.type(description="A background job of this company and how far it got.")
class Job:
    id: strawberry.ID
    name: str = strawberry.field(description="The job function, as `<module path>.<name>`.")
    module: str
    status: str = strawberry.field(
        description="queued, running, succeeded, failed or cancelled.")
    progress: int = strawberry.field(description="0 to 100.")
    message: str = strawberry.field(description="What the job last reported doing.")
    attempts: int
    max_attempts: int
    last_error: str = strawberry.field(
        description="The last failure (error type and message), empty if none.")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    result: JSON | None = strawberry.field(description="What a succeeded job returned.")

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Job:
        return cls(
            id=strawberry.ID(encode_id("Job", row["id"])), name=row["name"],
            module=row["module"], status=row["status"], progress=row["progress"],
            message=decode_text(row["message"]), attempts=row["attempts"],
            max_attempts=row["max_attempts"], last_error=row["last_error"] or "",
            created_at=row["created_at"], started_at=row["started_at"],
            finished_at=row["finished_at"], result=loads(row["result"]),
        )


@strawberry.type
class JobQuery:
    @field("core.job.read", description="Background jobs, newest first.")
    async def jobs(self, first: int | None = None, after: str | None = None,
                   status: str | None = None) -> Connection[Job]:
        where = None
        if status is not None:
            if status not in STATUSES:
                raise BadUserInput((f"status must be one of {', '.join(STATUSES)}.",
                                    f"status harus salah satu dari {', '.join(STATUSES)}."),
                                   field="status")
            where = JobTable.status == status
        return await paginate(JobTable, node=Job.from_row, first=first, after=after,
                              where=where, order_by=JobTable.id, descending=True)

    @field("core.job.read", description="One background job, by id.")
    async def job(self, id: strawberry.ID) -> Job:
        row = await JobTable.select().where(JobTable.id == decode_id(id, "Job")).first()
        if row is None:
            raise NotFound()
        return Job.from_row(row)
