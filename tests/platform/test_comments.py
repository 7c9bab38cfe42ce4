"""Comments on records of commentable types, and @mentions: every boundary answers NOT_FOUND
alike (no such record, another company's, a type nobody registered, a module switched off, a
member without the record's permission); only the author deletes a comment; a mention notifies
the mentioned member when they may read the record."""

from __future__ import annotations

from typing import Any

from helpers import QueryCounter, add_member, disable, enable, unique_email

NOTE = """mutation($t: String!) { createExampleNote(input: {title: $t}) { note { id } userErrors { code } } }"""
COMMENTS = """query($r: ID!, $after: String) { comments(recordId: $r, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { id recordId body createdAt mine author { id fullName } mentions { id fullName } } } }"""
ADD = """mutation($r: ID!, $b: String!) { addComment(input: {recordId: $r, body: $b}) {
  comment { id body author { fullName } mentions { id fullName } } userErrors { code field message } } }"""
DELETE = """mutation($id: ID!) { deleteComment(input: {id: $id}) { deletedId userErrors { code } } }"""
NOTIFICATIONS = "{ notifications { unreadCount nodes { kind title body link } } }"


async def _note(company: Any, title: str = "Quarterly plan") -> str:
    data = await company.api.data(NOTE, {"t": title})
    return data["createExampleNote"]["note"]["id"]


async def _user_id(api: Any) -> str:
    return (await api.data("{ me { id } }"))["me"]["id"]


async def _code(api: Any, query: str, variables: dict[str, Any]) -> str:
    body = await api.gql(query, variables)
    assert body.get("errors"), body
    return body["errors"][0]["extensions"]["code"]


async def test_comment_on_a_record_and_read_the_thread(company, new_client):
    await enable(company.api, "example")
    note = await _note(company)
    first = await company.api.data(ADD, {"r": note, "b": "  First thoughts.  "})
    assert first["addComment"]["userErrors"] == []
    assert first["addComment"]["comment"]["body"] == "First thoughts."
    reader = await add_member(company, new_client, permissions=["example.note.read"], name="Rina")
    await reader.api.data(ADD, {"r": note, "b": "Agreed."})
    thread = (await reader.api.data(COMMENTS, {"r": note}))["comments"]
    assert [(c["body"], c["author"]["fullName"], c["mine"]) for c in thread["nodes"]] == [
        ("First thoughts.", "Test Owner", False), ("Agreed.", "Rina", True)]
    assert all(c["recordId"] == note for c in thread["nodes"])
    empty = await company.api.data(ADD, {"r": note, "b": "   "})
    assert empty["addComment"]["userErrors"][0]["code"] == "BAD_USER_INPUT"
    long = await company.api.data(ADD, {"r": note, "b": "x" * 10_001})
    assert long["addComment"]["userErrors"][0]["field"] == ["input", "body"]


async def test_every_boundary_reads_as_not_found(company, other_company, new_client):
    from backoffice.graphql.ids import encode_id

    await enable(company.api, "example")
    await enable(other_company.api, "example")
    note = await _note(company)
    await company.api.data(ADD, {"r": note, "b": "Ours."})
    theirs = await _note(other_company)
    missing = encode_id("ExampleNote", 10**9)
    unregistered = encode_id("Role", 1)  # a real type that nobody made commentable
    for record in (theirs, missing, unregistered, "not-an-id", encode_id("ExampleNote", "x")):
        assert await _code(company.api, COMMENTS, {"r": record}) == "NOT_FOUND", record
        assert await _code(company.api, ADD, {"r": record, "b": "Hi"}) == "NOT_FOUND", record
    # Another company cannot read ours, not even knowing its id.
    assert await _code(other_company.api, COMMENTS, {"r": note}) == "NOT_FOUND"
    # A member without the record's permission: the same answer as for a missing record.
    outsider = await add_member(company, new_client, permissions=["core.user.read"])
    assert await _code(outsider.api, COMMENTS, {"r": note}) == "NOT_FOUND"
    assert await _code(outsider.api, ADD, {"r": note, "b": "Hi"}) == "NOT_FOUND"
    anonymous = await new_client()
    assert await _code(anonymous, COMMENTS, {"r": note}) == "UNAUTHENTICATED"
    # A module switched off: its records take no comments until it is on again.
    assert (await disable(company.api, "example"))["userErrors"] == []
    assert await _code(company.api, COMMENTS, {"r": note}) == "NOT_FOUND"
    await enable(company.api, "example")
    assert len((await company.api.data(COMMENTS, {"r": note}))["comments"]["nodes"]) == 1


