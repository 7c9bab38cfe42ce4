"""Notes in the approvals inbox: a note sent for approval waits there, as ``example.note``,
for whoever the company's rules name (without a rule, holders of ``example.note.write``);
approving publishes it, rejecting keeps the reason. What a third-party module needs to join the
inbox is these two functions and the ``register_approvables`` hook."""

from __future__ import annotations

from backoffice.sdk import Approvable, ApprovalItem, Conflict, NotFound, Text, decode_id, encode_id

from ..permissions import WRITE
from .tables import ExampleNote


async def submit(pk: int, user_id: int | None) -> None:
    row = await ExampleNote.select(ExampleNote.status).where(ExampleNote.id == pk).first()
    if row is None:
        raise NotFound()
    if row["status"] == "pending":
        raise Conflict(("This note already waits for approval.", "Catatan ini sudah menunggu persetujuan."))
    await ExampleNote.update({ExampleNote.status: "pending", ExampleNote.submitted_by: user_id,
                              ExampleNote.decision_reason: ""}).where(ExampleNote.id == pk)


async def pending() -> list[ApprovalItem]:
    rows = await ExampleNote.select(ExampleNote.id, ExampleNote.title, ExampleNote.submitted_by,
                                    ExampleNote.created_at).where(ExampleNote.status == "pending")
    return [ApprovalItem(id=encode_id("ExampleNote", r["id"]), title=r["title"],
                         requester_user_id=r["submitted_by"], submitted_at=r["created_at"],
                         link=f"/example/notes/{encode_id('ExampleNote', r['id'])}") for r in rows]


async def decide(record_id: str, approve: bool, reason: str, decided_by: int) -> None:
    pk = decode_id(record_id, "ExampleNote")
    row = await ExampleNote.select(ExampleNote.status).where(ExampleNote.id == pk).first()
    if row is None or row["status"] != "pending":
        raise Conflict(("This note does not wait for approval.", "Catatan ini tidak menunggu persetujuan."))
    await ExampleNote.update({ExampleNote.status: "published" if approve else "rejected",
                              ExampleNote.decision_reason: "" if approve else reason}).where(ExampleNote.id == pk)


APPROVABLES = [Approvable(kind="example.note", label=Text("Note to publish", "Catatan untuk diterbitkan"),
                          permission=WRITE, pending=pending, decide=decide)]
