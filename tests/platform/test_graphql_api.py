"""The GraphQL endpoint's protections: errors with stable codes, limits, no mutations over GET,
no stack traces, JSON only (which also keeps cross-site form posts out)."""

from __future__ import annotations

from graphql import GraphQLError

from backoffice.errors import NotFound
from backoffice.graphql.schema import format_error


async def test_health(api):
    response = await api.client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_security_headers(api):
    response = await api.client.get("/health")
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_graphiql_is_served_to_browsers(api):
    response = await api.client.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_unknown_field_is_a_validation_error_without_suggestions(company):
    body = await company.api.gql("{ tenat { slug } }")
    error = body["errors"][0]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "Did you mean" not in error["message"]


async def test_syntax_error_has_its_own_code(api):
    assert await api.error_code("{ me { email ") == "GRAPHQL_PARSE_FAILED"


async def test_wrong_variable_type_is_bad_user_input(api):
    code = await api.error_code("mutation($i: LogInInput!) { logIn(input: $i) { me { email } } }",
                                {"i": {"email": 5}})
    assert code == "BAD_USER_INPUT"


async def test_anonymous_is_unauthenticated(api):
    assert await api.error_code("{ tenant { slug } }") == "UNAUTHENTICATED"


async def test_too_many_aliases_are_refused(company):
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(40)) + " }"
    assert await company.api.error_code(query) == "QUERY_TOO_COMPLEX"


async def test_aliases_hidden_in_fragments_still_count(company):
    fragment = "fragment F on Query { " + " ".join(f"b{i}: __typename" for i in range(40)) + " }"
    assert await company.api.error_code("{ ...F } " + fragment) == "QUERY_TOO_COMPLEX"


async def test_too_deep_queries_are_refused(company):
    inner = "key"
    for _ in range(14):
        inner = f"children {{ {inner} }}"
    query = "{ uiMetadata { navigation { " + inner + " } } }"
    assert await company.api.error_code(query) == "QUERY_TOO_COMPLEX"


async def test_huge_documents_are_refused(company):
    query = "{ " + " ".join("__typename" for _ in range(5000)) + " }"
    assert await company.api.error_code(query) == "QUERY_TOO_COMPLEX"


async def test_mutations_are_refused_over_get(company):
    response = await company.api.client.get(
        "/graphql", params={"query": 'mutation { updateTenant(input: {name: "Hacked"}) { tenant { name } } }'})
    assert response.status_code in (400, 405)
    name = (await company.api.data("{ tenant { name } }"))["tenant"]["name"]
    assert name == company.name


async def test_queries_work_over_get(company):
    response = await company.api.client.get("/graphql", params={"query": "{ tenant { slug } }"})
    assert response.status_code == 200
    assert response.json()["data"]["tenant"]["slug"] == company.slug


async def test_form_posts_are_refused(company):
    """A cross-site form can send a cookie but not a JSON body: nothing happens."""
    for content_type, body in (
        ("application/x-www-form-urlencoded", 'query=mutation{updateTenant(input:{name:"X"}){tenant{name}}}'),
        ("text/plain", '{"query": "mutation { updateTenant(input: {name: \\"X\\"}) { tenant { name } } }"}'),
    ):
        response = await company.api.client.post("/graphql", content=body,
                                                 headers={"content-type": content_type})
        assert response.status_code in (400, 415), (content_type, response.status_code)
    name = (await company.api.data("{ tenant { name } }"))["tenant"]["name"]
    assert name == company.name


async def test_malformed_json_is_a_client_error(api):
    response = await api.client.post("/graphql", content="{not json",
                                      headers={"content-type": "application/json"})
    assert 400 <= response.status_code < 500
    assert "Traceback" not in response.text


def test_unexpected_errors_are_masked():
    error = GraphQLError("boom", original_error=RuntimeError("password=hunter2 at db.py:12"))
    formatted = format_error(error)
    assert formatted["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    assert "hunter2" not in str(formatted)


def test_domain_errors_keep_their_code_and_message():
    formatted = format_error(GraphQLError("x", original_error=NotFound()))
    assert formatted == {"message": "Not found.", "extensions": {"code": "NOT_FOUND"}}


async def test_failed_mutation_changes_nothing(company):
    body = await company.api.data(
        'mutation { updateTenant(input: {name: "Renamed", baseCurrency: "RUPIAH"}) '
        "{ tenant { name } userErrors { field code } } }")
    assert body["updateTenant"]["userErrors"] == [{"field": ["input", "baseCurrency"],
                                                   "code": "BAD_USER_INPUT"}]
    name = (await company.api.data("{ tenant { name } }"))["tenant"]["name"]
    assert name == company.name


async def test_text_the_database_cannot_store_is_a_bad_input(company):
    """A NUL character (found by the fuzzer): PostgreSQL refuses it in text, SQLite keeps it.
    Either way the answer is never an internal error, and a refused change changes nothing."""
    body = await company.api.gql(
        "mutation($n: String!) { updateTenant(input: {name: $n}) { tenant { name } } }",
        {"n": "Nul\x00Company"}, headers={"accept-language": "id"})
    name = (await company.api.data("{ tenant { name } }"))["tenant"]["name"]
    if body.get("errors"):
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", body
        assert "karakter NUL" in body["errors"][0]["message"]
        assert name == company.name
    else:
        assert name == "Nul\x00Company"


async def test_indonesian_error_messages(company):
    body = await company.api.gql("{ tenant { slug } }", headers={"accept-language": "id"})
    assert body["data"]["tenant"]["slug"] == company.slug
    anon = await company.api.client.post(
        "/graphql", json={"query": "{ tenant { slug } }"},
        headers={"accept-language": "id", "cookie": ""})
    assert anon.json()["errors"][0]["message"] == "Anda perlu masuk terlebih dahulu."


def test_production_responses_carry_hsts(monkeypatch):
    import asyncio

    from backoffice import app as app_module

    class Production:
        is_production = True

    async def answer(scope, receive, send):  # type: ignore[no-untyped-def]
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    sent: list[dict] = []

    async def send(message):  # type: ignore[no-untyped-def]
        sent.append(message)

    for production, expected in ((True, True), (False, False)):
        monkeypatch.setattr(app_module, "get_settings", (lambda: Production()) if production
                            else (lambda: type("Development", (), {"is_production": False})()))
        sent.clear()
        asyncio.run(app_module.security_headers(answer)({"type": "http"}, None, send))
        headers = dict(sent[0]["headers"])
        assert (b"strict-transport-security" in headers) is expected
        assert headers[b"x-frame-options"] == b"DENY"
