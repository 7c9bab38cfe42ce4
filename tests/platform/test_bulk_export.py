"""Bulk export: a query over a whole connection runs as a job, writes JSON Lines, reports
progress and hands back a signed, short-lived download link; the query runs as the caller,
field permissions included; operations and links never cross companies."""

from __future__ import annotations

import json
import secrets
import time
from typing import Any
from urllib.parse import urlparse

import pytest

from helpers import add_member, enable, eventually

RUN = """mutation($q: String!) { runBulkQuery(input: {query: $q}) {
  bulkOperation { id status rootField objectCount progress createdAt }
  userErrors { field message code } } }"""
GET = """query($id: ID!) { bulkOperation(id: $id) { id status objectCount rootObjectCount progress
  errorCode errorMessage createdAt completedAt url urlExpiresAt rootField fileSize } }"""
LIST = "{ bulkOperations(first: 10) { totalCount nodes { id status } } }"
CANCEL = """mutation($id: ID!) { cancelBulkOperation(input: {id: $id}) {
  bulkOperation { id status } userErrors { code field } } }"""
FINISHED = {"COMPLETED", "FAILED", "CANCELED"}


@pytest.fixture(scope="module", autouse=True)
async def job_worker(app):  # type: ignore[no-untyped-def]
    """With Redis configured, jobs go to arq: run a worker in this event loop meanwhile."""
    from backoffice.jobs import worker
    from backoffice.settings import get_settings

    if not get_settings().redis_url:
        yield None
        return
    async with worker.embedded(get_settings()) as running:
        yield running


def tenant_of(company: Any) -> int:
    from backoffice.graphql.ids import decode_id

    return decode_id(company.tenant_id, "Tenant")


