"""GraphQL of requests to HR: HR staff list and answer them; employees read their own."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from backoffice import sdk

from . import services
from .tables import HrRequest as RequestTable

HANDLE = "hr.request.handle"


@strawberry.type(description="An employment letter or a question an employee asked HR for.")
class HrRequest:
    id: strawberry.ID
    number: str
    kind: str = strawberry.field(description="employment_letter or question.")
    subject: str
    details: str
    status: str = strawberry.field(description="open or done.")
    answer: str
    requester_id: strawberry.ID
    created_at: datetime
    done_at: datetime | None

    @classmethod
    def of(cls, r: dict[str, Any]) -> HrRequest:
        return cls(id=sdk.encode_id("HrRequest", r["id"]), number=services.number(r["number"]), kind=r["kind"],
                   subject=r["subject"], details=r["details"], status=r["status"], answer=r["answer"],
                   requester_id=sdk.encode_id("User", r["requester_user_id"]), created_at=r["created_at"],
                   done_at=r["done_at"])


@strawberry.input
class CompleteHrRequestInput:
    id: strawberry.ID
    answer: str


@strawberry.type
class HrRequestPayload(sdk.Payload):
    hr_request: HrRequest | None = None


@strawberry.type
class HrRequestQuery:
    @sdk.field(HANDLE, description="Employees' requests to HR, oldest first.")
    async def hr_requests(self, status: str | None = None, kind: str | None = None, first: int | None = 20,
                          after: str | None = None) -> sdk.Connection[HrRequest]:
        where = sdk.all_of(RequestTable.status == status if status else None,
                           RequestTable.kind == kind if kind else None)
        return await sdk.paginate(RequestTable, node=HrRequest.of, first=first, after=after, where=where)

    @sdk.field(self_service=True, description="Your requests to HR and their answers, newest first.")
    async def my_hr_requests(self, info: sdk.Info, first: int | None = 20,
                             after: str | None = None) -> sdk.Connection[HrRequest]:
        return await sdk.paginate(RequestTable, node=HrRequest.of, first=first, after=after, descending=True,
                                  where=RequestTable.requester_user_id == (info.context.actor.user_id or 0))


@strawberry.type
class HrRequestMutation:
    @sdk.mutation(HANDLE, description="Answer a request (the letter is ready, the question answered); it closes.")
    async def complete_hr_request(self, info: sdk.Info, input: CompleteHrRequestInput) -> HrRequestPayload:
        pk = sdk.decode_id(input.id, "HrRequest")
        await services.complete(pk, answer=input.answer, user_id=info.context.actor.user_id)
        return HrRequestPayload(hr_request=HrRequest.of(await services.get(pk)))
