"""GraphQL of outgoing mail: the company's ``emails`` (``core.mail.read``), so that a failed
send is visible to the tenant's admins. Bodies are never shown."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from backoffice.db.scope import current_tenant_id
from backoffice.errors import BadUserInput
from backoffice.graphql.fields import field
from backoffice.graphql.ids import encode_id
from backoffice.graphql.relay import Connection, paginate
from backoffice.mail.tables import STATUSES, OutgoingMail


@strawberry.type(description="A mail the company sent, or tried to send.")
class Email:
    id: strawberry.ID
    to: str
    subject: str
    kind: str = strawberry.field(
        description="What it is for: core.verify_email, core.invitation, or a notification kind.")
    status: str = strawberry.field(description="queued, sending, sent or failed.")
    attempts: int
    max_attempts: int
    last_error: str = strawberry.field(
        description="Why the last attempt failed (empty if none); kept after a retry succeeds.")
    created_at: datetime
    next_attempt_at: datetime | None = strawberry.field(
        description="When a queued mail is tried (again).")
    sent_at: datetime | None

    @classmethod
    def of(cls, row: dict[str, Any]) -> Email:
        return cls(id=strawberry.ID(encode_id("Email", row["id"])), to=row["to_address"],
                   subject=row["subject"], kind=row["kind"], status=row["status"],
                   attempts=row["attempts"], max_attempts=row["max_attempts"],
                   last_error=row["last_error"] or "", created_at=row["created_at"],
                   next_attempt_at=row["next_attempt_at"] if row["status"] == "queued" else None,
                   sent_at=row["sent_at"])


@strawberry.type
class MailQuery:
    @field("core.mail.read", description="Mail sent by the company, newest first; "
           "`status: \"failed\"` lists what did not arrive.")
    async def emails(self, first: int | None = None, after: str | None = None,
                     status: str | None = None) -> Connection[Email]:
        where = OutgoingMail.tenant_id == current_tenant_id()
        if status is not None:
            if status not in STATUSES:
                raise BadUserInput((f"status must be one of {', '.join(STATUSES)}.",
                                    f"status harus salah satu dari {', '.join(STATUSES)}."),
                                   field="status")
            where = where & (OutgoingMail.status == status)
        return await paginate(OutgoingMail, node=Email.of, first=first, after=after, where=where,
                              order_by=OutgoingMail.id, descending=True,
                              columns=tuple(c for c in OutgoingMail._meta.columns
                                            if c._meta.name != "sealed_body"))
