"""HR organisation through GraphQL: departments, positions, employees, sensitive fields,
self-service, permission and company boundaries, statement counts."""

from __future__ import annotations

import pytest

from helpers import QueryCounter, add_member, enable

CREATE_DEPT = """mutation($i: DepartmentInput!) { createDepartment(input: $i) {
  department { id name code parent { name } } userErrors { field code message } } }"""
CREATE_POS = """mutation($i: PositionInput!) { createPosition(input: $i) {
  position { id title } userErrors { field code } } }"""
CREATE_EMP = """mutation($i: EmployeeInput!) { createEmployee(input: $i) {
  employee { id employeeNumber fullName nationalId department { name } manager { fullName } }
  userErrors { field code message } } }"""
EMPLOYEES = """query($f: EmployeeFilter, $o: EmployeeOrder, $first: Int, $after: String) {
  employees(first: $first, after: $after, filter: $f, orderBy: $o) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id fullName employeeNumber nationalId bankAccount
            department { name } position { title } manager { fullName } } } }"""


async def _dept(api, name, parent=None):  # type: ignore[no-untyped-def]
    data = await api.data(CREATE_DEPT, {"i": {"name": name, "parentId": parent}})
    assert data["createDepartment"]["userErrors"] == []
    return data["createDepartment"]["department"]["id"]


async def _employee(api, name, **extra):  # type: ignore[no-untyped-def]
    data = await api.data(CREATE_EMP, {"i": {"fullName": name, "startDate": "2024-01-15", **extra}})
    assert data["createEmployee"]["userErrors"] == [], data
    return data["createEmployee"]["employee"]


@pytest.fixture
async def hr(company):  # type: ignore[no-untyped-def]
    await enable(company.api, "hr")
    return company


