"""``POST /oauth/token``: the OAuth2 token endpoint (client-credentials grant)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, post

from backoffice.identity.edge import client_ip
from backoffice.identity.oauth_service import token_response


@post("/oauth/token", include_in_schema=False, status_code=200)
async def oauth_token(request: Request[Any, Any, Any]) -> Response[dict[str, Any]]:
    headers = {k.lower(): v for k, v in request.headers.items()}
    status, body = await token_response("POST", headers, await request.body(), client_ip(request.scope))
    response_headers = {"cache-control": "no-store", "pragma": "no-cache"}
    if status == 401:
        response_headers["www-authenticate"] = 'Basic realm="backoffice"'
    return Response(body, status_code=status, headers=response_headers)


def route_handlers() -> list[Any]:
    return [oauth_token]
