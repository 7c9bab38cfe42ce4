"""Company events through GraphQL: the venue is a room booking under the usual no-overlap rule
(moved with the event, released when it is cancelled), a budget in IDR, participants answering
for themselves, a checklist with owners, and the boundaries."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from ga_helpers import user_id
from helpers import QueryCounter, add_member, enable

FIELDS = """id name status budget currency bookingId venue myRsvp room { name }
  participants { userId rsvp } rsvpSummary { rsvp count } tasks { id title ownerId dueOn done }"""
CREATE = f"""mutation($i: CompanyEventInput!) {{ createCompanyEvent(input: $i) {{ companyEvent {{ {FIELDS} }}
  userErrors {{ field code message }} }} }}"""
UPDATE = f"""mutation($i: UpdateCompanyEventInput!) {{ updateCompanyEvent(input: $i) {{ companyEvent {{ {FIELDS} }}
  userErrors {{ field code message }} }} }}"""
RSVP = """mutation($i: CompanyEventRsvpInput!) { respondToCompanyEvent(input: $i) { companyEvent { myRsvp
  rsvpSummary { rsvp count } } userErrors { field code } } }"""
TASK = f"""mutation($i: CompanyEventTaskInput!) {{ addCompanyEventTask(input: $i) {{ companyEvent {{ {FIELDS} }}
  userErrors {{ field code }} }} }}"""
DONE = """mutation($i: CompanyEventTaskDoneInput!) { setCompanyEventTaskDone(input: $i) { companyEvent { tasks { title done } }
  userErrors { code } } }"""
BOOK = "mutation($i: BookingInput!) { book(input: $i) { booking { id } userErrors { field code } } }"
LIST = f"""{{ companyEvents(first: 100) {{ nodes {{ {FIELDS} }} }} }}"""


DAY = date.today() + timedelta(days=45)  # events are upcoming whenever the tests run


def at(hour: str, day: date = DAY) -> str:
    return f"{day.isoformat()}T{hour}:00+07:00"


def slot(room, start, end):  # type: ignore[no-untyped-def]
    return {"i": {"resourceId": room, "startsAt": at(start), "endsAt": at(end)}}


@pytest.fixture
async def planning(office, new_client):  # type: ignore[no-untyped-def]
    organiser = await add_member(office.company, new_client, role_keys=["ga.event_organiser"], name="Panitia")
    guests = [await add_member(office.company, new_client, name=n) for n in ("Rina", "Budi")]
    return office, organiser, guests


async def _town_hall(organiser, office, guests, **extra):  # type: ignore[no-untyped-def]
    data = await organiser.api.data(CREATE, {"i": {
        "name": "Town hall", "startsAt": at("15:00"), "endsAt": at("17:00"), "roomId": office.rooms["Cendana"],
        "budget": "7500000", "participantIds": [user_id(g) for g in guests], **extra}})
    return data["createCompanyEvent"]


async def test_an_event_books_its_room_and_invites(planning):
    office, organiser, guests = planning
    made = await _town_hall(organiser, office, guests)
    assert made["userErrors"] == []
    event = made["companyEvent"]
    assert event["room"] == {"name": "Cendana"} and event["bookingId"] and event["status"] == "planned"
    assert D(event["budget"]) == D(7500000) and event["currency"] == "IDR"
    assert {p["userId"] for p in event["participants"]} == {user_id(g) for g in guests}
    assert {s["rsvp"]: s["count"] for s in event["rsvpSummary"]}["pending"] == 2
    clash = (await guests[0].api.data(BOOK, slot(office.rooms["Cendana"], "16:00", "18:00")))["book"]["userErrors"]
    assert [(e["field"], e["code"]) for e in clash] == [(["input", "startsAt"], "CONFLICT")]
    calendar = await guests[0].api.data("""query($r: ID!, $s: DateTime!, $e: DateTime!) { bookings(resourceId: $r,
        start: $s, end: $e) { id purpose } }""", {"r": office.rooms["Cendana"], "s": at("00:00"), "e": at("23:59")})
    assert calendar["bookings"] == [{"id": event["bookingId"], "purpose": "Town hall"}]
    cancel = "mutation($id: ID!) { cancelBooking(id: $id) { userErrors { code } } }"
    assert (await office.api.data(cancel, {"id": event["bookingId"]}))["cancelBooking"]["userErrors"][0]["code"] == "CONFLICT"


async def test_an_event_cannot_take_a_booked_room(planning):
    office, organiser, guests = planning
    await guests[0].api.data(BOOK, slot(office.rooms["Cendana"], "14:00", "15:30"))
    clash = await _town_hall(organiser, office, guests)
    assert [(e["field"], e["code"]) for e in clash["userErrors"]] == [(["input", "startsAt"], "CONFLICT")]
    assert (await organiser.api.data(LIST))["companyEvents"]["nodes"] == []  # nothing was kept
    elsewhere = await _town_hall(organiser, office, guests, roomId=None, venue="Hotel Mulia, Senayan")
    assert elsewhere["userErrors"] == [] and elsewhere["companyEvent"]["room"] is None


async def test_moving_the_event_moves_the_booking_and_cancelling_frees_it(planning):
    office, organiser, guests = planning
    event = (await _town_hall(organiser, office, guests))["companyEvent"]
    moved = (await organiser.api.data(UPDATE, {"i": {"id": event["id"], "startsAt": at("09:00"), "endsAt": at("11:00"),
                                                     "roomId": office.rooms["Melati"], "budget": "8000000"}}))
    assert moved["updateCompanyEvent"]["userErrors"] == []
    assert moved["updateCompanyEvent"]["companyEvent"]["room"] == {"name": "Melati"}
    assert (await guests[0].api.data(BOOK, slot(office.rooms["Cendana"], "15:00", "17:00")))["book"]["userErrors"] == []
    busy = (await guests[0].api.data(BOOK, slot(office.rooms["Melati"], "10:00", "12:00")))["book"]["userErrors"]
    assert [e["code"] for e in busy] == ["CONFLICT"]
    shifted = (await organiser.api.data(UPDATE, {"i": {"id": event["id"], "endsAt": at("11:30")}}))["updateCompanyEvent"]
    assert shifted["userErrors"] == []  # moving within its own slot does not clash with itself
    into_taken = (await organiser.api.data(UPDATE, {"i": {"id": event["id"], "roomId": office.rooms["Cendana"],
                                                          "startsAt": at("15:00"), "endsAt": at("16:00")}}))
    assert [e["code"] for e in into_taken["updateCompanyEvent"]["userErrors"]] == ["CONFLICT"]
    cancelled = await organiser.api.data("mutation($id: ID!) { cancelCompanyEvent(id: $id) { companyEvent { status bookingId } } }",
                                         {"id": event["id"]})
    assert cancelled["cancelCompanyEvent"]["companyEvent"] == {"status": "cancelled", "bookingId": None}
    assert (await guests[0].api.data(BOOK, slot(office.rooms["Melati"], "10:00", "12:00")))["book"]["userErrors"] == []


async def test_input_is_checked(planning):
    office, organiser, guests = planning
    backwards = await _town_hall(organiser, office, guests, endsAt=at("14:00"))
    assert [(e["field"], e["code"]) for e in backwards["userErrors"]] == [(["input", "endsAt"], "BAD_USER_INPUT")]
    negative = await _town_hall(organiser, office, guests, budget="-5")
    assert [(e["field"], e["code"]) for e in negative["userErrors"]] == [(["input", "budget"], "BAD_USER_INPUT")]
    currency = await _town_hall(organiser, office, guests, currency="rupiah")
    assert [(e["field"], e["code"]) for e in currency["userErrors"]] == [(["input", "currency"], "BAD_USER_INPUT")]
    car = (await office.api.data('mutation { createBookable(input: {kind: "vehicle", name: "Innova"}) { bookable { id } } }'))[
        "createBookable"]["bookable"]["id"]
    not_a_room = await _town_hall(organiser, office, guests, roomId=car)
    assert [(e["field"], e["code"]) for e in not_a_room["userErrors"]] == [(["input", "roomId"], "BAD_USER_INPUT")]


async def test_participants_answer_for_themselves(planning, new_client):
    office, organiser, guests = planning
    event = (await _town_hall(organiser, office, guests))["companyEvent"]
    answer = (await guests[0].api.data(RSVP, {"i": {"id": event["id"], "rsvp": "accepted"}}))["respondToCompanyEvent"]
    assert answer["companyEvent"]["myRsvp"] == "accepted"
    assert {s["rsvp"]: s["count"] for s in answer["companyEvent"]["rsvpSummary"]} == {
        "pending": 1, "accepted": 1, "declined": 0, "tentative": 0}
    odd = (await guests[1].api.data(RSVP, {"i": {"id": event["id"], "rsvp": "maybe"}}))["respondToCompanyEvent"]
    assert [(e["field"], e["code"]) for e in odd["userErrors"]] == [(["input", "rsvp"], "BAD_USER_INPUT")]
    outsider = await add_member(office.company, new_client, name="Bukan tamu")
    assert await outsider.api.error_code(RSVP, {"i": {"id": event["id"], "rsvp": "accepted"}}) == "NOT_FOUND"
    assert await outsider.api.error_code("query($id: ID!) { companyEvent(id: $id) { name } }", {"id": event["id"]}) == "NOT_FOUND"
    mine = await guests[0].api.data("{ myCompanyEvents { name myRsvp room { name } } }")
    assert mine["myCompanyEvents"] == [{"name": "Town hall", "myRsvp": "accepted", "room": {"name": "Cendana"}}]
    assert (await outsider.api.data("{ myCompanyEvents { name } }"))["myCompanyEvents"] == []
    invited = await organiser.api.data("""mutation($i: CompanyEventInviteInput!) { inviteToCompanyEvent(input: $i) {
        companyEvent { participants { userId rsvp } } } }""", {"i": {"id": event["id"], "userIds": [user_id(outsider), user_id(guests[0])]}})
    rsvps = {p["userId"]: p["rsvp"] for p in invited["inviteToCompanyEvent"]["companyEvent"]["participants"]}
    assert rsvps == {user_id(guests[0]): "accepted", user_id(guests[1]): "pending", user_id(outsider): "pending"}


async def test_a_checklist_with_owners(planning):
    office, organiser, guests = planning
    event = (await _town_hall(organiser, office, guests))["companyEvent"]
    added = (await organiser.api.data(TASK, {"i": {"companyEventId": event["id"], "title": "Pesan konsumsi",
                                                   "ownerId": user_id(guests[0]), "dueOn": "2030-01-08"}}))
    task = added["addCompanyEventTask"]["companyEvent"]["tasks"][0]
    assert task["ownerId"] == user_id(guests[0]) and task["dueOn"] == "2030-01-08" and task["done"] is False
    assert await guests[1].api.error_code(DONE, {"i": {"id": task["id"]}}) == "FORBIDDEN"
    ticked = await guests[0].api.data(DONE, {"i": {"id": task["id"]}})
    assert ticked["setCompanyEventTaskDone"]["companyEvent"]["tasks"] == [{"title": "Pesan konsumsi", "done": True}]
    reopened = await organiser.api.data("""mutation($i: UpdateCompanyEventTaskInput!) { updateCompanyEventTask(input: $i) {
        companyEvent { tasks { title done ownerId } } } }""", {"i": {"id": task["id"], "done": False, "clearOwner": True,
                                                                     "title": "Pesan konsumsi 60 porsi"}})
    assert reopened["updateCompanyEventTask"]["companyEvent"]["tasks"] == [
        {"title": "Pesan konsumsi 60 porsi", "done": False, "ownerId": None}]
    blank = (await organiser.api.data(TASK, {"i": {"companyEventId": event["id"], "title": " "}}))["addCompanyEventTask"]
    assert [(e["field"], e["code"]) for e in blank["userErrors"]] == [(["input", "title"], "BAD_USER_INPUT")]


async def test_only_organisers_plan_and_companies_stay_apart(planning, other_company):
    office, organiser, guests = planning
    event = (await _town_hall(organiser, office, guests))["companyEvent"]
    assert await guests[0].api.error_code(LIST) == "FORBIDDEN"
    assert await guests[0].api.error_code(CREATE, {"i": {"name": "Pesta", "startsAt": at("19:00"),
                                                         "endsAt": at("21:00")}}) == "FORBIDDEN"
    await enable(other_company.api, "ga")
    assert (await other_company.api.data(LIST))["companyEvents"]["nodes"] == []
    assert await other_company.api.error_code(UPDATE, {"i": {"id": event["id"], "name": "Diambil"}}) == "NOT_FOUND"
    assert await other_company.api.error_code(CREATE, {"i": {"name": "Pesta", "startsAt": at("19:00"), "endsAt": at("21:00"),
                                                             "roomId": office.rooms["Melati"]}}) == "NOT_FOUND"


async def test_the_list_costs_a_constant_number_of_statements(planning):
    office, organiser, guests = planning
    await _town_hall(organiser, office, guests)
    with QueryCounter() as few:
        await organiser.api.data(LIST)
    for n in range(1, 16):
        day = DAY + timedelta(days=n)
        made = await _town_hall(organiser, office, guests, startsAt=at("15:00", day), endsAt=at("17:00", day))
        await organiser.api.data(TASK, {"i": {"companyEventId": made["companyEvent"]["id"], "title": "Konsumsi",
                                              "ownerId": user_id(guests[0])}})
    with QueryCounter() as many:
        data = await organiser.api.data(LIST)
    assert len(data["companyEvents"]["nodes"]) == 16
    assert many.count == few.count, many.statements
