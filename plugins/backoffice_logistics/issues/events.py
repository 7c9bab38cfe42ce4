"""Logistics' reactions to other departments' events."""

from __future__ import annotations

from collections import OrderedDict
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from backoffice.sdk import BackofficeError, decode_id

from ..stock import services as stock
from ..stock.tables import Item
from . import services

SOURCE = "ga.supply_request"


def _quantity(raw: Any) -> Decimal | None:
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() and value > 0 else None


def _day(raw: Any, fallback: date) -> date:
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        return fallback


def _user(raw: Any) -> int | None:
    try:
        return decode_id(str(raw), "User") if raw else None
    except BackofficeError:
        return None


async def draft_from_supply_request(event: Any) -> None:
    """``ga.supply_request_approved`` → a DRAFT stock issue document, once per supply request.

    It takes from the company's default location (see ``stock.services.default_location``);
    logistics reviews and posts it, so an approval never pushes stock below zero on its own.
    Lines whose SKU is not an item here, or whose quantity is not a positive number, are left
    out and listed in the document's note. Nothing here raises on a malformed payload: a
    failing handler would be retried forever.
    """
    p = event.payload or {}
    request_id = str(p.get("supply_request_id") or f"event-{event.id}")
    key = f"ga.supply_request_approved:{request_id}"[:200]
    if await services.by_source(key):
        return
    raw_lines = [x for x in (p.get("lines") or []) if isinstance(x, dict)]
    skus = [str(x.get("sku") or "").strip() for x in raw_lines]
    items = {r["sku"]: r["id"] for r in await Item.select(Item.id, Item.sku).where(Item.sku.is_in(skus or [""]))}
    wanted: OrderedDict[int, Decimal] = OrderedDict()
    unknown: list[str] = []
    unreadable: list[str] = []
    for sku, line in zip(skus, raw_lines, strict=True):
        quantity = _quantity(line.get("quantity"))
        if sku not in items:
            unknown.append(f"{sku or '?'} × {line.get('quantity')}")
        elif quantity is None:
            unreadable.append(f"{sku} × {line.get('quantity')}")
        else:
            wanted[items[sku]] = wanted.get(items[sku], Decimal(0)) + quantity
    location = await stock.default_location()
    notes = []
    if unknown:
        notes += [f"Not issued, unknown SKU: {', '.join(unknown)}.",
                  f"Tidak dikeluarkan, SKU tidak dikenal: {', '.join(unknown)}."]
    if unreadable:
        notes += [f"Not issued, the quantity is not a positive number: {', '.join(unreadable)}.",
                  f"Tidak dikeluarkan, jumlah bukan angka positif: {', '.join(unreadable)}."]
    if location is None:
        notes += ["There is no warehouse location yet: choose one when posting.",
                  "Belum ada lokasi gudang: pilih lokasi saat memposting."]
    number = str(p.get("number") or "")
    await services.create_draft(services.Draft(
        issue_date=_day(p.get("approved_on"), event.created_at.date()), lines=list(wanted.items()),
        from_location=location, reference=number, note="\n".join(notes), source=SOURCE, source_key=key,
        requested_by=_user(p.get("requested_by"))))
