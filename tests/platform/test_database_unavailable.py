"""The database unreachable: HTTP 503, ``Retry-After`` and ``SERVICE_UNAVAILABLE``, no trace.

In-process, on both backends: every query the app sends fails as a connection lost under it
does on PostgreSQL (asyncpg's ``ConnectionDoesNotExistError``). The real outage, a PostgreSQL
stopped and started again under load, is tests/faults/test_postgres_restart.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from helpers import LOG_IN, PASSWORD

ME = "query { me { email } }"


@pytest.fixture
def database_down(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from asyncpg.exceptions import ConnectionDoesNotExistError

    from backoffice.runtime import get_engine

    async def lost(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionDoesNotExistError("connection was closed in the middle of operation")

    engine = get_engine()
    monkeypatch.setattr(type(engine), "run_querystring", lost)
    monkeypatch.setattr(type(engine), "run_ddl", lost)
    yield
    monkeypatch.undo()


def _assert_unavailable(response: Any, expected: str) -> dict[str, Any]:
    assert response.status_code == 503, response.text
    assert int(response.headers["retry-after"]) > 0
    assert "Traceback" not in response.text and "asyncpg" not in response.text, response.text
    body = response.json()
    errors = body["errors"]
    assert [e["extensions"]["code"] for e in errors] == ["SERVICE_UNAVAILABLE"], body
    assert expected in errors[0]["message"], errors
    return body


async def test_graphql_answers_503_while_the_database_is_unreachable(company, new_client, database_down):
    # Logged in: the session is read at the edge, before any resolver.
    response = await company.api.client.post("/graphql", json={"query": ME})
    _assert_unavailable(response, "try again")
    # Anonymous: the resolver reads the database; the message is in the request's language.
    anonymous = await new_client()
    response = await anonymous.client.post(
        "/graphql", headers={"accept-language": "id"},
        json={"query": LOG_IN, "variables": {"input": {"email": company.email, "password": PASSWORD}}})
    body = _assert_unavailable(response, "coba lagi")
    assert body["data"] is None


async def test_plain_http_routes_answer_503_and_ready_says_so(company, new_client, database_down):
    anonymous = await new_client()
    response = await anonymous.client.post("/oauth/token", data={
        "grant_type": "client_credentials", "client_id": "bo_nobody", "client_secret": "x"})
    assert response.status_code == 503 and int(response.headers["retry-after"]) > 0, response.text
    assert response.json()["code"] == "SERVICE_UNAVAILABLE" and "Traceback" not in response.text
    assert (await anonymous.client.get("/health")).status_code == 200
    ready = await anonymous.client.get("/ready")
    assert ready.status_code == 503 and ready.json()["failing"][0].startswith("database"), ready.text


async def test_serving_again_once_the_database_answers(company, monkeypatch):
    from asyncpg.exceptions import ConnectionDoesNotExistError

    from backoffice.runtime import get_engine

    async def lost(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionDoesNotExistError("connection was closed in the middle of operation")

    engine = get_engine()
    monkeypatch.setattr(type(engine), "run_querystring", lost)
    response = await company.api.client.post("/graphql", json={"query": ME})
    assert response.status_code == 503, response.text
    monkeypatch.undo()
    assert (await company.api.data(ME))["me"]["email"] == company.email
