"""Supply rules: a catalogue of office supplies with unique SKUs; a member asks for one or more
active items in positive quantities; general affairs approves or rejects (with a reason), never
their own request; the member may cancel while it waits. An approved request is published as
``ga.supply_request_approved`` so that logistics can issue the stock."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, Forbidden, NotFound, encode_id, publish

from ..common import decimal_string, get_row, next_number, text
from ..common import quantity as check_quantity
from .tables import SupplyItem, SupplyRequest, SupplyRequestLine

EVENT = "ga.supply_request_approved"
MAX_LINES = 50
STATUS_LABELS = {"submitted": ("waiting for a decision", "menunggu keputusan"), "approved": ("approved", "disetujui"),
                 "rejected": ("rejected", "ditolak"), "cancelled": ("cancelled", "dibatalkan")}


def number(n: int) -> str:
    return f"SR-{n:05d}"


def visible(row: dict[str, Any], user_id: int | None, approver: bool) -> bool:
    return approver or (user_id is not None and row["requested_by"] == user_id)


# -- the catalogue --------------------------------------------------------------------------


async def create_item(sku: str, name: str, unit: str) -> int:
    sku, name = text(sku, 64), text(name, 200)
    if not sku or not name:
        raise BadUserInput(("Give the supply a SKU and a name.", "Beri perlengkapan SKU dan nama."), field="sku")
    if await SupplyItem.exists().where(SupplyItem.sku == sku):
        raise Conflict((f"SKU {sku} is taken.", f"SKU {sku} sudah dipakai."), field="sku")
    result = await SupplyItem.insert(SupplyItem(sku=sku, name=name, unit=text(unit, 16) or "pcs"))
    return result[0]["id"]


async def update_item(pk: int, *, sku: str | None, name: str | None, unit: str | None, active: bool | None) -> None:
    """Change a catalogue item; requests already made keep the SKU they were made with."""
    row = await get_row(SupplyItem, pk)
    values: dict[Any, Any] = {}
    if sku is not None and text(sku, 64) != row["sku"]:
        sku = text(sku, 64)
        if not sku:
            raise BadUserInput(("Give the supply a SKU.", "Beri perlengkapan SKU."), field="sku")
        if await SupplyItem.exists().where(SupplyItem.sku == sku):
            raise Conflict((f"SKU {sku} is taken.", f"SKU {sku} sudah dipakai."), field="sku")
        values[SupplyItem.sku] = sku
    if name is not None:
        if not name.strip():
            raise BadUserInput(("Give the supply a name.", "Beri perlengkapan nama."), field="name")
        values[SupplyItem.name] = text(name, 200)
    if unit is not None:
        values[SupplyItem.unit] = text(unit, 16) or "pcs"
    if active is not None:
        values[SupplyItem.active] = active
    if values:
        await SupplyItem.update(values).where(SupplyItem.id == pk)


# -- requests -------------------------------------------------------------------------------


async def request_supplies(*, lines: list[tuple[str, Decimal, str]], note: str, user_id: int | None) -> int:
    """``lines`` are (sku, quantity, note). Returns the new request's key."""
    if not lines:
        raise BadUserInput(("Ask for at least one item.", "Minta setidaknya satu barang."), field="lines")
    if len(lines) > MAX_LINES:
        raise BadUserInput((f"Ask for at most {MAX_LINES} items at once.",
                            f"Minta paling banyak {MAX_LINES} barang sekaligus."), field="lines")
    skus = [sku.strip() for sku, _, _ in lines]
    catalogue = {r["sku"]: r for r in await SupplyItem.select().where(
        SupplyItem.sku.is_in(skus) & (SupplyItem.active == True))}  # noqa: E712
    seen: set[str] = set()
    for i, (sku, quantity, _) in enumerate(lines):
        if sku.strip() not in catalogue:
            raise BadUserInput((f"{sku} is not in the supply catalogue.", f"{sku} tidak ada di katalog perlengkapan."),
                               field=f"lines.{i}.sku")
        if sku.strip() in seen:
            raise BadUserInput((f"{sku} is asked for twice.", f"{sku} diminta dua kali."), field=f"lines.{i}.sku")
        seen.add(sku.strip())
        check_quantity(quantity, f"lines.{i}.quantity")
    result = await SupplyRequest.insert(SupplyRequest(number=await next_number(SupplyRequest), requested_by=user_id,
                                                      note=note or ""))
    pk = result[0]["id"]
    await SupplyRequestLine.insert(*[
        SupplyRequestLine(supply_request_id=pk, sku=sku.strip(), name=catalogue[sku.strip()]["name"],
                          unit=catalogue[sku.strip()]["unit"], quantity=quantity, note=text(line_note, 200))
        for sku, quantity, line_note in lines])
    return pk


async def decide(pk: int, *, approve: bool, reason: str, user_id: int | None, today: date | None = None) -> None:
    row = await get_row(SupplyRequest, pk)
    if row["requested_by"] == user_id:
        raise Forbidden(("Nobody decides their own supply request.",
                         "Tidak ada yang memutuskan permintaan perlengkapannya sendiri."))
    if row["status"] != "submitted":
        label = STATUS_LABELS[row["status"]]
        raise Conflict((f"This request is {label[0]} already.", f"Permintaan ini sudah {label[1]}."), field="id")
    if approve and row["requested_by"] is None and user_id is None:
        raise Conflict(("A member approves this request: it was entered without one.",
                        "Permintaan ini disetujui oleh anggota: permintaan ini dibuat tanpa anggota."), field="id")
    if not approve and not reason.strip():
        raise BadUserInput(("Give the reason for rejecting.", "Beri alasan penolakan."), field="reason")
    approved_on = today or date.today()
    await SupplyRequest.update({
        SupplyRequest.status: "approved" if approve else "rejected", SupplyRequest.decided_by: user_id,
        SupplyRequest.decided_at: datetime.now(UTC), SupplyRequest.decision_reason: reason.strip(),
        SupplyRequest.approved_on: approved_on if approve else None}).where(SupplyRequest.id == pk)
    if approve:
        lines = await SupplyRequestLine.select(SupplyRequestLine.sku, SupplyRequestLine.quantity).where(
            SupplyRequestLine.supply_request_id == pk).order_by(SupplyRequestLine.id)
        await publish(EVENT, {
            "supply_request_id": encode_id("SupplyRequest", pk), "number": number(row["number"]),
            # A request entered without a member (demo data) names its approver instead.
            "requested_by": encode_id("User", row["requested_by"] or user_id), "approved_on": approved_on.isoformat(),
            "lines": [{"sku": line["sku"], "quantity": decimal_string(line["quantity"])} for line in lines]})


async def cancel(pk: int, user_id: int | None) -> None:
    row = await get_row(SupplyRequest, pk)
    if row["requested_by"] != user_id:
        raise NotFound()
    if row["status"] != "submitted":
        label = STATUS_LABELS[row["status"]]
        raise Conflict((f"This request is {label[0]} already.", f"Permintaan ini sudah {label[1]}."), field="id")
    await SupplyRequest.update({SupplyRequest.status: "cancelled"}).where(SupplyRequest.id == pk)
