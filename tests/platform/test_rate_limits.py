"""Query cost and rate limits, through the public endpoint: what a query costs, the largest
query the API runs, budgets per OAuth client, per user and per company, the headers and the
``rateLimit`` field, and HTTP 429 once a budget is used up."""

from __future__ import annotations

import dataclasses
import secrets
import time
from typing import Any

import pytest

from helpers import enable
from test_oauth import access_token, make_client

# A long window, so that no test straddles two windows (budgets are whole again in a new one).
WINDOW = 30 * 24 * 3600

RATE = "rateLimit { cost nodeCount limit used remaining resetAt tenantLimit tenantRemaining }"
NESTED = """query($runs: Int, $slips: Int) {
  payrollRuns(first: $runs) { totalCount nodes { id payslips(first: $slips) { nodes { id } } } }
  %s
}""" % RATE


@pytest.fixture
def limits(app):  # type: ignore[no-untyped-def]
    """Serve with other limits (as if set through the environment) for one test."""
    from backoffice.graphql.ratelimit import RateLimiter
    from backoffice.settings import get_settings

    original = app.state.rate_limiter
    # Counters of this test only (in Redis, budgets are kept under the deployment's namespace).
    namespace = f"{get_settings().arq_queue_name}:{secrets.token_hex(4)}"

    def use(**overrides: Any) -> Any:
        settings = dataclasses.replace(get_settings(), rate_limit_window_seconds=WINDOW,
                                       arq_queue_name=namespace, **overrides)
        app.state.rate_limiter = RateLimiter(settings)
        return app.state.rate_limiter

    yield use
    app.state.rate_limiter = original


async def post(api: Any, query: str, variables: dict[str, Any] | None = None,
               headers: dict[str, str] | None = None) -> Any:
    return await api.client.post("/graphql", json={"query": query, "variables": variables or {}},
                                 headers={**api.headers, **(headers or {})})


def bearer_of(access: str) -> dict[str, str]:
    return {"authorization": f"Bearer {access}"}


async def integration(company: Any, new_client: Any, scopes: list[str]) -> tuple[Any, dict[str, str]]:
    client, secret = await make_client(company, scopes, name=f"Client {time.time_ns()}")
    api = await new_client()
    return api, bearer_of(await access_token(api, client["clientId"], secret))


async def test_connections_cost_by_their_page_and_nested_ones_multiply(company):
    await enable(company.api, "hr")
    body = await company.api.gql(NESTED, {"runs": 30, "slips": 100})
    assert "errors" not in body, body
    # 30 runs + 30 × 100 payslips = 3,030 nodes: 31 points (one per 100 nodes, rounded up).
    assert body["extensions"]["cost"]["requestedNodes"] == 3030
    assert body["extensions"]["cost"]["requestedQueryCost"] == 31
    rate = body["data"]["rateLimit"]
    assert rate["cost"] == 31 and rate["nodeCount"] == 3030
    # Without first: the argument's default in the schema (payrollRuns 12, payslips 50).
    body = await company.api.gql(NESTED, {})
    assert body["data"]["rateLimit"]["nodeCount"] == 12 + 12 * 50
    # A fragment and an inline fragment are followed; a variable's default is used.
    fragments = """query($slips: Int = 10) { ...Runs }
    fragment Runs on Query { payrollRuns(first: 5) { edges { node {
      ... on PayrollRun { payslips(first: $slips) { totalCount } } } } } %s }""" % RATE
    body = await company.api.gql(fragments)
    assert "errors" not in body, body
    assert body["data"]["rateLimit"]["nodeCount"] == 5 + 5 * 10
    assert body["data"]["rateLimit"]["cost"] == 1
    # Scalars and plain objects are free: the minimum of one point.
    body = await company.api.gql("{ me { id email } tenant { slug } %s }" % RATE)
    assert body["data"]["rateLimit"]["cost"] == 1 and body["data"]["rateLimit"]["nodeCount"] == 0
    # @skip(if: true) costs nothing.
    skipped = await company.api.gql(
        "query($s: Boolean!) { users(first: 100) @skip(if: $s) { totalCount } %s }" % RATE,
        {"s": True})
    assert skipped["data"]["rateLimit"]["nodeCount"] == 0


