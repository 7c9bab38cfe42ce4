"""``POST /oauth/token``: the OAuth2 token endpoint (client credentials, RFC 6749 §4.4; the
authorization code and refresh token grants are answered by ``oauth_apps``).

The Litestar side only: the request adapter that turns a Litestar request into authlib's
framework-neutral :class:`OAuth2Request`, and the response adapter back. The grant itself,
client authentication and throttling live in :mod:`backoffice.identity.oauth_service`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from authlib.oauth2.rfc6749 import OAuth2Request
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from litestar import Request, Response, post

from backoffice.identity import oauth_service
from backoffice.identity.edge import client_ip
from backoffice.settings import get_settings

FORM_TYPE = "application/x-www-form-urlencoded"


class Headers(dict[str, str]):
    """Header look-ups that ignore case, as HTTP does (authlib asks for "Authorization")."""

    def __init__(self, headers: dict[str, str]) -> None:
        super().__init__({k.lower(): v for k, v in headers.items()})

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        return super().get(key.lower(), default)

    def __getitem__(self, key: str) -> str:
        return super().__getitem__(key.lower())

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and super().__contains__(key.lower())


class FormRequest(OAuth2Request):
    """A token request with its parsed form body, as authlib's own framework adapters give it."""

    def __init__(self, uri: str, headers: Headers, form: dict[str, str]) -> None:
        super().__init__("POST", uri, headers=headers)
        self._form = form
        self.payload = BasicOAuth2Payload(form)

    @property
    def form(self) -> dict[str, str]:
        return self._form

    @property
    def args(self) -> dict[str, str]:
        return {}


def _token_uri() -> str:
    uri = get_settings().base_url.rstrip("/") + "/oauth/token"
    # authlib refuses plain http URIs. TLS ends at the proxy in production and development
    # runs on loopback; authlib uses the URI for nothing but error links.
    return uri if uri.startswith("https://") else "https://" + uri.split("://", 1)[-1]


def parse_form(content_type: str, body: bytes) -> tuple[dict[str, str] | None, str]:
    """The form parameters, or ``None`` and why the request is malformed (RFC 6749 §3.2:
    form-encoded, and no parameter more than once)."""
    if content_type.split(";", 1)[0].strip().lower() != FORM_TYPE:
        return None, f"The request body must be {FORM_TYPE}."
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
    except UnicodeDecodeError:
        return None, "The request body must be UTF-8."
    form: dict[str, str] = {}
    for key, value in pairs:
        if key in form:
            return None, f"The parameter {key!r} is repeated."
        if "\x00" in key or "\x00" in value:
            return None, "The request contains a NUL character."
        form[key] = value
    return form, ""


@post("/oauth/token", include_in_schema=False, status_code=200)
async def oauth_token(request: Request[Any, Any, Any]) -> Response[dict[str, Any]]:
    headers = Headers(dict(request.headers.items()))
    form, problem = parse_form(headers.get("content-type", ""), await request.body())
    if form is None:
        status, body, extra = oauth_service.invalid_request(problem)
    else:
        oauth_request = FormRequest(_token_uri(), headers, form)
        status, body, extra = await oauth_service.token_response(oauth_request, client_ip(request.scope))
    # Tokens and errors alike must never be cached (RFC 6749 §5.1).
    response_headers = {"cache-control": "no-store", "pragma": "no-cache"}
    response_headers.update({k.lower(): v for k, v in extra})
    return Response(body, status_code=status, headers=response_headers, media_type="application/json")


def route_handlers() -> list[Any]:
    # The authorization page and token revocation (authorization-code grant) live beside.
    from backoffice.identity import oauth_authorize_http  # noqa: PLC0415

    return [oauth_token, *oauth_authorize_http.route_handlers()]
