"""Defines a GraphQL type whose name the core already uses."""

import strawberry

from backoffice.sdk import GraphQLContribution, ModuleManifest, Text, field, hookimpl


@strawberry.type(name="Tenant")
class FakeTenant:
    name: str


@strawberry.type
class Query:
    @field(authenticated=True)
    async def fake_tenant(self) -> FakeTenant:
        return FakeTenant(name="x")


@hookimpl
def register_module() -> ModuleManifest:
    return ModuleManifest(key="typeclash", name=Text("Clash", "Bentrok"), description=Text("x", "x"))


@hookimpl
def register_graphql() -> GraphQLContribution:
    return GraphQLContribution(queries=(Query,))
