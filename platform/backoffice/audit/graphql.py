"""``auditLog``: the company's audit entries, newest first, with filters."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON

from backoffice.audit.tables import AuditEntry as AuditTable
from backoffice.graphql.fields import field
from backoffice.graphql.ids import decode_id, encode_id
from backoffice.graphql.relay import Connection, paginate


def _loads(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


@strawberry.type(description="Who did what, when. Secrets are masked.")
class AuditEntry:
    id: strawberry.ID
    at: datetime
    operation: str
    actor_id: strawberry.ID | None = strawberry.field(description="The user who acted (a User id).")
    actor_client_id: str | None = strawberry.field(description="The OAuth client that acted.")
    target_ids: list[str]
    changes: JSON
    ip: str

    @classmethod
    def of(cls, r: dict[str, Any]) -> AuditEntry:
        return cls(id=encode_id("AuditEntry", r["id"]), at=r["at"], operation=r["operation"],
                   actor_id=encode_id("User", r["actor_user_id"]) if r["actor_user_id"] else None,
                   actor_client_id=r["actor_client_id"], target_ids=_loads(r["target_ids"]) or [],
                   changes=_loads(r["changes"]) or {}, ip=r["ip"])


@strawberry.type
class AuditQuery:
    @field("core.audit.read", description="The audit log, newest first.")
    async def audit_log(self, first: int | None = 20, after: str | None = None,
                        operation: str | None = None, actor_id: strawberry.ID | None = None,
                        since: datetime | None = None,
                        until: datetime | None = None) -> Connection[AuditEntry]:
        clauses = []
        if operation:
            clauses.append(AuditTable.operation == operation)
        if actor_id:
            clauses.append(AuditTable.actor_user_id == decode_id(actor_id, "User"))
        if since:
            clauses.append(AuditTable.at >= since)
        if until:
            clauses.append(AuditTable.at < until)
        where = None
        for c in clauses:
            where = c if where is None else where & c
        return await paginate(AuditTable, node=AuditEntry.of, first=first, after=after, where=where,
                              descending=True)
