"""Being written: replace this placeholder entirely."""

import strawberry

from backoffice.graphql.fields import field


@strawberry.type
class JobQuery:
    @field(public=True)
    async def placeholder_jobquery(self) -> bool:
        return True
