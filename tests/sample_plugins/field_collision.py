"""Defines a root field the core already has."""

import strawberry

from backoffice.sdk import GraphQLContribution, ModuleManifest, Text, field, hookimpl


@strawberry.type
class Query:
    @field(authenticated=True)
    async def tenant(self) -> str:
        return "mine"


@hookimpl
def register_module() -> ModuleManifest:
    return ModuleManifest(key="collider", name=Text("Collider", "Penabrak"),
                          description=Text("x", "x"))


@hookimpl
def register_graphql() -> GraphQLContribution:
    return GraphQLContribution(queries=(Query,))
