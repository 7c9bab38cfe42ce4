"""Rules of the service portal.

A member submits a request of a type some enabled module offers; it waits in that department's
queue (or first for approval, when the type says so) with a due time from the type's response
target. A holder of the type's ``handler_permission`` accepts it, which runs the type's
``accept`` in the same transaction and keeps the global id of the record it made, or rejects it
with a reason. The requester may cancel it until it is decided. For anyone else a request does
not exist: missing and not yours read the same (``NOT_FOUND``).

Approvals: a request of a type with ``needs_approval`` starts as ``pending_approval``. The
approvals inbox (or any other code) lists those with :func:`pending_approvals` and reports the
decision with :func:`approval_decided`, inside its own transaction; an approved request then
enters the department's queue and its response clock starts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from backoffice.db.scope import current_tenant_id
from backoffice.errors import BadUserInput, Conflict, NotFound
from backoffice.graphql.ids import decode_id, encode_id
from backoffice.i18n import translate
from backoffice.modules.types import ApprovalItem, RequestType, ServiceRequestContext
from backoffice.portal import forms
from backoffice.portal.tables import ServiceRequest
from backoffice.runtime import get_registry

STATUSES = ("pending_approval", "submitted", "accepted", "rejected", "cancelled")
OPEN = ("pending_approval", "submitted")
TITLE_LIMIT = 200
REASON_LIMIT = 2000
LABELS = {"pending_approval": ("waiting for approval", "menunggu persetujuan"),
          "submitted": ("waiting for the department", "menunggu departemen"),
          "accepted": ("accepted", "diterima"), "rejected": ("rejected", "ditolak"),
          "cancelled": ("cancelled", "dibatalkan")}


def now() -> datetime:
    return datetime.now(UTC)


def number_text(n: int) -> str:
    return f"REQ-{n:05d}"


def global_id(pk: int) -> str:
    return encode_id("ServiceRequest", pk)


# -- request types -----------------------------------------------------------------------------


def request_types(enabled: Iterable[str]) -> list[tuple[str, RequestType]]:
    """``(module, type)`` for every request type of the enabled modules, in module order."""
    keys = set(enabled)
    return [(m.key, t) for m in get_registry() if m.key in keys for t in m.request_types]


def find_type(key: str, enabled: Iterable[str] | None = None) -> tuple[str, RequestType] | None:
    """The type ``key`` with its module; among the enabled modules when ``enabled`` is given."""
    keys = set(enabled) if enabled is not None else None
    for m in get_registry():
        if keys is not None and m.key not in keys:
            continue
        for t in m.request_types:
            if t.key == key:
                return m.key, t
    return None


def handled_types(enabled: Iterable[str], permissions: Iterable[str]) -> set[str]:
    """Keys of the types whose queue a holder of ``permissions`` works on."""
    granted = set(permissions)
    return {t.key for _, t in request_types(enabled) if t.handler_permission in granted}


def link_of(row: dict[str, Any]) -> str:
    """Where the requester finds the record an accepted request made."""
    found = find_type(row["type_key"])
    if row["status"] != "accepted" or not row["record_id"] or found is None or not found[1].link:
        return ""
    return found[1].link.replace("{id}", row["record_id"])


def overdue(row: dict[str, Any], at: datetime | None = None) -> bool:
    """Still waiting in the queue past its due time."""
    return row["status"] == "submitted" and row["due_at"] is not None and row["due_at"] < (at or now())


def values_of(row: dict[str, Any]) -> dict[str, Any]:
    raw = row["form_values"]
    return json.loads(raw) if isinstance(raw, str) else dict(raw or {})


# -- reading -------------------------------------------------------------------------------------


async def get(pk: int) -> dict[str, Any]:
    row = await ServiceRequest.select().where(ServiceRequest.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def visible(pk: int, *, user_id: int | None, handled: set[str]) -> dict[str, Any]:
    """The request, for its requester or a handler of its type; ``NOT_FOUND`` for anyone else."""
    row = await ServiceRequest.select().where(ServiceRequest.id == pk).first()
    if row is None:
        raise NotFound()
    own = user_id is not None and row["requester_user_id"] == user_id
    if not own and (row["type_key"] not in handled or row["status"] == "pending_approval"):
        raise NotFound()
    return row


async def _for_handler(pk: int, handled: set[str]) -> dict[str, Any]:
    row = await ServiceRequest.select().where(ServiceRequest.id == pk).first()
    if row is None or row["type_key"] not in handled or row["status"] == "pending_approval":
        # Waiting for approval, a request is not the department's yet.
        raise NotFound()
    return row


def _already(row: dict[str, Any]) -> Conflict:
    label = LABELS[row["status"]]
    return Conflict((f"This request is {label[0]}.", f"Permintaan ini {label[1]}."), field="id")


# -- submitting ----------------------------------------------------------------------------------


async def _next_number() -> int:
    """The next running number in the company. On PostgreSQL concurrent submissions queue on a
    transaction lock; SQLite serialises writers; a unique index has the last word."""
    if ServiceRequest._meta.db.engine_type == "postgres":
        await ServiceRequest.raw("SELECT pg_advisory_xact_lock(hashtext('service_requests'), {})",
                                 current_tenant_id())
    last = await ServiceRequest.select(ServiceRequest.number).order_by(
        ServiceRequest.number, ascending=False).first()
    return (last["number"] + 1) if last else 1


async def submit(*, type_key: str, title: str, values: Any, requester: int,
                 enabled: Iterable[str]) -> int:
    """Submit a request of ``type_key`` (a type of an enabled module). Returns its key."""
    found = find_type(type_key, enabled)
    if found is None:
        raise BadUserInput(("Choose a kind of request the company offers.",
                            "Pilih jenis permintaan yang disediakan perusahaan."), field="type")
    module, rtype = found
    title = (title or "").strip()
    if not title:
        raise BadUserInput(("Say briefly what you need.", "Sebutkan singkat apa yang Anda perlukan."), field="title")
    if len(title) > TITLE_LIMIT:
        raise BadUserInput((f"A title has at most {TITLE_LIMIT} characters.",
                            f"Judul paling banyak {TITLE_LIMIT} karakter."), field="title")
    cleaned = forms.clean(rtype.fields, values)
    at = now()
    queued = not rtype.needs_approval
    result = await ServiceRequest.insert(ServiceRequest(
        number=await _next_number(), type_key=rtype.key, module=module, title=title, form_values=cleaned,
        status="submitted" if queued else "pending_approval", requester_user_id=requester,
        response_hours=rtype.response_hours, submitted_at=at, queued_at=at if queued else None,
        due_at=at + timedelta(hours=rtype.response_hours) if queued else None,
    )).returning(ServiceRequest.id)
    return result[0]["id"]


# -- the department's decision -------------------------------------------------------------------


def _scoped_error(exc: BadUserInput | Conflict, rtype: RequestType) -> BadUserInput | Conflict:
    """A module's refusal inside ``accept``, pointed at the form field it names (if any)."""
    names = {f.field for f in rtype.fields}
    name = exc.field or ""
    if name.startswith("values."):
        field: str | None = name
    else:
        field = f"values.{name}" if name in names else None
    return type(exc)(exc.text, code=exc.code, field=field, **exc.extra)


