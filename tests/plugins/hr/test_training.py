"""Training through GraphQL: sessions with capacity, enrolment, completion with a certificate,
and the daily expiry job announcing certificates once."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from helpers import add_member, enable

EMP = """mutation($i: EmployeeInput!) { createEmployee(input: $i) { employee { id } } }"""


@pytest.fixture
async def setup(company):  # type: ignore[no-untyped-def]
    await enable(company.api, "hr")
    api = company.api
    people = [(await api.data(EMP, {"i": {"fullName": f"Peserta {i}", "startDate": "2023-01-02"}}))[
        "createEmployee"]["employee"]["id"] for i in range(3)]
    programme = (await api.data(
        'mutation { createTrainingProgramme(input: {title: "K3 Dasar", provider: "Kemnaker"}) { programme { id } } }'
    ))["createTrainingProgramme"]["programme"]["id"]
    session = (await api.data(
        "mutation($i: SessionInput!) { createTrainingSession(input: $i) { session { id seatsLeft } userErrors { code } } }",
        {"i": {"programmeId": programme, "startsOn": "2026-12-01", "endsOn": "2026-12-02", "capacity": 2}}
    ))["createTrainingSession"]["session"]["id"]
    return company, people, session


ENROL = """mutation($i: EnrolInput!) { enrolEmployee(input: $i) { enrolment { id status } userErrors { code field } } }"""


async def test_capacity_and_double_enrolment(setup):
    company, people, session = setup
    first = await company.api.data(ENROL, {"i": {"sessionId": session, "employeeId": people[0]}})
    assert first["enrolEmployee"]["enrolment"]["status"] == "enrolled"
    twice = await company.api.data(ENROL, {"i": {"sessionId": session, "employeeId": people[0]}})
    assert twice["enrolEmployee"]["userErrors"][0]["code"] == "CONFLICT"
    await company.api.data(ENROL, {"i": {"sessionId": session, "employeeId": people[1]}})
    full = await company.api.data(ENROL, {"i": {"sessionId": session, "employeeId": people[2]}})
    assert full["enrolEmployee"]["userErrors"] == [{"code": "CONFLICT", "field": ["input", "sessionId"]}]


async def test_completion_issues_a_certificate_and_expiry_is_announced_once(setup):
    from backoffice.db import scope
    from backoffice.events.tables import OutboxEvent
    from backoffice.graphql.ids import decode_id
    from backoffice_hr.training import services

    company, people, session = setup
    enrolment = (await company.api.data(ENROL, {"i": {"sessionId": session, "employeeId": people[0]}}))[
        "enrolEmployee"]["enrolment"]["id"]
    soon = date.today() + timedelta(days=20)
    done = await company.api.data(
        "mutation($i: CompleteEnrolmentInput!) { completeEnrolment(input: $i) { enrolment { status } userErrors { code } } }",
        {"i": {"id": enrolment, "completedOn": str(date.today()), "certificateName": "Ahli K3",
               "certificateExpiresOn": str(soon)}})
    assert done["completeEnrolment"]["enrolment"]["status"] == "completed"
    expiring = await company.api.data("{ certificates(expiringWithinDays: 30) { nodes { name employee { fullName } } } }")
    assert expiring["certificates"]["nodes"] == [{"name": "Ahli K3", "employee": {"fullName": "Peserta 0"}}]
    tenant = decode_id(company.tenant_id, "Tenant")
    with scope.scoped(tenant_id=tenant):
        assert await services.remind_expiring() == 1
        assert await services.remind_expiring() == 0   # the daily job announces each one once
        events = await OutboxEvent.select().where(OutboxEvent.event_type == "hr.certificate_expiring")
    payload = events[0]["payload"]
    payload = json.loads(payload) if isinstance(payload, str) else payload
    assert payload["name"] == "Ahli K3" and payload["expires_on"] == str(soon)


async def test_training_permissions_and_boundaries(setup, other_company, new_client):
    company, people, session = setup
    reader = await add_member(company, new_client, permissions=["hr.training.read"])
    assert (await reader.api.data("{ trainingProgrammes { totalCount } }"))["trainingProgrammes"]["totalCount"] == 1
    assert await reader.api.error_code(ENROL, {"i": {"sessionId": session, "employeeId": people[0]}}) == "FORBIDDEN"
    await enable(other_company.api, "hr")
    assert await other_company.api.error_code(
        ENROL, {"i": {"sessionId": session, "employeeId": people[0]}}) == "NOT_FOUND"
