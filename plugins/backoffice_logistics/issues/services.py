"""Rules of stock issue documents.

A document is drafted (by hand, or from an approved supply request) and posted once by
logistics: posting issues every line from one location through the stock rules (no negative
stock unless allowed, moving-average value, ``logistics.stock_moved`` with purpose
``internal_use`` so finance books an expense, not a cost of sale). A draft can be cancelled; a
posted document is never edited. A document made from a source record (``source_key``) exists
once per record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, NotFound

from ..stock import services as stock
from ..stock.tables import Item, Location
from .tables import StockIssue, StockIssueLine


@dataclass
class Draft:
    issue_date: date
    lines: list[tuple[int, Decimal]]
    from_location: int | None = None
    reference: str = ""
    note: str = ""
    source: str = "manual"
    source_key: str | None = None
    requested_by: int | None = None
    created_by: int | None = None


async def get_issue(pk: int, *, lock: bool = False) -> dict[str, Any]:
    query = StockIssue.select().where(StockIssue.id == pk)
    if lock and StockIssue._meta.db.engine_type == "postgres":
        rows = await query.lock_rows("UPDATE")
        row = rows[0] if rows else None
    else:
        row = await query.first()
    if row is None:
        raise NotFound()
    return row


async def by_source(source_key: str) -> dict[str, Any] | None:
    return await StockIssue.select().where(StockIssue.source_key == source_key).first()


async def create_draft(draft: Draft) -> tuple[int, bool]:
    """Save a draft; returns ``(id, created)``, the existing document for a known source key."""
    if draft.source_key:
        existing = await by_source(draft.source_key)
        if existing:
            return existing["id"], False
    for i, (_, quantity) in enumerate(draft.lines):
        if quantity <= 0:
            raise BadUserInput(("Issue a positive quantity.", "Keluarkan jumlah positif."), field=f"lines.{i}.quantity")
    known = {r["id"] for r in await Item.select(Item.id).where(Item.id.is_in([x[0] for x in draft.lines] or [0]))}
    if any(item not in known for item, _ in draft.lines):
        raise NotFound()
    if draft.from_location is not None and not await Location.exists().where(Location.id == draft.from_location):
        raise NotFound()
    result = await StockIssue.insert(StockIssue(
        from_location_id=draft.from_location, issue_date=draft.issue_date, reference=draft.reference[:100],
        note=draft.note, source=draft.source, source_key=draft.source_key, requested_by=draft.requested_by,
        created_by=draft.created_by))
    pk = result[0]["id"]
    if draft.lines:
        await StockIssueLine.insert(*[StockIssueLine(issue_id=pk, position=i + 1, item_id=item, quantity=quantity)
                                      for i, (item, quantity) in enumerate(draft.lines)])
    return pk, True


async def post_issue(pk: int, *, from_location: int | None, issue_date: date | None,
                     quantities: dict[int, Decimal] | None, user_id: int | None) -> None:
    """Post a draft: optionally from another location, on another date, with reviewed
    quantities (``{line id: quantity}``; zero leaves a line out)."""
    issue = await get_issue(pk, lock=True)
    if issue["status"] != "draft":
        raise Conflict(("Only a draft can be posted.", "Hanya draf yang dapat diposting."), field="id")
    location = from_location or issue["from_location_id"]
    if location is None:
        raise BadUserInput(("Choose the location the goods leave from.", "Pilih lokasi asal barang."),
                           field="fromLocationId")
    lines = await StockIssueLine.select().where(StockIssueLine.issue_id == pk).order_by(StockIssueLine.position)
    for line_id, quantity in (quantities or {}).items():
        line = next((x for x in lines if x["id"] == line_id), None)
        if line is None:
            raise BadUserInput(("This line is not part of the document.", "Baris ini bukan bagian dari dokumen."),
                               field="lines")
        if quantity < 0:
            raise BadUserInput(("Issue a positive quantity.", "Keluarkan jumlah positif."), field="lines")
        line["quantity"] = quantity
        await StockIssueLine.update({StockIssueLine.quantity: quantity}).where(StockIssueLine.id == line_id)
    wanted = [x for x in lines if Decimal(x["quantity"]) > 0]
    if not wanted:
        raise BadUserInput(("There is nothing to issue.", "Tidak ada yang dikeluarkan."), field="lines")
    day = issue_date or date.today()
    allow_negative = await stock.setting("allow_negative") == "1"
    # Items lock in one order (their ids), so two postings sharing items cannot deadlock.
    for line in sorted(wanted, key=lambda x: (x["item_id"], x["id"])):
        move_id, _ = await stock.post_move(
            kind="issue", purpose="internal_use", item_id=line["item_id"], quantity=Decimal(line["quantity"]),
            from_location=location, to_location=None, unit_cost=None, move_date=day,
            reference=issue["reference"] or f"SI-{pk}", idempotency_key=f"stock-issue:{pk}:{line['id']}",
            allow_negative=allow_negative)
        await StockIssueLine.update({StockIssueLine.move_id: move_id}).where(StockIssueLine.id == line["id"])
    await StockIssue.update({StockIssue.status: "posted", StockIssue.from_location_id: location,
                             StockIssue.issue_date: day, StockIssue.posted_by: user_id,
                             StockIssue.posted_at: datetime.now(UTC)}).where(StockIssue.id == pk)


async def cancel_issue(pk: int) -> None:
    issue = await get_issue(pk, lock=True)
    if issue["status"] != "draft":
        raise Conflict(("Only a draft can be cancelled.", "Hanya draf yang dapat dibatalkan."), field="id")
    await StockIssue.update({StockIssue.status: "cancelled"}).where(StockIssue.id == pk)
