"""Being written: replace this placeholder entirely."""

import strawberry

from backoffice.graphql.fields import field


@strawberry.type
class AdminQuery:
    @field(public=True)
    async def placeholder_adminquery(self) -> bool:
        return True


@strawberry.type
class AdminMutation:
    @field(public=True)
    async def placeholder_adminmutation(self) -> bool:
        return True