async def test_mutations_have_a_base_cost(company):
    body = await company.api.gql("""mutation {
      a: createRole(input: {name: "Cost A", permissions: []}) { userErrors { code } }
      b: createRole(input: {name: "Cost B", permissions: []}) { userErrors { code } }
    }""")
    assert "errors" not in body, body
    assert body["extensions"]["cost"]["requestedQueryCost"] == 20
    assert body["extensions"]["cost"]["throttleStatus"]["used"] >= 20


async def test_a_query_over_the_largest_cost_is_refused_before_it_runs(company):
    await enable(company.api, "hr")
    # Two aliases of 100 runs × 100 payslips: 20,200 nodes, over the 20,000 allowed.
    query = """{ a: payrollRuns(first: 100) { nodes { payslips(first: 100) { nodes { id } } } }
                 b: payrollRuns(first: 100) { nodes { payslips(first: 100) { nodes { id } } } } }"""
    before = (await company.api.data("{ %s }" % RATE))["rateLimit"]["used"]
    response = await post(company.api, query)
    assert response.status_code == 200
    body = response.json()
    assert body["data"] is None
    error = body["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert error["extensions"]["requestedNodes"] == 20200
    assert error["extensions"]["maxNodes"] == 20000
    assert "20200 nodes" in error["message"]
    # Indonesian too.
    response = await post(company.api, query, headers={"accept-language": "id"})
    assert "terlalu banyak" in response.json()["errors"][0]["message"]
    # A refused query takes nothing from the budget.
    after = (await company.api.data("{ %s }" % RATE))["rateLimit"]
    assert after["used"] == before + 1


async def test_a_mutation_over_the_largest_cost_changes_nothing(company, limits):
    limits(graphql_max_cost=15)
    body = await company.api.gql("""mutation {
      a: createRole(input: {name: "Too costly A", permissions: []}) { role { id } }
      b: createRole(input: {name: "Too costly B", permissions: []}) { role { id } }
    }""")
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert body["errors"][0]["extensions"]["requestedQueryCost"] == 20
    roles = await company.api.data("{ roles(first: 100) { nodes { name } } }")
    names = {r["name"] for r in roles["roles"]["nodes"]}
    assert not names & {"Too costly A", "Too costly B"}
    # One mutation (10 points) is under the ceiling and runs.
    body = await company.api.gql(
        'mutation { createRole(input: {name: "Cheap", permissions: []}) { role { id } } }')
    assert "errors" not in body, body


async def test_budget_decreases_with_headers_and_field(company, limits):
    limiter = limits(rate_limit_user_points=100, rate_limit_tenant_points=1000)
    first = await post(company.api, "{ users(first: 100) { totalCount } %s }" % RATE)
    assert first.status_code == 200
    rate = first.json()["data"]["rateLimit"]
    assert rate == {**rate, "cost": 1, "limit": 100, "used": 1, "remaining": 99,
                    "tenantLimit": 1000, "tenantRemaining": 999}
    headers = first.headers
    assert headers["x-ratelimit-limit"] == "100"
    assert headers["x-ratelimit-remaining"] == "99"
    assert headers["x-ratelimit-used"] == "1"
    assert headers["x-ratelimit-resource"] == "graphql"
    reset = int(headers["x-ratelimit-reset"])
    assert time.time() < reset <= time.time() + WINDOW
    assert rate["resetAt"].startswith(time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(reset)))
    throttle = first.json()["extensions"]["cost"]["throttleStatus"]
    assert throttle["remaining"] == 99 and throttle["tenant"]["remaining"] == 999
    # 101 nodes: 2 points.
    second = await post(company.api, "{ users(first: 100) { totalCount } roles(first: 1) { totalCount } }")
    assert second.json()["extensions"]["cost"]["requestedQueryCost"] == 2
    assert second.headers["x-ratelimit-remaining"] == "97"
    assert second.headers["x-ratelimit-used"] == "3"
    assert limiter.backend == ("redis" if limiter.settings.redis_url else "memory")


