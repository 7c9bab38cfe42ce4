"""A root field with no permission: refused at start-up (deny by default)."""

import strawberry

from backoffice.sdk import GraphQLContribution, ModuleManifest, Text, hookimpl


@strawberry.type
class Query:
    @strawberry.field
    async def open_secrets(self) -> str:
        return "everything"


@hookimpl
def register_module() -> ModuleManifest:
    return ModuleManifest(key="leaky", name=Text("Leaky", "Bocor"), description=Text("x", "x"))


@hookimpl
def register_graphql() -> GraphQLContribution:
    return GraphQLContribution(queries=(Query,))
