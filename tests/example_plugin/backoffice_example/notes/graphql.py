"""GraphQL of the notes area: ``exampleNotes``, ``exampleNote`` and the note mutations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from backoffice.sdk import (
    Connection,
    NotFound,
    Payload,
    decode_id,
    encode_id,
    enqueue,
    field,
    mutation,
    paginate,
)

from ..permissions import READ, WRITE
from . import jobs, services
from .tables import ExampleNote as NoteTable


@strawberry.type(description="A short note of the team.")
class ExampleNote:
    id: strawberry.ID
    title: str
    body: str
    created_at: datetime
    status: str = strawberry.field(description="published, pending (waits for approval) or rejected.")

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ExampleNote:
        return cls(id=strawberry.ID(encode_id("ExampleNote", row["id"])), title=row["title"],
                   body=row["body"], created_at=row["created_at"], status=row["status"])


@strawberry.input
class CreateExampleNoteInput:
    title: str
    body: str = ""


@strawberry.input
class SubmitExampleNoteInput:
    id: strawberry.ID


@strawberry.input
class ImportExampleNotesInput:
    notes: list[CreateExampleNoteInput]


@strawberry.input
class CountExampleNotesInput:
    title_contains: str = ""


@strawberry.input
class ExportExampleNotesInput:
    target: str = strawberry.field(description="Where to send the notes, e.g. archive://main.")


@strawberry.type
class CreateExampleNotePayload(Payload):
    note: ExampleNote | None = None


@strawberry.type
class ImportExampleNotesPayload(Payload):
    notes: list[ExampleNote] = strawberry.field(default_factory=list)


@strawberry.type
class ExampleJobPayload(Payload):
    job_id: strawberry.ID | None = strawberry.field(
        default=None, description="Follow it with the `job` query.")


@strawberry.type
class ExampleQuery:
    @field(READ, description="The company's notes, newest first.")
    async def example_notes(self, first: int | None = None,
                            after: str | None = None) -> Connection[ExampleNote]:
        return await paginate(NoteTable, node=ExampleNote.from_row, first=first, after=after,
                              order_by=NoteTable.id, descending=True)

    @field(READ, description="One note, by id.")
    async def example_note(self, id: strawberry.ID) -> ExampleNote:
        row = await NoteTable.select().where(NoteTable.id == decode_id(id, "ExampleNote")).first()
        if row is None:
            raise NotFound()
        return ExampleNote.from_row(row)


@strawberry.type
class ExampleMutation:
    @mutation(WRITE, description="Write a note; publishes `example.note_created`.")
    async def create_example_note(self, input: CreateExampleNoteInput) -> CreateExampleNotePayload:
        row = await services.create_note(input.title, input.body)
        return CreateExampleNotePayload(note=ExampleNote.from_row(row))

    @mutation(WRITE, description="Send a note for approval: it waits in the approvals inbox.")
    async def submit_example_note(self, info: strawberry.Info,
                                  input: SubmitExampleNoteInput) -> CreateExampleNotePayload:
        from .approvals import submit

        pk = decode_id(input.id, "ExampleNote")
        await submit(pk, info.context.actor.user_id)
        row = await NoteTable.select().where(NoteTable.id == pk).first()
        return CreateExampleNotePayload(note=ExampleNote.from_row(row))

    @mutation(WRITE, description="Write several notes at once: all of them, or none.")
    async def import_example_notes(self, input: ImportExampleNotesInput) -> ImportExampleNotesPayload:
        rows = await services.import_notes([(n.title, n.body) for n in input.notes])
        return ImportExampleNotesPayload(notes=[ExampleNote.from_row(r) for r in rows])

    @mutation(READ, description="Count the notes in the background; returns the job.")
    async def count_example_notes(self, input: CountExampleNotesInput) -> ExampleJobPayload:
        job_id = await enqueue(jobs.count_notes, title_contains=input.title_contains)
        return ExampleJobPayload(job_id=strawberry.ID(encode_id("Job", job_id)))

    @mutation(WRITE, description="Send the notes to an archive in the background.")
    async def export_example_notes(self, input: ExportExampleNotesInput) -> ExampleJobPayload:
        job_id = await enqueue(jobs.export_notes, target=input.target.strip())
        return ExampleJobPayload(job_id=strawberry.ID(encode_id("Job", job_id)))