async def test_fields_are_absent_until_hr_is_enabled(company):
    body = await company.api.gql("{ employees { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "MODULE_DISABLED"
    assert body["errors"][0]["extensions"]["module"] == "hr"
    await enable(company.api, "hr")
    assert (await company.api.data("{ employees { totalCount } }"))["employees"]["totalCount"] == 0


async def test_department_tree_and_cycles(hr):
    root = await _dept(hr.api, "Operasional")
    child = await _dept(hr.api, "Gudang", parent=root)
    data = await hr.api.data("query($id: ID!) { department(id: $id) { name parent { name } } }",
                             {"id": child})
    assert data["department"] == {"name": "Gudang", "parent": {"name": "Operasional"}}
    moved = await hr.api.data(
        "mutation($i: UpdateDepartmentInput!) { updateDepartment(input: $i) { userErrors { field code } } }",
        {"i": {"id": root, "parentId": child}})
    assert moved["updateDepartment"]["userErrors"] == [{"field": ["input", "parentId"],
                                                        "code": "BAD_USER_INPUT"}]


async def test_create_employee_with_relations_and_list(hr):
    dept = await _dept(hr.api, "Keuangan")
    pos = (await hr.api.data(CREATE_POS, {"i": {"title": "Akuntan", "departmentId": dept}}))[
        "createPosition"]["position"]["id"]
    boss = await _employee(hr.api, "Siti Rahma", departmentId=dept)
    staff = await _employee(hr.api, "Budi Santoso", departmentId=dept, positionId=pos,
                            managerId=boss["id"], nationalId="3171012345678901")
    assert staff["employeeNumber"].startswith("EMP-")
    assert staff["manager"] == {"fullName": "Siti Rahma"}
    data = await hr.api.data(EMPLOYEES, {"f": {"departmentId": dept}, "o": {"field": "NAME"}})
    names = [n["fullName"] for n in data["employees"]["nodes"]]
    assert names == ["Budi Santoso", "Siti Rahma"]
    search = await hr.api.data(EMPLOYEES, {"f": {"search": "budi"}})
    assert [n["fullName"] for n in search["employees"]["nodes"]] == ["Budi Santoso"]


async def test_invalid_employee_input_is_rejected_and_nothing_written(hr):
    data = await hr.api.data(CREATE_EMP, {"i": {"fullName": "X", "startDate": "2024-01-01",
                                                "nationalId": "123"}})
    assert data["createEmployee"]["userErrors"][0]["field"] == ["input", "nationalId"]
    total = (await hr.api.data("{ employees { totalCount } }"))["employees"]["totalCount"]
    assert total == 0


async def test_pagination_walks_every_employee_once(hr):
    for i in range(7):
        await _employee(hr.api, f"Karyawan {i}")
    seen, after = [], None
    while True:
        page = (await hr.api.data(EMPLOYEES, {"first": 3, "after": after}))["employees"]
        seen += [n["fullName"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert sorted(seen) == sorted(f"Karyawan {i}" for i in range(7))
    assert len(seen) == 7


async def test_sensitive_fields_need_their_permission(hr, new_client):
    await _employee(hr.api, "Dewi Lestari", nationalId="3171012345678901",
                    bankAccount="1234567890")
    reader = await add_member(hr, new_client, permissions=["hr.employee.read"])
    node = (await reader.api.data(EMPLOYEES))["employees"]["nodes"][0]
    assert node["fullName"] == "Dewi Lestari"
    assert node["nationalId"] is None and node["bankAccount"] is None
    owner_view = (await hr.api.data(EMPLOYEES))["employees"]["nodes"][0]
    assert owner_view["nationalId"] == "3171012345678901"


async def test_employee_sees_own_record_without_hr_permissions(hr, new_client):
    member = await add_member(hr, new_client, name="Self Service")
    from backoffice.graphql.ids import encode_id

    await _employee(hr.api, "Self Service", userId=encode_id("User", member.extra["user_id"]),
                    nationalId="3171000000000001")
    mine = (await member.api.data("{ myEmployee { fullName nationalId } }"))["myEmployee"]
    assert mine == {"fullName": "Self Service", "nationalId": "3171000000000001"}
    assert await member.api.error_code("{ employees { totalCount } }") == "FORBIDDEN"


async def test_member_without_permission_is_refused(hr, new_client):
    member = await add_member(hr, new_client)
    assert await member.api.error_code("{ employees { totalCount } }") == "FORBIDDEN"
    assert await member.api.error_code(
        CREATE_EMP, {"i": {"fullName": "X", "startDate": "2024-01-01"}}) == "FORBIDDEN"
    reader = await add_member(hr, new_client, permissions=["hr.employee.read"])
    assert await reader.api.error_code(
        CREATE_EMP, {"i": {"fullName": "X", "startDate": "2024-01-01"}}) == "FORBIDDEN"


async def test_other_company_cannot_reach_employees(hr, other_company):
    emp = await _employee(hr.api, "Rahasia")
    await enable(other_company.api, "hr")
    body = await other_company.api.gql("query($id: ID!) { employee(id: $id) { fullName } }",
                                       {"id": emp["id"]})
    missing = await other_company.api.gql("query($id: ID!) { employee(id: $id) { fullName } }",
                                          {"id": "RW1wbG95ZWU6OTk5OTk5"})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert body["errors"][0]["message"] == missing["errors"][0]["message"]
    upd = await other_company.api.gql(
        "mutation($i: UpdateEmployeeInput!) { updateEmployee(input: $i) { employee { fullName } } }",
        {"i": {"id": emp["id"], "fullName": "Hacked"}})
    assert upd["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    listing = await other_company.api.data("{ employees { totalCount } }")
    assert listing["employees"]["totalCount"] == 0
    # Using one company's department as another's filter finds nothing either.
    still = (await hr.api.data("query($id: ID!) { employee(id: $id) { fullName } }", {"id": emp["id"]}))
    assert still["employee"]["fullName"] == "Rahasia"


async def test_ids_of_another_type_are_not_found(hr):
    dept = await _dept(hr.api, "Legal")
    body = await hr.api.gql("query($id: ID!) { employee(id: $id) { fullName } }", {"id": dept})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_list_of_100_employees_costs_a_constant_number_of_statements(hr):
    dept = await _dept(hr.api, "Produksi")
    boss = await _employee(hr.api, "Kepala", departmentId=dept)
    pos = (await hr.api.data(CREATE_POS, {"i": {"title": "Operator"}}))["createPosition"]["position"]["id"]
    query = """{ employees(first: 100) { nodes { fullName department { name } position { title }
                manager { fullName department { name } } } } }"""
    for i in range(4):
        await _employee(hr.api, f"Operator {i}", departmentId=dept, positionId=pos, managerId=boss["id"])
    with QueryCounter() as few:
        await hr.api.data(query)
    for i in range(4, 99):
        await _employee(hr.api, f"Operator {i}", departmentId=dept, positionId=pos, managerId=boss["id"])
    with QueryCounter() as many:
        data = await hr.api.data(query)
    assert len(data["employees"]["nodes"]) == 100
    assert many.count == few.count, many.statements


async def test_terminate_employee(hr):
    emp = await _employee(hr.api, "Pergi")
    data = await hr.api.data(
        "mutation($i: TerminateEmployeeInput!) { terminateEmployee(input: $i) "
        "{ employee { status endDate } userErrors { code } } }",
        {"i": {"id": emp["id"], "endDate": "2025-06-30"}})
    assert data["terminateEmployee"]["employee"] == {"status": "terminated", "endDate": "2025-06-30"}
    again = await hr.api.data(
        "mutation($i: TerminateEmployeeInput!) { terminateEmployee(input: $i) { userErrors { code } } }",
        {"i": {"id": emp["id"], "endDate": "2025-06-30"}})
    assert again["terminateEmployee"]["userErrors"][0]["code"] == "CONFLICT"


PDF = "JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PD4+CmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0YK"  # a tiny PDF
ADD_DOC = """mutation($i: EmployeeDocumentInput!) { addEmployeeDocument(input: $i) {
  document { id name contentType size } userErrors { field code } } }"""


async def test_documents_are_checked_and_sensitive(hr, new_client):
    import base64

    emp = await _employee(hr.api, "Dokumen")
    ok = await hr.api.data(ADD_DOC, {"i": {"employeeId": emp["id"], "name": "Kontrak.pdf", "file": PDF}})
    doc = ok["addEmployeeDocument"]["document"]
    assert doc["contentType"] == "application/pdf" and doc["size"] == len(base64.b64decode(PDF))
    fake = base64.b64encode(b"MZ\x90\x00 not a pdf").decode()
    bad = await hr.api.data(ADD_DOC, {"i": {"employeeId": emp["id"], "name": "x.pdf", "file": fake}})
    assert bad["addEmployeeDocument"]["userErrors"] == [{"field": ["input", "file"], "code": "BAD_USER_INPUT"}]
    full = await hr.api.data("query($id: ID!) { employeeDocument(id: $id) { base64 } }", {"id": doc["id"]})
    assert full["employeeDocument"]["base64"] == PDF
    reader = await add_member(hr, new_client, permissions=["hr.employee.read"])
    listed = await reader.api.data("query($id: ID!) { employee(id: $id) { documents { name } } }", {"id": emp["id"]})
    assert listed["employee"]["documents"] is None
    assert await reader.api.error_code("query($id: ID!) { employeeDocument(id: $id) { base64 } }",
                                       {"id": doc["id"]}) == "FORBIDDEN"


@pytest.mark.postgres
async def test_hires_at_once_get_distinct_numbers(company):
    """Twenty employees created at the same moment in one company: every one is created, with
    a number of its own (they queue for the number; none fails on the unique index)."""
    import asyncio

    await enable(company.api, "hr")
    results = await asyncio.gather(*[
        company.api.gql(CREATE_EMP, {"i": {"fullName": f"Serentak {n}", "startDate": "2026-01-05"}})
        for n in range(20)])
    assert [r.get("errors") for r in results] == [None] * 20
    numbers = [r["data"]["createEmployee"]["employee"]["employeeNumber"] for r in results]
    assert sorted(numbers) == [f"EMP-{n:04d}" for n in range(1, 21)]
