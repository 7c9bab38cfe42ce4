"""The built web app is served at ``/``: files by name, the app's page for its own routes,
with its content security policy, and nothing outside the build directory."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from litestar import Litestar
from litestar.testing import TestClient

from backoffice import webapp
from backoffice.settings import Settings


def client_for(dist: Path) -> TestClient:
    settings = replace(Settings(), frontend_dist=str(dist))
    return TestClient(Litestar(route_handlers=webapp.route_handlers(settings)))


def build(tmp_path: Path) -> Path:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><div id=root></div>")
    (dist / "assets" / "index-abc123.js").write_text("console.log('app')")
    (dist / "favicon.svg").write_text("<svg/>")
    (tmp_path / "secret.txt").write_text("not for the web")
    return dist


def test_app_routes_answer_the_page_with_its_policy(tmp_path: Path) -> None:
    with client_for(build(tmp_path)) as client:
        for path in ("/", "/hr/employees", "/settings/users"):
            response = client.get(path)
            assert response.status_code == 200
            assert "id=root" in response.text
            assert response.headers["content-type"].startswith("text/html")
            assert response.headers["cache-control"] == "no-cache"
            csp = response.headers["content-security-policy"]
            assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp


def test_assets_have_their_type_and_a_long_cache(tmp_path: Path) -> None:
    with client_for(build(tmp_path)) as client:
        response = client.get("/assets/index-abc123.js")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(("text/javascript", "application/javascript"))
        assert "immutable" in response.headers["cache-control"]
        assert client.get("/favicon.svg").headers["content-type"].startswith("image/svg+xml")


def test_missing_files_and_escapes_are_not_found(tmp_path: Path) -> None:
    with client_for(build(tmp_path)) as client:
        assert client.get("/assets/missing.js").status_code == 404
        assert client.get("/robots.txt").status_code == 404
        for path in ("/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt"):
            response = client.get(path)
            assert "not for the web" not in response.text


def test_an_unbuilt_app_says_how_to_build_it(tmp_path: Path) -> None:
    with client_for(tmp_path / "nowhere") as client:
        response = client.get("/")
        assert response.status_code == 503
        assert "make run" in response.text
