"""Fuzzing the API with schemathesis: every query and mutation of the full GraphQL schema (all
modules), with arguments generated from the schema, and every plain HTTP route described in
docs/api/openapi.yaml, against a real server over HTTP.

The server runs as ``backoffice serve`` on loopback over the suite's database, with the demo
company seeded into it. Operations run as an OAuth client of that company holding every
permission, and again (fewer examples) without any credentials. Ids are drawn from the demo
company's real records as well as from arbitrary strings, so mutations reach real rows instead
of stopping at "not found".

What must hold for every generated request: no 5xx answer, a JSON body, and every GraphQL
error carries a stable ``extensions.code`` other than ``INTERNAL_SERVER_ERROR`` and no
traceback. Domain errors (``NOT_FOUND``, ``BAD_USER_INPUT``, ``FORBIDDEN`` ...) are the
expected outcome of random input, not failures.

``BACKOFFICE_FUZZ_EXAMPLES`` sets the examples per operation (default 8; a quarter of that
without credentials); raise it for a longer hunt. ``FUZZ_TRACE=path`` appends every request
and answer to a JSON Lines file. The cases are the same on every run unless
``BACKOFFICE_FUZZ_RANDOM=1``, which draws new ones.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from graphql import build_client_schema, get_introspection_query
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.graphql import nodes

from helpers import Api

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "isolation"))
import walk  # noqa: E402

TRACE = os.environ.get("FUZZ_TRACE")
# The same generated cases on every run by default, so that `make test` is repeatable;
# BACKOFFICE_FUZZ_RANDOM=1 draws new ones (a hunt).
DERANDOMIZE = os.environ.get("BACKOFFICE_FUZZ_RANDOM") != "1"
EXAMPLES = int(os.environ.get("BACKOFFICE_FUZZ_EXAMPLES", "8"))

# Operations that would end the fuzzing run's own access, or take away the schema it fuzzes:
# revoking the fuzzer's OAuth client and switching a module off. Both have their own tests
# (platform/test_oauth.py, platform/test_modules.py).
EXCLUDED = ["Mutation.revokeOAuthClient", "Mutation.disableModule"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _seed_demo(email: str, password: str, name: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "backoffice.cli", "seed-demo", "--email", email, "--password",
         password, "--name", name], capture_output=True, text=True, env=os.environ.copy(),
        timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


class Target:
    def __init__(self, base: str, token: str, ids: list[str]) -> None:
        self.base, self.token, self.ids = base, token, ids
        self.auth = {"Authorization": f"Bearer {token}"}


async def _prepare(base: str, email: str, password: str) -> Target:
    """Log in as the demo owner, collect the ids the company sees, and make an OAuth client
    holding every permission the owner holds."""
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        api = Api(client)
        body = await api.data(
            """mutation($i: LogInInput!) { logIn(input: $i) { userErrors { code message } } }""",
            {"i": {"email": email, "password": password}})
        assert body["logIn"]["userErrors"] == [], body
        permissions = (await api.data("{ me { permissions } }"))["me"]["permissions"]
        introspection = await api.data(get_introspection_query())
        harvest = await _harvest(api, build_client_schema(introspection))
        created = (await api.data(
            """mutation($i: CreateOAuthClientInput!) { createOAuthClient(input: $i) {
                 oauthClient { clientId } clientSecret userErrors { code message } } }""",
            {"i": {"name": "Fuzzer", "scopes": permissions}}))["createOAuthClient"]
        assert created["userErrors"] == [], created
        grant = await client.post("/oauth/token", data={
            "grant_type": "client_credentials", "client_id": created["oauthClient"]["clientId"],
            "client_secret": created["clientSecret"]})
        assert grant.status_code == 200, grant.text
    ids = sorted({i for values in harvest.values() for i in values})
    assert len(ids) > 50, f"the demo company should offer many ids to fuzz with, got {len(ids)}"
    return Target(base, grant.json()["access_token"], ids)


async def _harvest(api: Api, schema: Any) -> dict[str, set[str]]:
    """Every global id reachable through root list fields without required arguments."""
    ids: dict[str, set[str]] = {}
    query = schema.query_type
    for name, f in sorted(query.fields.items()):
        if walk.required_args(f) or not isinstance(walk.named(f.type), type(query)):
            continue
        text, variables = walk.operation("query", name, f, {"first": 50} if "first" in f.args else {})
        body = await walk.post(api, text, variables)
        data = (body.get("data") or {}).get(name)
        if data is not None:
            walk.collect_ids(data, ids)
    return ids


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    tag = secrets.token_hex(4)
    email, password = f"fuzz-{tag}@example.com", "fuzz-password-" + tag
    _seed_demo(email, password, f"Fuzz {tag}")
    port = _free_port()
    log_path = tmp_path_factory.mktemp("fuzz") / "serve.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [sys.executable, "-m", "backoffice.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env={**os.environ, "LOG_LEVEL": "WARNING"}, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None and time.monotonic() < deadline, log_path.read_text()
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        found = asyncio.run(_prepare(base, email, password))
        # Arbitrary strings and the company's real ids (and ids of other types' shape).
        schemathesis.graphql.scalar("ID", st.one_of(
            st.sampled_from(found.ids), st.text(max_size=40)).map(nodes.String))
        yield found
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    server_log = log_path.read_text()
    assert "Traceback" not in server_log, server_log[-5000:]


_DATE = st.dates().map(lambda d: nodes.String(d.isoformat()))
_DATETIME = st.datetimes().map(lambda d: nodes.String(d.isoformat() + "Z"))
_DECIMAL = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**15, max_value=10**15),
    st.decimals(allow_nan=True, allow_infinity=True)).map(lambda d: nodes.String(str(d)))
schemathesis.graphql.scalar("Date", st.one_of(_DATE, st.text(max_size=12).map(nodes.String)))
schemathesis.graphql.scalar("DateTime", st.one_of(_DATETIME, st.text(max_size=12).map(nodes.String)))
schemathesis.graphql.scalar("Decimal", st.one_of(_DECIMAL, st.text(max_size=12).map(nodes.String)))
schemathesis.graphql.scalar("JSON", st.text(max_size=20).map(nodes.String))


OUTCOMES: Counter[str] = Counter()


def check_response(response: Any) -> None:
    errors = response.json().get("errors") if response.status_code < 500 else None
    OUTCOMES[(errors[0].get("extensions") or {}).get("code", "?") if errors else "ok"] += 1
    assert response.status_code < 500, f"{response.status_code}: {response.text[:2000]}"
    body = response.json()
    assert isinstance(body, dict) and ("data" in body or "errors" in body), body
    for error in body.get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        assert code, f"an error without extensions.code: {error}"
        assert code != "INTERNAL_SERVER_ERROR", f"unhandled exception on the server: {error}"
        assert "Traceback" not in error.get("message", ""), error


# Without credentials only the public operations run (logIn, signUp, password reset ...):
# random input to them ends as one of these, or as RATE_LIMITED once the log-in throttle has
# seen enough failed attempts from the address.
ANONYMOUS_CODES = {"UNAUTHENTICATED", "MODULE_DISABLED", "GRAPHQL_VALIDATION_FAILED",
                   "BAD_USER_INPUT", "QUERY_TOO_COMPLEX", "QUERY_TOO_COSTLY", "NOT_FOUND",
                   "FORBIDDEN", "RATE_LIMITED", "CONFLICT"}


def check_anonymous(response: Any) -> None:
    check_response(response)
    for error in response.json().get("errors") or []:
        assert error["extensions"]["code"] in ANONYMOUS_CODES, error


def fuzz(schema: Any, examples: int, headers: dict[str, str], check: Any) -> tuple[int, list[str]]:
    """Run every operation of ``schema`` with ``examples`` generated cases each; returns the
    number of operations and one failure line per failing operation (Hypothesis shrinks each to
    its smallest failing case)."""
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.label in EXCLUDED:
            continue
        operations += 1

        @settings(derandomize=DERANDOMIZE, max_examples=examples, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck),
                  phases=[Phase.explicit, Phase.generate, Phase.shrink])
        @given(case=operation.as_strategy())
        def run(case: Any) -> None:
            try:
                response = case.call(timeout=120, headers=headers)
                if TRACE:
                    with open(TRACE, "a") as out:
                        out.write(json.dumps({"op": case.operation.label, "query": case.body,
                                              "status": response.status_code,
                                              "body": response.text[:3000]}) + "\n")
                check(response)
            except AssertionError as exc:
                raise AssertionError(f"{exc}\nquery: {case.body}") from None

        try:
            run()
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - failures come wrapped
            failures.append(f"{operation.label}: {type(exc).__name__}: {exc}")
    return operations, failures


def test_every_operation_as_a_client_holding_every_permission(target: Target):
    schema = schemathesis.graphql.from_url(f"{target.base}/graphql", headers=target.auth)
    operations, failures = fuzz(schema, EXAMPLES, target.auth, check_response)
    assert operations > 300, operations
    print(f"\n{operations} operations, {sum(OUTCOMES.values())} requests: {OUTCOMES.most_common()}")
    assert OUTCOMES["ok"] > operations, "most operations should succeed with generated input"
    assert not failures, "\n\n".join(failures)


def test_every_operation_without_credentials(target: Target):
    # Introspect with the token to get every module's operations; send them without it (the
    # schema of a request without a company is the core's, so module fields are refused).
    schema = schemathesis.graphql.from_url(f"{target.base}/graphql", headers=target.auth)
    operations, failures = fuzz(schema, max(1, EXAMPLES // 4), {}, check_anonymous)
    assert operations > 300, operations
    assert not failures, "\n\n".join(failures)


OPENAPI = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.yaml"


def test_every_http_route_answers_as_documented(target: Target):
    """The routes outside GraphQL (OAuth, bulk files, probes), from docs/api/openapi.yaml, with
    valid and invalid input: no 5xx, and status codes, content types and JSON bodies as the
    document says."""
    import yaml
    from hypothesis.errors import Unsatisfiable
    from schemathesis.checks import not_a_server_error
    from schemathesis.generation import GenerationMode
    from schemathesis.specs.openapi.checks import (content_type_conformance,
                                                    response_schema_conformance,
                                                    status_code_conformance)

    schema = schemathesis.openapi.from_dict(yaml.safe_load(OPENAPI.read_text()))
    checks = [not_a_server_error, status_code_conformance, content_type_conformance,
              response_schema_conformance]
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(derandomize=DERANDOMIZE, max_examples=EXAMPLES * 4, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck),
                      phases=[Phase.explicit, Phase.generate, Phase.shrink])
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case: Any) -> None:
                case.call_and_validate(base_url=target.base, checks=checks, timeout=60,
                                       allow_redirects=False)

            try:
                run()
            except Unsatisfiable:
                # Nothing to make invalid: a route without parameters or body (the probes),
                # or a path parameter that is any string.
                assert mode is GenerationMode.NEGATIVE, operation.label
            except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - failures come wrapped
                failures.append(f"{operation.label} ({mode.value}): {type(exc).__name__}: {exc}")
    assert operations >= 8, operations
    assert not failures, "\n\n".join(failures)
