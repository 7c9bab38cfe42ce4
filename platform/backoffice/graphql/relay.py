"""Relay connections with keyset pagination (``first``/``after``), shared by every module."""

from __future__ import annotations

import base64
import json
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Generic, TypeVar

import strawberry

from backoffice.errors import BadUserInput

T = TypeVar("T")

MAX_PAGE = 100
DEFAULT_PAGE = 20


@strawberry.type(description="Where a page sits in a list.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type(description="A page of a list. Pass `endCursor` as `after` for the next page.")
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    _count: strawberry.Private[Callable[[], Awaitable[int]] | None] = None

    @strawberry.field(description="All matching records, across pages.")
    async def total_count(self) -> int:
        return await self._count() if self._count else len(self.edges)

    @strawberry.field(description="The records of this page (the nodes of `edges`).")
    def nodes(self) -> list[T]:
        return [e.node for e in self.edges]


def _jsonable(v: Any) -> Any:
    if isinstance(v, datetime):
        return {"t": v.isoformat()}
    if isinstance(v, date):
        return {"D": v.isoformat()}
    if isinstance(v, Decimal):
        return {"d": str(v)}
    return v


def _from_jsonable(v: Any) -> Any:
    if isinstance(v, dict) and "t" in v:
        return datetime.fromisoformat(v["t"])
    if isinstance(v, dict) and "D" in v:
        return date.fromisoformat(v["D"])
    if isinstance(v, dict) and "d" in v:
        return Decimal(v["d"])
    return v


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps([_jsonable(v) for v in values], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, size: int) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode())
        values = json.loads(raw)
        if not isinstance(values, list) or len(values) != size:
            raise ValueError
        return [_from_jsonable(v) for v in values]
    except (ValueError, TypeError, json.JSONDecodeError) as exc:
        raise BadUserInput(("The cursor is not valid.", "Kursor tidak valid."),
                           field="after") from exc


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE
    if first < 0 or first > MAX_PAGE:
        raise BadUserInput(
            (f"first must be between 0 and {MAX_PAGE}.", f"first harus antara 0 dan {MAX_PAGE}."),
            field="first",
        )
    return first


async def paginate(
    table: Any,
    *,
    node: Callable[[dict[str, Any]], Any],
    first: int | None = None,
    after: str | None = None,
    where: Any = None,
    order_by: Any = None,
    descending: bool = False,
    columns: tuple[Any, ...] = (),
) -> Connection[Any]:
    """One page of ``table`` as a connection, ordered by ``order_by`` then the primary key.

    ``where`` is a Piccolo where clause (the tenant filter is added by the table itself).
    The total count runs only when a client asks for ``totalCount``.
    """
    size = page_size(first)
    pk = table._meta.primary_key
    order = [c for c in (order_by, pk) if c is not None]
    if order_by is not None and order_by._meta.name == pk._meta.name:
        order = [pk]
    query = table.select(*columns) if columns else table.select()
    if where is not None:
        query = query.where(where)
    if after:
        values = decode_cursor(after, len(order))
        query = query.where(_after_clause(order, values, descending))
    for column in order:
        query = query.order_by(column, ascending=not descending)
    rows = await query.limit(size + 1)
    has_next = len(rows) > size
    rows = rows[:size]
    edges = [
        Edge(cursor=encode_cursor([row[c._meta.name] for c in order]), node=node(row))
        for row in rows
    ]

    async def count() -> int:
        q = table.count()
        if where is not None:
            q = q.where(where)
        return await q

    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=bool(after),
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        _count=count,
    )


def _after_clause(order: list[Any], values: list[Any], descending: bool) -> Any:
    """(a, b) > (va, vb) written out for engines without row comparison."""
    clause = None
    for i, column in enumerate(order):
        part = (column < values[i]) if descending else (column > values[i])
        for j in range(i):
            part = part & (order[j] == values[j])
        clause = part if clause is None else (clause | part)
    return clause


def connection_from_list(items: list[Any], first: int | None, after: str | None,
                         key: Callable[[Any], Any]) -> Connection[Any]:
    """A connection over an in-memory list (small catalogues such as modules)."""
    size = page_size(first)
    start = 0
    if after:
        (last,) = decode_cursor(after, 1)
        keys = [key(i) for i in items]
        start = keys.index(last) + 1 if last in keys else len(items)
    page = items[start:start + size]
    edges = [Edge(cursor=encode_cursor([key(i)]), node=i) for i in page]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=start + size < len(items),
            has_previous_page=start > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        _count=_constant(len(items)),
    )


def _constant(n: int) -> Callable[[], Awaitable[int]]:
    async def count() -> int:
        return n

    return count
