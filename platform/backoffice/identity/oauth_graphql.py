"""Being written: replace this placeholder entirely."""

import strawberry

from backoffice.graphql.fields import field


@strawberry.type
class OAuthQuery:
    @field(public=True)
    async def placeholder_oauthquery(self) -> bool:
        return True


@strawberry.type
class OAuthMutation:
    @field(public=True)
    async def placeholder_oauthmutation(self) -> bool:
        return True
