"""Recruitment through GraphQL: openings, the pipeline, notes, and hiring with its event."""

from __future__ import annotations

import pytest

from helpers import add_member, enable

OPENING = """mutation($i: JobOpeningInput!) { createJobOpening(input: $i) {
  jobOpening { id title status pipeline { stage count } } userErrors { field code } } }"""
APPLICANT = """mutation($i: ApplicantInput!) { createApplicant(input: $i) {
  applicant { id stage } userErrors { field code } } }"""
HIRE = """mutation($i: HireApplicantInput!) { hireApplicant(input: $i) {
  applicant { stage employee { fullName } } employee { id fullName employeeNumber }
  userErrors { code message } } }"""


@pytest.fixture
async def hr(company):  # type: ignore[no-untyped-def]
    await enable(company.api, "hr")
    return company


async def _opening(api, title="Staf Gudang", headcount=1):  # type: ignore[no-untyped-def]
    data = await api.data(OPENING, {"i": {"title": title, "headcount": headcount}})
    return data["createJobOpening"]["jobOpening"]["id"]


async def _applicant(api, opening, name):  # type: ignore[no-untyped-def]
    data = await api.data(APPLICANT, {"i": {"openingId": opening, "fullName": name,
                                            "email": f"{name.split()[0].lower()}@mail.test"}})
    return data["createApplicant"]["applicant"]["id"]


async def test_pipeline_moves_and_counts(hr):
    opening = await _opening(hr.api)
    a = await _applicant(hr.api, opening, "Agus Salim")
    await _applicant(hr.api, opening, "Bayu Aji")
    move = "mutation($i: MoveApplicantInput!) { moveApplicant(input: $i) { applicant { stage } userErrors { code } } }"
    assert (await hr.api.data(move, {"i": {"id": a, "stage": "interview"}}))["moveApplicant"][
        "applicant"]["stage"] == "interview"
    bad = await hr.api.data(move, {"i": {"id": a, "stage": "hired"}})
    assert bad["moveApplicant"]["userErrors"][0]["code"] == "BAD_USER_INPUT"
    data = await hr.api.data("query($id: ID!) { jobOpening(id: $id) { pipeline { stage count } } }",
                             {"id": opening})
    counts = {p["stage"]: p["count"] for p in data["jobOpening"]["pipeline"]}
    assert counts["applied"] == 1 and counts["interview"] == 1


async def test_notes_on_an_applicant(hr):
    opening = await _opening(hr.api)
    a = await _applicant(hr.api, opening, "Citra Kirana")
    await hr.api.data("mutation($i: ApplicantNoteInput!) { addApplicantNote(input: $i) { userErrors { code } } }",
                      {"i": {"id": a, "body": "Strong interview"}})
    data = await hr.api.data("query($id: ID!) { applicant(id: $id) { notes { body } } }", {"id": a})
    assert [n["body"] for n in data["applicant"]["notes"]] == ["Strong interview"]


async def test_hiring_creates_the_employee_closes_the_opening_and_publishes(hr):
    from backoffice.db import scope
    from backoffice.events.tables import OutboxEvent
    from backoffice.graphql.ids import decode_id

    opening = await _opening(hr.api, headcount=1)
    a = await _applicant(hr.api, opening, "Dimas Anggara")
    data = await hr.api.data(HIRE, {"i": {"id": a, "startDate": "2026-12-01"}})
    payload = data["hireApplicant"]
    assert payload["userErrors"] == []
    assert payload["employee"]["fullName"] == "Dimas Anggara"
    assert payload["applicant"] == {"stage": "hired", "employee": {"fullName": "Dimas Anggara"}}
    status = await hr.api.data("query($id: ID!) { jobOpening(id: $id) { status } }", {"id": opening})
    assert status["jobOpening"]["status"] == "closed"
    employees = await hr.api.data("{ employees { nodes { fullName } } }")
    assert [n["fullName"] for n in employees["employees"]["nodes"]] == ["Dimas Anggara"]
    with scope.scoped(tenant_id=decode_id(hr.tenant_id, "Tenant")):
        events = await OutboxEvent.select().where(OutboxEvent.event_type == "hr.employee_hired")
    assert len(events) == 1
    import json

    body = events[0]["payload"]
    body = json.loads(body) if isinstance(body, str) else body
    assert body["full_name"] == "Dimas Anggara" and body["employee_id"] == payload["employee"]["id"]
    again = await hr.api.data(HIRE, {"i": {"id": a, "startDate": "2026-12-01"}})
    assert again["hireApplicant"]["userErrors"][0]["code"] == "CONFLICT"


async def test_closed_opening_takes_no_applicants(hr):
    opening = await _opening(hr.api)
    await hr.api.data("mutation($i: UpdateJobOpeningInput!) { updateJobOpening(input: $i) { userErrors { code } } }",
                      {"i": {"id": opening, "status": "closed"}})
    data = await hr.api.data(APPLICANT, {"i": {"openingId": opening, "fullName": "Late"}})
    assert data["createApplicant"]["userErrors"][0]["code"] == "CONFLICT"


async def test_recruitment_needs_its_permissions(hr, new_client):
    opening = await _opening(hr.api)
    reader = await add_member(hr, new_client, permissions=["hr.recruitment.read"])
    assert (await reader.api.data("{ jobOpenings { totalCount } }"))["jobOpenings"]["totalCount"] == 1
    assert await reader.api.error_code(APPLICANT, {"i": {"openingId": opening, "fullName": "X"}}) == "FORBIDDEN"
    nobody = await add_member(hr, new_client)
    assert await nobody.api.error_code("{ jobOpenings { totalCount } }") == "FORBIDDEN"


async def test_other_company_cannot_hire_our_applicant(hr, other_company):
    opening = await _opening(hr.api)
    a = await _applicant(hr.api, opening, "Eka Putra")
    await enable(other_company.api, "hr")
    assert await other_company.api.error_code(HIRE, {"i": {"id": a, "startDate": "2026-12-01"}}) == "NOT_FOUND"
    data = await hr.api.data("query($id: ID!) { applicant(id: $id) { stage } }", {"id": a})
    assert data["applicant"]["stage"] == "applied"
