"""GraphQL of comments: ``comments(recordId)``, ``addComment`` and ``deleteComment``.

The root fields need a logged-in caller; the record's own rules (its module enabled, its
permission held, the record present) are checked on every call by the services, which answer
NOT_FOUND for anything the caller may not see."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import strawberry

from backoffice.comments import services
from backoffice.comments.tables import Comment as CommentTable
from backoffice.graphql.fields import Payload, field, mutation
from backoffice.graphql.ids import decode_id, encode_id
from backoffice.graphql.relay import Connection, paginate
from backoffice.identity.admin_graphql import load_users


@strawberry.type(description="A person, as comments show them.")
class CommentPerson:
    id: strawberry.ID
    full_name: str


def _person(row: dict[str, Any] | None, user_id: int) -> CommentPerson:
    return CommentPerson(id=strawberry.ID(encode_id("User", user_id)),
                         full_name=(row or {}).get("full_name", ""))


@strawberry.type(description="A comment on a record.")
class Comment:
    id: strawberry.ID
    record_id: strawberry.ID
    body: str = strawberry.field(
        description="As written; mentions appear as `@[Name](UserId)` or `@email`.")
    created_at: datetime
    _row: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, row: dict[str, Any]) -> Comment:
        return cls(id=strawberry.ID(encode_id("Comment", row["id"])),
                   record_id=strawberry.ID(row["record_id"]), body=row["body"],
                   created_at=row["created_at"], _row=row)

    @strawberry.field
    async def author(self, info: strawberry.Info) -> CommentPerson:
        uid = self._row["author_user_id"]
        return _person(await info.context.loader(load_users).load(uid), uid)

    @strawberry.field(description="The members the comment mentions.")
    async def mentions(self, info: strawberry.Info) -> list[CommentPerson]:
        raw = self._row["mentions"]
        ids = [int(i) for i in (json.loads(raw) if isinstance(raw, str) else raw or [])]
        rows = await info.context.loader(load_users).load_many(ids)
        return [_person(r, i) for r, i in zip(rows, ids, strict=True)]

    @strawberry.field(description="Whether you wrote it (and so may delete it).")
    def mine(self, info: strawberry.Info) -> bool:
        return self._row["author_user_id"] == info.context.actor.user_id


@strawberry.input
class AddCommentInput:
    record_id: strawberry.ID
    body: str


@strawberry.input
class DeleteCommentInput:
    id: strawberry.ID


@strawberry.type
class CommentPayload(Payload):
    comment: Comment | None = None


@strawberry.type
class DeleteCommentPayload(Payload):
    deleted_id: strawberry.ID | None = None


@strawberry.type
class CommentQuery:
    @field(authenticated=True, description="The comments of a record, oldest first. Needs the "
           "permission to read the record; NOT_FOUND for a record you cannot see.")
    async def comments(self, info: strawberry.Info, record_id: strawberry.ID,
                       first: int | None = 50, after: str | None = None) -> Connection[Comment]:
        await services.record(info.context.actor, record_id)
        return await paginate(CommentTable, node=Comment.of, first=first, after=after,
                              where=CommentTable.record_id == record_id)


@strawberry.type
class CommentMutation:
    @mutation(authenticated=True, description="Comment on a record you may read; mentioned "
              "members who may read it are notified.")
    async def add_comment(self, info: strawberry.Info, input: AddCommentInput) -> CommentPayload:
        pk = await services.add(info.context.actor, input.record_id, input.body)
        row, _ = await services.get(info.context.actor, pk)
        return CommentPayload(comment=Comment.of(row))

    @mutation(authenticated=True, description="Delete one of your own comments.")
    async def delete_comment(self, info: strawberry.Info,
                             input: DeleteCommentInput) -> DeleteCommentPayload:
        await services.delete(info.context.actor, decode_id(input.id, "Comment"))
        return DeleteCommentPayload(deleted_id=input.id)
