"""The ``/graphql`` endpoint: Strawberry's Litestar controller over the schema router."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response
from strawberry.http import GraphQLHTTPResponse
from strawberry.litestar import make_graphql_controller
from strawberry.types import ExecutionResult

from backoffice.graphql.context import Context
from backoffice.errors import ServiceUnavailable
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

        def create_response(self, response_data: Any, sub_response: Response[bytes]) -> Response[bytes]:
            # The database could not be reached: 503 and Retry-After, so that clients and load
            # balancers treat it as the brief outage it is.
            results = response_data if isinstance(response_data, list) else [response_data]
            if any((e.get("extensions") or {}).get("code") == ServiceUnavailable.code
                   for r in results for e in (r.get("errors") or [])):
                sub_response.status_code = 503
                sub_response.headers["Retry-After"] = str(ServiceUnavailable.retry_after)
                sub_response.headers["Cache-Control"] = "no-store"
            return super().create_response(response_data, sub_response)

    return GraphQLController