async def accept(pk: int, *, user_id: int, handled: set[str]) -> dict[str, Any]:
    """Accept a request in the queue: the type's ``accept`` makes the module's record in this
    transaction, and its global id is kept on the request. Returns the request."""
    row = await _for_handler(pk, handled)
    if row["status"] != "submitted":
        raise _already(row)
    found = find_type(row["type_key"])
    if found is None:  # handled types are installed and enabled; this is a safeguard
        raise NotFound()
    rtype = found[1]
    claimed = await ServiceRequest.update({
        ServiceRequest.status: "accepted", ServiceRequest.decided_at: now(), ServiceRequest.decided_by: user_id,
    }).where((ServiceRequest.id == pk) & (ServiceRequest.status == "submitted")).returning(ServiceRequest.id)
    if not claimed:  # decided meanwhile by someone else
        raise _already(await get(pk))
    ctx = ServiceRequestContext(request_id=global_id(pk), requester_user_id=row["requester_user_id"],
                                values=forms.parse(rtype.fields, values_of(row)), title=row["title"],
                                accepted_by=user_id)
    try:
        record_id = await rtype.accept(ctx)
    except (BadUserInput, Conflict) as exc:
        raise _scoped_error(exc, rtype) from exc
    if not isinstance(record_id, str) or not record_id:
        raise TypeError(f"accept of request type {rtype.key!r} must return the new record's global id")
    await ServiceRequest.update({ServiceRequest.record_id: record_id}).where(ServiceRequest.id == pk)
    return await get(pk)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise BadUserInput(("Say why the request is rejected.", "Sebutkan alasan permintaan ditolak."),
                           field="reason")
    if len(reason) > REASON_LIMIT:
        raise BadUserInput((f"A reason has at most {REASON_LIMIT} characters.",
                            f"Alasan paling banyak {REASON_LIMIT} karakter."), field="reason")
    return reason


