"""The web app: Litestar serves the built single-page app (``frontend/dist``) at ``/``.

Files under ``assets/`` carry a content hash in their names and are cached for a year; any
other path that is not a file answers ``index.html`` so that the app's own router can show it
(``/hr/employees`` after a reload). The app talks to ``/graphql`` only.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from litestar import MediaType, Response, get
from litestar.response import File

from backoffice.settings import Settings

# The app's own content security policy: scripts and styles from this origin only (Mantine
# writes its theme as inline style attributes, hence 'unsafe-inline' for styles, never scripts).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
       "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'")

NOT_BUILT = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Backoffice</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 4rem auto">
<h1>Backoffice</h1><p>The web app has not been built. Run <code>make run</code>, or
<code>cd frontend &amp;&amp; npm ci &amp;&amp; npm run build</code>, then reload this page.</p>
<p>The GraphQL API is at <a href="/graphql">/graphql</a>.</p></body></html>"""


def default_dist() -> Path:
    # platform/backoffice/webapp.py -> the repository's frontend/dist
    return Path(__file__).resolve().parents[2] / "frontend" / "dist"


def route_handlers(settings: Settings) -> list[Any]:
    dist = (Path(settings.frontend_dist) if settings.frontend_dist else default_dist()).resolve()
    headers = {"content-security-policy": CSP}

    def index() -> Response[Any]:
        page = dist / "index.html"
        if not page.is_file():
            return Response(NOT_BUILT, media_type=MediaType.HTML, status_code=503,
                            headers={**headers, "cache-control": "no-store"})
        return Response(page.read_bytes(), media_type=MediaType.HTML,
                        headers={**headers, "cache-control": "no-cache"})

    @get("/", include_in_schema=False, sync_to_thread=False)
    def root() -> Response[Any]:
        return index()

    @get("/{path:path}", include_in_schema=False, sync_to_thread=False)
    def app_path(path: str) -> Any:
        relative = path.lstrip("/")
        if relative.startswith(("graphql", "oauth/", "health")):
            return Response({"detail": "Not found"}, status_code=404)
        candidate = (dist / relative).resolve()
        if candidate.is_file() and candidate.is_relative_to(dist):
            cache = ("public, max-age=31536000, immutable" if relative.startswith("assets/")
                     else "no-cache")
            media_type = mimetypes.guess_type(candidate.name)[0] or "application/octet-stream"
            return File(candidate, content_disposition_type="inline", media_type=media_type,
                        headers={**headers, "cache-control": cache})
        if relative.startswith("assets/") or "." in relative.rsplit("/", 1)[-1]:
            return Response({"detail": "Not found"}, status_code=404)
        return index()

    return [root, app_path]