async def start(api: Any, query: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    payload = (await api.data(RUN, {"q": query}, headers))["runBulkQuery"]
    assert payload["userErrors"] == [], payload
    assert payload["bulkOperation"]["status"] in ("CREATED", "RUNNING", "COMPLETED")
    return payload["bulkOperation"]


async def finished(api: Any, operation_id: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    async def check() -> dict[str, Any] | None:
        operation = (await api.data(GET, {"id": operation_id}, headers))["bulkOperation"]
        return operation if operation["status"] in FINISHED else None

    return await eventually(check)


async def download(api: Any, url: str) -> Any:
    return await api.client.get(urlparse(url).path)


async def lines_of(api: Any, operation: dict[str, Any]) -> list[dict[str, Any]]:
    assert operation["status"] == "COMPLETED", operation
    response = await download(api, operation["url"])
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/jsonl")
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.headers["x-content-type-options"] == "nosniff"
    text = response.text
    assert text == "" or text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


async def add_people(company: Any, count: int) -> None:
    """``count`` members more, written straight to the database (no password hashing)."""
    from backoffice.db import scope
    from backoffice.identity.tables import Membership, User

    with scope.scoped(tenant_id=tenant_of(company)):
        tag = secrets.token_hex(3)
        users = await User.insert(*[User(email=f"p{i}-{tag}@example.com", full_name=f"Person {i}",
                                         password_hash="-") for i in range(count)]).returning(User.id)
        await Membership.insert(*[Membership(user_id=u["id"]) for u in users])


async def test_users_are_exported_page_after_page(company):
    await add_people(company, 230)  # three pages of 100 with the owner
    operation = await start(company.api, "{ users { nodes { id email fullName } } }")
    assert operation["rootField"] == "users"
    done = await finished(company.api, operation["id"])
    assert done["status"] == "COMPLETED" and done["errorCode"] is None
    assert done["objectCount"] == done["rootObjectCount"] == 231
    assert done["progress"] == 100 and done["completedAt"] and done["fileSize"] > 0
    lines = await lines_of(company.api, done)
    assert len(lines) == 231 and len({line["id"] for line in lines}) == 231
    assert set(lines[0]) == {"id", "email", "fullName"}  # nothing of the paging leaks out
    assert company.email in {line["email"] for line in lines}
    # Each look at the operation gives a fresh link with its own expiry, about an hour ahead.
    again = (await company.api.data(GET, {"id": operation["id"]}))["bulkOperation"]
    assert again["url"] and again["urlExpiresAt"]
    listed = (await company.api.data(LIST))["bulkOperations"]
    assert listed["nodes"][0] == {"id": operation["id"], "status": "COMPLETED"}


async def test_employees_of_the_hr_module_through_edges(company):
    await enable(company.api, "hr")
    names = ["Ani", "Budi", "Cahya"]
    for name in names:
        created = await company.api.data(
            "mutation($i: EmployeeInput!) { createEmployee(input: $i) { userErrors { code } } }",
            {"i": {"fullName": name, "startDate": "2024-01-15"}})
        assert created["createEmployee"]["userErrors"] == []
    operation = await start(company.api, "{ employees(first: 2) { edges { cursor node { id fullName } } } }")
    done = await finished(company.api, operation["id"])
    lines = await lines_of(company.api, done)
    assert sorted(line["fullName"] for line in lines) == names  # `first` is ignored: all pages
    assert done["objectCount"] == 3


async def payroll_run(company: Any) -> str:
    """A calculated payroll run of two employees; returns its id."""
    await enable(company.api, "hr")
    for name, base in (("Ani", 8_000_000), ("Budi", 9_000_000)):
        employee = (await company.api.data(
            "mutation($i: EmployeeInput!) { createEmployee(input: $i) { employee { id } } }",
            {"i": {"fullName": name, "startDate": "2021-02-01", "ptkpStatus": "TK/0"}}))
        await company.api.data(
            "mutation($i: SalaryStructureInput!) { setSalaryStructure(input: $i) { userErrors { code } } }",
            {"i": {"employeeId": employee["createEmployee"]["employee"]["id"],
                   "baseSalary": str(base), "fixedAllowances": "0"}})
    run = (await company.api.data(
        "mutation($i: PayrollRunInput!) { createPayrollRun(input: $i) { payrollRun { id jobId } } }",
        {"i": {"period": "2026-06"}}))["createPayrollRun"]["payrollRun"]

    async def calculated() -> bool:
        job = (await company.api.data("query($id: ID!) { job(id: $id) { status } }",
                                      {"id": run["jobId"]}))["job"]
        assert job["status"] != "failed"
        return job["status"] == "succeeded"

    await eventually(calculated)
    return run["id"]


async def test_nested_connection_nodes_are_lines_with_their_parent(company):
    """Payslips of payroll runs: each payslip is a line of its own with ``__parentId``."""
    run = {"id": await payroll_run(company)}
    # One payslip per page of the nested connection: the follow-up pages are read too.
    operation = await start(company.api, "{ payrollRuns { nodes { id period "
                                         "payslips(first: 1) { nodes { id netPay } } } } }")
    done = await finished(company.api, operation["id"])
    lines = await lines_of(company.api, done)
    runs = [line for line in lines if "__parentId" not in line]
    slips = [line for line in lines if "__parentId" in line]
    assert [r["id"] for r in runs] == [run["id"]] and "payslips" not in runs[0]
    assert len(slips) == 2 and all(s["__parentId"] == run["id"] for s in slips)
    assert len({s["id"] for s in slips}) == 2
    assert done["objectCount"] == 3 and done["rootObjectCount"] == 1


@pytest.mark.parametrize(("query", "code"), [
    ("mutation { logOut { ok } }", "QUERY_NOT_ALLOWED"),
    ("{ users { nodes { id } } roles { nodes { id } } }", "ONE_ROOT_FIELD_EXPECTED"),
    ("{ users { nodes { id } ", "GRAPHQL_PARSE_FAILED"),
    ("{ me { id } }", "ROOT_NOT_A_CONNECTION"),
    ("{ users { nodes { nope } } }", "GRAPHQL_VALIDATION_FAILED"),
    ("{ users { totalCount } }", "NO_NODES_SELECTED"),
    ("query($n: Int) { users(first: $n) { nodes { id } } }", "VARIABLES_NOT_ALLOWED"),
])
async def test_invalid_queries_are_user_errors(company, query, code):
    payload = (await company.api.data(RUN, {"q": query}))["runBulkQuery"]
    assert payload["bulkOperation"] is None
    (error,) = payload["userErrors"]
    assert error["code"] == code and error["field"] == ["input", "query"] and error["message"]
    assert (await company.api.data(LIST))["bulkOperations"]["totalCount"] == 0


async def test_messages_in_indonesian(company):
    payload = (await company.api.data(RUN, {"q": "{ me { id } }"},
                                      headers={"accept-language": "id"}))["runBulkQuery"]
    assert payload["userErrors"][0]["message"].startswith("'me' bukan koneksi")


async def test_a_field_the_caller_may_not_read_fails_the_operation(company, new_client):
    member = await add_member(company, new_client, name="No Rights")  # no core.user.read
    assert (await member.api.error_code("{ users { nodes { id } } }")) == "FORBIDDEN"
    operation = await start(member.api, "{ users { nodes { id email } } }")
    done = await finished(member.api, operation["id"])
    assert done["status"] == "FAILED" and done["errorCode"] == "ACCESS_DENIED"
    assert done["errorMessage"] and done["url"] is None and done["objectCount"] == 0
    from backoffice.bulk.tables import BulkOperationPart
    from backoffice.db import scope
    from backoffice.graphql.ids import decode_id

    with scope.scoped(tenant_id=tenant_of(company)):
        assert await BulkOperationPart.count().where(
            BulkOperationPart.operation_id == decode_id(operation["id"], "BulkOperation")) == 0


async def test_anonymous_callers_cannot_start_one(api):
    assert await api.error_code(RUN, {"q": "{ users { nodes { id } } }"}) == "UNAUTHENTICATED"


async def test_operations_and_links_stay_in_their_company(company, other_company, new_client):
    operation = await start(company.api, "{ users { nodes { id } } }")
    done = await finished(company.api, operation["id"])
    for intruder in (other_company.api, (await add_member(company, new_client, name="Colleague")).api):
        assert await intruder.error_code(GET, {"id": operation["id"]}) == "NOT_FOUND"
        assert await intruder.error_code(CANCEL, {"id": operation["id"]}) == "NOT_FOUND"
        assert (await intruder.data(LIST))["bulkOperations"]["totalCount"] == 0
    from backoffice.bulk import services
    from backoffice.graphql.ids import decode_id

    op_id = decode_id(operation["id"], "BulkOperation")
    # A genuinely signed link naming another company (as if that company had the id): 404.
    forged = services.sign(tenant_of(other_company), op_id, int(time.time()) + 600)
    response = await company.api.client.get(f"/bulk/{forged}")
    assert response.status_code == 404 and "jsonl" not in response.headers["content-type"]
    # The real link works from any client: the link is the credential.
    assert (await download(other_company.api, done["url"])).status_code == 200


async def test_expired_and_tampered_links_are_refused(company):
    from backoffice.bulk import services
    from backoffice.graphql.ids import decode_id

    operation = await start(company.api, "{ users { nodes { id } } }")
    done = await finished(company.api, operation["id"])
    op_id = decode_id(operation["id"], "BulkOperation")
    token = urlparse(done["url"]).path.rsplit("/", 1)[1]
    expired = services.sign(tenant_of(company), op_id, int(time.time()) - 1)
    assert (await company.api.client.get(f"/bulk/{expired}")).status_code == 410
    payload, mac = token.split(".")
    flipped = mac[:-2] + ("A" if mac[-2] != "A" else "B") + mac[-1]
    other_payload = services._b64(f"{tenant_of(company)}.{op_id}.{int(time.time()) + 999_999}".encode())
    for bad in (f"{payload}.{flipped}", f"{other_payload}.{mac}", "nonsense", f"{payload}."):
        response = await company.api.client.get(f"/bulk/{bad}")
        assert response.status_code == 404, bad
        assert response.text == "Not found.\n"


async def test_one_running_operation_per_caller(company, new_client):
    from backoffice.bulk.tables import BulkOperation
    from backoffice.db import scope

    with scope.scoped(tenant_id=tenant_of(company)):
        owner = (await company.api.data("{ me { id } }"))["me"]["id"]
        from backoffice.graphql.ids import decode_id

        rows = await BulkOperation.insert(BulkOperation(
            actor_key=f"user:{decode_id(owner, 'User')}", user_id=decode_id(owner, "User"),
            query="{ users { nodes { id } } }", root_field="users", status="running")
        ).returning(BulkOperation.id)
    from backoffice.graphql.ids import encode_id

    running = encode_id("BulkOperation", rows[0]["id"])
    payload = (await company.api.data(RUN, {"q": "{ users { nodes { id } } }"}))["runBulkQuery"]
    assert payload["bulkOperation"] is None
    assert [e["code"] for e in payload["userErrors"]] == ["BULK_OPERATION_IN_PROGRESS"]
    # Someone else in the company is not held up by it.
    colleague = await add_member(company, new_client, permissions=["core.user.read"], name="Other")
    await finished(colleague.api, (await start(colleague.api, "{ users { nodes { id } } }"))["id"])
    cancelled = (await company.api.data(CANCEL, {"id": running}))["cancelBulkOperation"]
    assert cancelled["bulkOperation"]["status"] == "CANCELED"
    again = (await company.api.data(CANCEL, {"id": running}))["cancelBulkOperation"]
    assert again["userErrors"][0]["code"] == "BULK_OPERATION_FINISHED"
    done = await finished(company.api, (await start(company.api, "{ users { nodes { id } } }"))["id"])
    assert done["status"] == "COMPLETED"


async def test_an_integration_token_runs_a_bulk_query(company):
    from test_oauth import access_token, make_client

    client, secret = await make_client(company, ["core.user.read"])
    token = await access_token(company.api, client["clientId"], secret)
    headers = {"authorization": f"Bearer {token}"}
    operation = await start(company.api, "{ users { nodes { id email } } }", headers)
    done = await finished(company.api, operation["id"], headers)
    lines = await lines_of(company.api, done)
    assert [line["email"] for line in lines] == [company.email]
    # The token's operations are its own: the owner's session does not see them.
    assert await company.api.error_code(GET, {"id": operation["id"]}) == "NOT_FOUND"


async def test_a_query_too_costly_for_the_endpoint_runs_in_bulk(company):
    """The endpoint refuses a query asking for more nodes than its maximum; the same query
    runs as a bulk operation, which reads it page by page without that maximum."""
    cost_module = pytest.importorskip("backoffice.graphql.cost")
    from backoffice.graphql.schema import SchemaRouter
    from backoffice.runtime import get_registry
    from backoffice.settings import get_settings

    run_id = await payroll_run(company)
    query = ("{ payrollRuns(first: 100) { nodes { id "
             "a: payslips(first: 100) { nodes { id } } "
             "b: payslips(first: 100) { nodes { id netPay } } } } }")
    schema = SchemaRouter(get_registry(), get_settings()).full()
    assert cost_module.exceeds_limits(cost_module.operation_cost(schema, query), get_settings())
    assert await company.api.error_code(query) == "QUERY_TOO_COSTLY"
    done = await finished(company.api, (await start(company.api, query))["id"])
    assert done["status"] == "COMPLETED", done
    lines = await lines_of(company.api, done)
    assert [line["id"] for line in lines if "__parentId" not in line] == [run_id]
    children = [line for line in lines if "__parentId" in line]
    assert len(children) == 4 and {c["__parentId"] for c in children} == {run_id}