async def test_only_the_author_deletes(company, other_company, new_client):
    await enable(company.api, "example")
    note = await _note(company)
    reader = await add_member(company, new_client, permissions=["example.note.read"])
    comment = (await reader.api.data(ADD, {"r": note, "b": "Mine"}))["addComment"]["comment"]["id"]
    assert await _code(company.api, DELETE, {"id": comment}) == "FORBIDDEN"
    assert await _code(other_company.api, DELETE, {"id": comment}) == "NOT_FOUND"
    outsider = await add_member(company, new_client, permissions=["core.user.read"])
    assert await _code(outsider.api, DELETE, {"id": comment}) == "NOT_FOUND"
    assert len((await company.api.data(COMMENTS, {"r": note}))["comments"]["nodes"]) == 1
    done = await reader.api.data(DELETE, {"id": comment})
    assert done["deleteComment"] == {"deletedId": comment, "userErrors": []}
    assert (await company.api.data(COMMENTS, {"r": note}))["comments"]["nodes"] == []
    assert await _code(reader.api, DELETE, {"id": comment}) == "NOT_FOUND"


async def test_mentions_notify_members_who_may_read_the_record(company, new_client):
    await enable(company.api, "example")
    note = await _note(company)
    reader = await add_member(company, new_client, permissions=["example.note.read"], name="Rina")
    typed = await add_member(company, new_client, permissions=["example.note.read"], name="Tono")
    blind = await add_member(company, new_client, permissions=["core.user.read"], name="Budi")
    reader_id, blind_id = await _user_id(reader.api), await _user_id(blind.api)
    body = (f"@[Rina]({reader_id}) and @{typed.email.upper()}, see this; "
            f"@[Budi]({blind_id}) cannot; @{unique_email('stranger')} is nobody here; "
            f"@[Forged](bm90LWEtdXNlcg) neither.")
    added = (await company.api.data(ADD, {"r": note, "b": body}))["addComment"]
    assert sorted(m["fullName"] for m in added["comment"]["mentions"]) == ["Budi", "Rina", "Tono"]
    for person in (reader, typed):
        got = (await person.api.data(NOTIFICATIONS))["notifications"]
        assert got["unreadCount"] == 1
        (n,) = got["nodes"]
        assert n["kind"] == "core.mentioned"
        assert n["title"] == "Test Owner mentioned you in a comment"
        assert n["link"] == f"/example/notes/{note}"
        assert n["body"].startswith("@Rina and @")  # tokens read as plain names
    assert (await blind.api.data(NOTIFICATIONS))["notifications"]["nodes"] == []
    # Mentioning yourself notifies nobody.
    await reader.api.data(ADD, {"r": note, "b": f"Noted, @[Rina]({reader_id})."})
    assert (await reader.api.data(NOTIFICATIONS))["notifications"]["unreadCount"] == 1


async def test_the_thread_costs_the_same_for_2_or_20_comments(company, new_client):
    await enable(company.api, "example")
    note = await _note(company)
    people = [await add_member(company, new_client, permissions=["example.note.read"], name=f"P{i}")
              for i in range(4)]
    for p in people[:2]:
        await p.api.data(ADD, {"r": note, "b": "Hello"})
    with QueryCounter() as few:
        await company.api.data(COMMENTS, {"r": note})
    mentioned = await _user_id(people[0].api)
    for i in range(18):
        await people[i % 4].api.data(ADD, {"r": note, "b": f"More {i} @[x]({mentioned})"})
    with QueryCounter() as many:
        thread = (await company.api.data(COMMENTS, {"r": note}))["comments"]
    assert len(thread["nodes"]) == 20
    assert many.count == few.count