async def test_over_budget_is_429_and_the_mutation_does_not_run(company, limits):
    limits(rate_limit_user_points=25)
    create = 'mutation($n: String!) { createRole(input: {name: $n, permissions: []}) { role { id } } }'
    assert (await post(company.api, create, {"n": "Within budget 1"})).status_code == 200
    assert (await post(company.api, create, {"n": "Within budget 2"})).status_code == 200
    # 20 of 25 points used: the third mutation (10) would go over.
    response = await post(company.api, create, {"n": "Over budget"})
    assert response.status_code == 429
    retry_after = int(response.headers["retry-after"])
    assert 0 < retry_after <= WINDOW
    assert response.headers["x-ratelimit-remaining"] == "5"
    body = response.json()
    assert body["data"] is None
    error = body["errors"][0]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert error["extensions"]["retry_after"] == retry_after
    assert "Try again in" in error["message"]
    indonesian = await post(company.api, create, {"n": "Over budget"}, {"accept-language": "id"})
    assert indonesian.status_code == 429
    assert "Coba lagi dalam" in indonesian.json()["errors"][0]["message"]
    # A cheaper query still fits what is left; then nothing does.
    small = await post(company.api, "{ roles(first: 100) { nodes { name } } }")
    assert small.status_code == 200
    names = {r["name"] for r in small.json()["data"]["roles"]["nodes"]}
    assert {"Within budget 1", "Within budget 2"} <= names and "Over budget" not in names
    for _ in range(4):
        assert (await post(company.api, "{ me { id } }")).status_code == 200
    assert (await post(company.api, "{ me { id } }")).status_code == 429


async def test_two_oauth_clients_have_separate_budgets(company, new_client, limits):
    limits(rate_limit_points=3, rate_limit_tenant_points=1000)
    one, one_auth = await integration(company, new_client, ["core.user.read"])
    two, two_auth = await integration(company, new_client, ["core.user.read"])
    for expected in (2, 1, 0):
        response = await post(one, "{ users { totalCount } }", headers=one_auth)
        assert response.status_code == 200, response.text
        assert response.headers["x-ratelimit-remaining"] == str(expected)
    refused = await post(one, "{ users { totalCount } }", headers=one_auth)
    assert refused.status_code == 429
    assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert refused.json()["errors"][0]["extensions"]["budget"] == "caller"
    # The second client's budget is untouched by the first client's use.
    response = await post(two, "{ users { totalCount } %s }" % RATE, headers=two_auth)
    assert response.status_code == 200, response.text
    rate = response.json()["data"]["rateLimit"]
    assert rate["limit"] == 3 and rate["remaining"] == 2
    # All count against their company: two clients made (10 points each), 3 + 1 queries.
    assert rate["tenantRemaining"] == 1000 - 24


async def test_one_company_cannot_use_up_another_companys_budget(company, other_company,
                                                                  new_client, limits):
    limits(rate_limit_points=1000, rate_limit_user_points=1000, rate_limit_tenant_points=25)
    # Making the client is a mutation of the company's owner: 10 points of the company's 25.
    client, auth = await integration(company, new_client, ["core.user.read"])
    for _ in range(15):
        assert (await post(client, "{ users { totalCount } }", headers=auth)).status_code == 200
    # The company's budget is used up: its client and its people are refused ...
    refused = await post(client, "{ users { totalCount } }", headers=auth)
    assert refused.status_code == 429
    assert refused.json()["errors"][0]["extensions"]["budget"] == "tenant"
    assert "company" in refused.json()["errors"][0]["message"]
    assert (await post(company.api, "{ me { id } }")).status_code == 429
    # ... while another company's is whole.
    response = await post(other_company.api, "{ %s }" % RATE)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["rateLimit"]["tenantRemaining"] == 24


