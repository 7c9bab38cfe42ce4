"""Small helpers shared by the areas of general affairs: fetching one row, per-company
running numbers, and global ids of users."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from backoffice.sdk import BadUserInput, Forbidden, NotFound, current_tenant_id, decode_id, encode_id

CURRENCY_MESSAGE = ("Give a three-letter currency code, such as IDR.", "Beri kode mata uang tiga huruf, misalnya IDR.")


async def get_row(table: Any, pk: int) -> dict[str, Any]:
    """The row ``pk`` of ``table`` in the current company, or NOT_FOUND."""
    row = await table.select().where(table.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def next_number(table: Any) -> int:
    """The next running number of ``table`` in the current company. On PostgreSQL two
    concurrent requests queue on a transaction lock; SQLite serialises writers anyway; a
    unique index on (tenant_id, number) is the last word."""
    if table._meta.db.engine_type == "postgres":
        await table.raw("SELECT pg_advisory_xact_lock(hashtext({}), {})", table._meta.tablename, current_tenant_id())
    last = await table.select(table.number).order_by(table.number, ascending=False).first()
    return (last["number"] + 1) if last else 1


def user_gid(pk: int | None) -> str | None:
    return encode_id("User", pk) if pk else None


def user_pk(global_id: str | None) -> int | None:
    return decode_id(global_id, "User") if global_id else None


def currency(code: str | None, field: str = "currency") -> str:
    value = (code or "IDR").strip().upper()
    if len(value) != 3 or not value.isalpha():
        raise BadUserInput(CURRENCY_MESSAGE, field=field)
    return value


def decimal_string(value: Any) -> str:
    """A decimal as plain digits without trailing zeros: 5, 2.5 (never 5.000 or 1E+1)."""
    number = Decimal(str(value))
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def text(value: str | None, limit: int) -> str:
    return (value or "").strip()[:limit]


def quantity(value: Decimal, field: str) -> Decimal:
    """A positive quantity with at most three decimals."""
    if not value.is_finite() or value <= 0 or value >= Decimal(10) ** 12 or value.normalize().as_tuple().exponent < -3:
        raise BadUserInput(("Give a positive quantity (at most three decimals).",
                            "Beri jumlah positif (paling banyak tiga desimal)."), field=field)
    return value


def money(value: Decimal, field: str) -> Decimal:
    """An amount of money: not negative, at most two decimals."""
    if not value.is_finite() or value < 0 or value >= Decimal(10) ** 15 or value.normalize().as_tuple().exponent < -2:
        raise BadUserInput(("Give an amount that is not negative, with at most two decimals.",
                            "Beri jumlah yang tidak negatif, paling banyak dua desimal."), field=field)
    return value


def person(info: Any) -> int:
    """The logged-in member behind a self-service call (an API client alone has no "own" records)."""
    user_id = info.context.actor.user_id
    if user_id is None:
        raise Forbidden(("This is done by a member, not by an API client.",
                         "Ini dilakukan oleh anggota, bukan oleh klien API."))
    return user_id
