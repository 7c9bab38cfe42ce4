"""GraphQL of the listener: ``exampleReceipts``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from backoffice.sdk import Connection, encode_id, field, paginate

from .tables import ExampleReceipt as ReceiptTable


@strawberry.type(description="The record that a note was announced to this module.")
class ExampleReceipt:
    id: strawberry.ID
    event_id: int
    note_title: str
    created_at: datetime

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ExampleReceipt:
        return cls(id=strawberry.ID(encode_id("ExampleReceipt", row["id"])),
                   event_id=row["event_id"], note_title=row["note_title"],
                   created_at=row["created_at"])


@strawberry.type
class ExampleListenerQuery:
    @field("example_listener.receipt.read", description="Receipts, newest first.")
    async def example_receipts(self, first: int | None = None,
                               after: str | None = None) -> Connection[ExampleReceipt]:
        return await paginate(ReceiptTable, node=ExampleReceipt.from_row, first=first,
                              after=after, order_by=ReceiptTable.id, descending=True)