async def test_anonymous_requests_are_counted_per_address(new_client, limits):
    limits(rate_limit_points=2)
    first, second = await new_client(), await new_client()
    for _ in range(2):
        assert (await post(first, "{ me { id } }")).status_code == 200
    refused = await post(first, "{ me { id } }")
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    response = await post(second, "{ me { id } }")
    assert response.status_code == 200
    assert response.headers["x-ratelimit-limit"] == "2"
    assert response.headers["x-ratelimit-remaining"] == "1"
    throttle = response.json()["extensions"]["cost"]["throttleStatus"]
    assert throttle["remaining"] == 1 and "tenant" not in throttle
    # The rateLimit field is for callers who are logged in or hold a token.
    body = (await post(second, "{ %s }" % RATE)).json()
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_counters_are_shared_through_redis_and_kept_in_memory_without_it(company, limits):
    from backoffice.settings import get_settings

    settings = get_settings()
    limiter = limits(rate_limit_user_points=50)
    assert limiter.backend == ("redis" if settings.redis_url else "memory")
    assert (await post(company.api, "{ me { id } }")).status_code == 200
    # A second API process: a limiter of its own (same settings, its own memory).
    limits(rate_limit_user_points=50)
    used = (await post(company.api, "{ %s }" % RATE)).json()["data"]["rateLimit"]["used"]
    if not settings.redis_url:
        assert used == 1  # each process counts for itself
        return
    assert used == 2  # the count lives in Redis, shared by every process
    import redis.asyncio as redis

    connection = redis.Redis.from_url(settings.redis_url)
    try:
        keys = [k.decode() async for k in connection.scan_iter(
            match=f"{limiter.settings.arq_queue_name}:ratelimit:tenant:*:user:*")]
        values = {k: int(await connection.get(k)) for k in keys}
        assert 2 in values.values(), values
        for key in keys:
            assert 0 < await connection.ttl(key) <= WINDOW + 5
    finally:
        await connection.aclose()


async def test_the_chosen_operation_and_its_variables_are_what_costs(company):
    await enable(company.api, "hr")
    document = """query Small { users(first: 1) { totalCount } }
    query Large($n: Int!) { payrollRuns(first: $n) { nodes { payslips(first: 100) { totalCount } } } }"""
    small = await company.api.client.post("/graphql", json={
        "query": document, "operationName": "Small"})
    assert small.json()["extensions"]["cost"]["requestedNodes"] == 1
    large = await company.api.client.post("/graphql", json={
        "query": document, "operationName": "Large", "variables": {"n": 40}})
    assert large.json()["extensions"]["cost"]["requestedNodes"] == 40 + 40 * 100
    assert large.json()["extensions"]["cost"]["requestedQueryCost"] == 41
    # The same document with a larger variable goes over the largest cost.
    refused = await company.api.client.post("/graphql", json={
        "query": document, "operationName": "Large", "variables": {"n": 200}})
    assert refused.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"


async def test_queries_sent_with_get_are_charged_too(company, limits):
    limits(rate_limit_user_points=10)
    response = await company.api.client.get("/graphql", params={"query": "{ me { id } }"},
                                            headers={"accept": "application/json"})
    assert response.status_code == 200, response.text
    assert response.headers["x-ratelimit-used"] == "1"
    assert response.headers["x-ratelimit-remaining"] == "9"


async def test_an_operation_dearer_than_a_whole_budget_is_too_costly_not_rate_limited(
        company, limits):
    limits(rate_limit_user_points=15)
    response = await post(company.api, """mutation {
      a: createRole(input: {name: "Never fits A", permissions: []}) { role { id } }
      b: createRole(input: {name: "Never fits B", permissions: []}) { role { id } } }""")
    # Waiting would not help: refused as too costly (HTTP 200), with the budget as the ceiling.
    assert response.status_code == 200
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert error["extensions"]["maxCost"] == 15 and error["extensions"]["requestedQueryCost"] == 20
    used = (await company.api.data("{ %s }" % RATE))["rateLimit"]["used"]
    assert used == 1  # the refused mutation took nothing


async def test_without_a_reachable_redis_the_process_counts_in_memory(company, limits, caplog):
    # Nothing listens on port 1: every Redis call fails at once.
    limiter = limits(redis_url="redis://127.0.0.1:1/0", rate_limit_user_points=2)
    assert limiter.backend == "redis"
    for _ in range(2):
        assert (await post(company.api, "{ me { id } }")).status_code == 200
    assert (await post(company.api, "{ me { id } }")).status_code == 429
    assert "fall back to process memory" in caplog.text
    await limiter.close()
