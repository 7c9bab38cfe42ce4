"""Buildings, floors and rooms through GraphQL: rooms on floors with capacity and equipment,
finding a free room, cancelling bookings, who may change what, and the company boundary."""

from __future__ import annotations

from ga_helpers import BOOKABLE, BUILDING, FLOOR, make_office
from helpers import QueryCounter, add_member, enable

BOOK = "mutation($i: BookingInput!) { book(input: $i) { booking { id } userErrors { field code message } } }"
CANCEL = "mutation($id: ID!) { cancelBooking(id: $id) { booking { id } userErrors { field code } } }"
TREE = """{ buildings { nodes { code name floors { name level rooms { name capacity equipment building { code } } } } } }"""


def slot(room, start, end, day="2026-12-01"):  # type: ignore[no-untyped-def]
    return {"i": {"resourceId": room, "startsAt": f"{day}T{start}:00+07:00", "endsAt": f"{day}T{end}:00+07:00"}}


async def test_a_building_holds_floors_that_hold_rooms(office, new_client):
    member = await add_member(office.company, new_client)
    tree = (await member.api.data(TREE))["buildings"]["nodes"]
    assert tree == [{"code": "MSD", "name": "Menara Sudirman", "floors": [
        {"name": "Lantai 12", "level": 12, "rooms": [
            {"name": "Anggrek", "capacity": 4, "equipment": [], "building": {"code": "MSD"}},
            {"name": "Melati", "capacity": 8, "equipment": ["TV", "Papan tulis"], "building": {"code": "MSD"}}]},
        {"name": "Lantai 15", "level": 15, "rooms": [
            {"name": "Cendana", "capacity": 60, "equipment": ["Proyektor"], "building": {"code": "MSD"}}]}]}]
    car = (await office.api.data(BOOKABLE, {"i": {"kind": "vehicle", "name": "Innova", "capacity": 7,
                                                  "plate": "B 1875 SJD"}}))["createBookable"]
    assert car["userErrors"] == [] and car["bookable"]["floor"] is None
    upd = await office.api.data("""mutation($i: UpdateBookableInput!) { updateBookable(input: $i) {
        bookable { capacity equipment floor { name } } userErrors { code } } }""",
                                {"i": {"id": office.rooms["Anggrek"], "capacity": 6, "floorId": office.floors["Lantai 15"],
                                       "equipment": ["Papan tulis", " papan tulis ", "Speakerphone, Kamera"]}})
    assert upd["updateBookable"]["bookable"] == {"capacity": 6, "equipment": ["Papan tulis", "Speakerphone", "Kamera"],
                                                 "floor": {"name": "Lantai 15"}}
    renamed = await office.api.data("""mutation($i: UpdateBuildingInput!) { updateBuilding(input: $i) {
        building { code name } userErrors { code } } }""", {"i": {"id": office.building, "code": "msd1", "name": "Menara"}})
    assert renamed["updateBuilding"]["building"] == {"code": "MSD1", "name": "Menara"}
    retype = await office.api.data('mutation($i: UpdateBookableInput!) { updateBookable(input: $i) { userErrors { field code } } }',
                                   {"i": {"id": office.rooms["Anggrek"], "kind": "vehicle"}})
    assert retype["updateBookable"]["userErrors"] == [{"field": ["input", "kind"], "code": "BAD_USER_INPUT"}]


async def test_building_and_room_input_is_checked(office):
    api = office.api
    taken = (await api.data(BUILDING, {"i": {"code": "msd", "name": "Lain"}}))["createBuilding"]["userErrors"]
    assert [(e["field"], e["code"]) for e in taken] == [(["input", "code"], "CONFLICT")]
    empty = (await api.data(BUILDING, {"i": {"code": "", "name": "Tanpa kode"}}))["createBuilding"]["userErrors"]
    assert [(e["field"], e["code"]) for e in empty] == [(["input", "code"], "BAD_USER_INPUT")]
    twice = (await api.data(FLOOR, {"i": {"buildingId": office.building, "name": "Lantai 12"}}))["createFloor"]["userErrors"]
    assert [e["code"] for e in twice] == ["CONFLICT"]
    car_on_floor = (await api.data(BOOKABLE, {"i": {"kind": "vehicle", "name": "Avanza",
                                                    "floorId": office.floors["Lantai 12"]}}))["createBookable"]["userErrors"]
    assert [(e["field"], e["code"]) for e in car_on_floor] == [(["input", "floorId"], "BAD_USER_INPUT")]
    boat = (await api.gql(BOOKABLE, {"i": {"kind": "boat", "name": "Perahu"}}, headers={"accept-language": "id"}))
    error = boat["data"]["createBookable"]["userErrors"][0]
    assert error["code"] == "BAD_USER_INPUT" and error["message"] == "Beri nama dan jenis: room atau vehicle."


