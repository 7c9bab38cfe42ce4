"""Being written: replace this placeholder entirely."""

import strawberry

from backoffice.graphql.fields import field


@strawberry.type
class AuditQuery:
    @field(public=True)
    async def placeholder_auditquery(self) -> bool:
        return True