async def reject(pk: int, *, reason: str, user_id: int | None, handled: set[str]) -> dict[str, Any]:
    row = await _for_handler(pk, handled)
    if row["status"] != "submitted":
        raise _already(row)
    reason = _reason(reason)
    done = await ServiceRequest.update({
        ServiceRequest.status: "rejected", ServiceRequest.reason: reason, ServiceRequest.decided_at: now(),
        ServiceRequest.decided_by: user_id,
    }).where((ServiceRequest.id == pk) & (ServiceRequest.status == "submitted")).returning(ServiceRequest.id)
    if not done:
        raise _already(await get(pk))
    return await get(pk)


async def cancel(pk: int, *, user_id: int) -> dict[str, Any]:
    """The requester takes a request back while nobody has decided it."""
    row = await ServiceRequest.select().where(ServiceRequest.id == pk).first()
    if row is None or row["requester_user_id"] != user_id:
        raise NotFound()
    if row["status"] not in OPEN:
        raise _already(row)
    done = await ServiceRequest.update({
        ServiceRequest.status: "cancelled", ServiceRequest.decided_at: now(), ServiceRequest.decided_by: user_id,
    }).where((ServiceRequest.id == pk) & ServiceRequest.status.is_in(list(OPEN))).returning(ServiceRequest.id)
    if not done:
        raise _already(await get(pk))
    return await get(pk)


# -- approvals -----------------------------------------------------------------------------------


async def approval_decided(request_id: str, approve: bool, reason: str = "",
                           decided_by: int | None = None) -> None:
    """Record the approval decision on a request waiting for one (``pending_approval``).

    Call it inside the caller's transaction and the tenant's scope. Approved, the request joins
    the department's queue and is due ``response_hours`` from now; rejected (a reason is
    required), it ends there and its requester reads the reason. ``request_id`` is the
    request's global id. Raises ``NOT_FOUND`` for an unknown id and ``CONFLICT`` when the request
    no longer waits for approval (cancelled or decided). The signature matches
    ``Approvable.decide``."""
    pk = decode_id(request_id, "ServiceRequest")
    row = await get(pk)
    if row["status"] != "pending_approval":
        raise _already(row)
    at = now()
    values: dict[Any, Any] = {ServiceRequest.approval_decided_at: at, ServiceRequest.approval_decided_by: decided_by}
    if approve:
        values.update({ServiceRequest.status: "submitted", ServiceRequest.queued_at: at,
                       ServiceRequest.due_at: at + timedelta(hours=row["response_hours"])})
    else:
        values.update({ServiceRequest.status: "rejected", ServiceRequest.reason: _reason(reason),
                       ServiceRequest.decided_at: at, ServiceRequest.decided_by: decided_by})
    done = await ServiceRequest.update(values).where(
        (ServiceRequest.id == pk) & (ServiceRequest.status == "pending_approval")).returning(ServiceRequest.id)
    if not done:
        raise _already(await get(pk))


async def pending_approvals() -> list[ApprovalItem]:
    """The company's requests waiting for approval, oldest first, as the approvals inbox lists
    them (titles in the current locale)."""
    rows = await ServiceRequest.select().where(ServiceRequest.status == "pending_approval").order_by(
        ServiceRequest.id)
    items = []
    for row in rows:
        found = find_type(row["type_key"])
        label = translate(found[1].label) if found else row["type_key"]
        items.append(ApprovalItem(id=global_id(row["id"]), title=f"{label}: {row['title']}",
                                  requester_user_id=row["requester_user_id"], submitted_at=row["submitted_at"],
                                  link="/portal"))
    return items