async def test_free_rooms_between_two_times(office, new_client):
    member = await add_member(office.company, new_client)
    await member.api.data(BOOK, slot(office.rooms["Melati"], "09:00", "10:00"))
    query = """query($f: DateTime, $u: DateTime, $c: Int) { bookables(kind: "room", freeFrom: $f, freeUntil: $u,
               minCapacity: $c) { nodes { name } } }"""
    free = await member.api.data(query, {"f": "2026-12-01T09:30:00+07:00", "u": "2026-12-01T11:00:00+07:00", "c": 5})
    assert [n["name"] for n in free["bookables"]["nodes"]] == ["Cendana"]
    later = await member.api.data(query, {"f": "2026-12-01T10:00:00+07:00", "u": "2026-12-01T11:00:00+07:00", "c": 5})
    assert [n["name"] for n in later["bookables"]["nodes"]] == ["Cendana", "Melati"]
    in_building = await member.api.data("query($b: ID) { bookables(buildingId: $b) { nodes { name } } }",
                                        {"b": office.building})
    assert len(in_building["bookables"]["nodes"]) == 3


async def test_cancelling_bookings_and_rooms_out_of_use(office, new_client):
    first = await add_member(office.company, new_client, name="Rina")
    second = await add_member(office.company, new_client, name="Budi")
    booking = (await first.api.data(BOOK, slot(office.rooms["Melati"], "09:00", "10:00")))["book"]["booking"]["id"]
    mine = (await first.api.data("{ myBookings(since: \"2026-01-01T00:00:00Z\") { id resource { name } } }"))["myBookings"]
    assert mine == [{"id": booking, "resource": {"name": "Melati"}}]
    assert await second.api.error_code(CANCEL, {"id": booking}) == "FORBIDDEN"
    assert (await first.api.data(CANCEL, {"id": booking}))["cancelBooking"]["userErrors"] == []
    assert (await second.api.data(BOOK, slot(office.rooms["Melati"], "09:00", "10:00")))["book"]["userErrors"] == []
    again = (await second.api.data(BOOK, slot(office.rooms["Melati"], "10:00", "11:00")))["book"]["booking"]["id"]
    assert (await office.api.data(CANCEL, {"id": again}))["cancelBooking"]["userErrors"] == []  # GA cancels any
    await office.api.data('mutation($i: UpdateBookableInput!) { updateBookable(input: $i) { userErrors { code } } }',
                          {"i": {"id": office.rooms["Melati"], "active": False}})
    closed = (await first.api.data(BOOK, slot(office.rooms["Melati"], "13:00", "14:00")))["book"]["userErrors"]
    assert [(e["field"], e["code"]) for e in closed] == [(["input", "resourceId"], "CONFLICT")]
    listed = await first.api.data('{ bookables(kind: "room") { nodes { name } } }')
    assert "Melati" not in [n["name"] for n in listed["bookables"]["nodes"]]


async def test_members_book_but_do_not_manage(office, new_client):
    member = await add_member(office.company, new_client)
    assert await member.api.error_code(BUILDING, {"i": {"code": "X", "name": "X"}}) == "FORBIDDEN"
    assert await member.api.error_code(FLOOR, {"i": {"buildingId": office.building, "name": "X"}}) == "FORBIDDEN"
    assert await member.api.error_code(BOOKABLE, {"i": {"kind": "room", "name": "X"}}) == "FORBIDDEN"
    manager = await add_member(office.company, new_client, permissions=["ga.facility.manage"])
    ok = await manager.api.data(BUILDING, {"i": {"code": "GDG2", "name": "Gudang"}})
    assert ok["createBuilding"]["userErrors"] == []


async def test_another_company_sees_and_books_nothing(office, other_company):
    api = other_company.api
    await enable(api, "ga")
    assert (await api.data(TREE))["buildings"]["nodes"] == []
    assert await api.error_code("query($id: ID!) { building(id: $id) { name } }", {"id": office.building}) == "NOT_FOUND"
    assert await api.error_code(BOOK, slot(office.rooms["Melati"], "09:00", "10:00")) == "NOT_FOUND"
    assert await api.error_code(FLOOR, {"i": {"buildingId": office.building, "name": "Lantai 99"}}) == "NOT_FOUND"
    mine = await make_office(api, code="MSD")  # the same code is free in another company
    assert mine["building"] != office.building


async def test_the_building_tree_costs_a_constant_number_of_statements(office):
    api = office.api
    with QueryCounter() as few:
        await api.data(TREE)
    for n in range(4):
        await make_office(api, code=f"B{n}")
    with QueryCounter() as many:
        data = await api.data(TREE)
    assert len(data["buildings"]["nodes"]) == 5
    assert many.count == few.count, many.statements
