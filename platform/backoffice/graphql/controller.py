"""The ``/graphql`` endpoint: Strawberry's Litestar controller over the schema router."""

from __future__ import annotations

from typing import Any

from litestar import Request
from strawberry.http import GraphQLHTTPResponse
from strawberry.litestar import make_graphql_controller
from strawberry.types import ExecutionResult

from backoffice.graphql.context import Context
from backoffice.graphql.schema import SchemaRouter, format_error
from backoffice.identity.actor import Actor


async def context_getter(request: Request[Any, Any, Any]) -> Context:
    actor = request.scope.get("state", {}).get("actor") or Actor()
    return Context(actor=actor)


def graphql_controller(router: SchemaRouter) -> type:
    base = make_graphql_controller(
        router,  # type: ignore[arg-type]
        path="/graphql",
        context_getter=context_getter,
        graphql_ide="graphiql",
        allow_queries_via_get=True,
        multipart_uploads_enabled=False,
    )

    class GraphQLController(base):  # type: ignore[misc, valid-type]
        async def process_result(self, request: Any, result: ExecutionResult) -> GraphQLHTTPResponse:
            data: GraphQLHTTPResponse = {"data": result.data}
            if result.errors:
                data["errors"] = [format_error(e, router) for e in result.errors]
            if result.extensions:
                data["extensions"] = result.extensions
            return data

    return GraphQLController
