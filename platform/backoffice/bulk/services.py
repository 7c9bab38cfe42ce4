"""Bulk operations: starting one, reading and cancelling the caller's own, and the signed,
short-lived download links of their files.

Who may start one: anyone authenticated in the company (a member's session, or an
integration's token). What the result holds is decided when the job runs the query as that
same actor, field by field, exactly as ``/graphql`` would.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from backoffice.bulk.tables import BulkOperation, BulkOperationPart
from backoffice.errors import BadUserInput, NotFound
from backoffice.i18n import get_locale
from backoffice.identity.actor import Actor
from backoffice.jobs.tables import Job

ACTIVE = ("created", "running")
LINK_SECONDS = 3600  # a download link works for an hour
KEEP_FILE = timedelta(days=7)  # the file is kept this long after completion


def now() -> datetime:
    return datetime.now(UTC)


def actor_key(actor: Actor) -> str:
    """Who an operation belongs to: the person, or the integration (for its token)."""
    if actor.client_id is not None:
        suffix = f":user:{actor.user_id}" if actor.user_id is not None else ""
        return f"client:{actor.client_id}{suffix}"
    return f"user:{actor.user_id}"


def in_progress_error() -> BadUserInput:
    return BadUserInput(("A bulk operation of yours is still running: wait for it to finish, "
                         "or cancel it, before starting another.",
                         "Operasi massal Anda masih berjalan: tunggu sampai selesai, atau "
                         "batalkan, sebelum memulai yang lain."),
                        code="BULK_OPERATION_IN_PROGRESS", field="query")


async def settle(row: dict[str, Any]) -> dict[str, Any]:
    """An operation whose job ended without finishing it (a crash, a time-out) is failed."""
    if row["status"] not in ACTIVE or row["job_id"] is None:
        return row
    job = await Job.select(Job.status, Job.last_error).where(Job.id == row["job_id"]).first()
    if job is None or job["status"] not in ("failed", "cancelled", "succeeded"):
        return row
    values = {BulkOperation.status: "failed", BulkOperation.error_code: "INTERNAL_SERVER_ERROR",
              BulkOperation.error_message: "The export stopped unexpectedly.",
              BulkOperation.completed_at: now()}
    await BulkOperation.update(values).where(
        (BulkOperation.id == row["id"]) & BulkOperation.status.is_in(list(ACTIVE)))
    await BulkOperationPart.delete().where(BulkOperationPart.operation_id == row["id"])
    return {**row, "status": "failed", "error_code": "INTERNAL_SERVER_ERROR",
            "error_message": "The export stopped unexpectedly.", "completed_at": now()}


async def purge_expired_files() -> None:
    """Delete the files of the company's operations that are past their keeping time."""
    expired = await BulkOperation.select(BulkOperation.id).where(
        BulkOperation.file_expires_at.is_not_null() & (BulkOperation.file_expires_at < now())
        & (BulkOperation.parts > 0))
    ids = [r["id"] for r in expired]
    if ids:
        await BulkOperationPart.delete().where(BulkOperationPart.operation_id.is_in(ids))
        await BulkOperation.update({BulkOperation.parts: 0}).where(BulkOperation.id.is_in(ids))


async def start(actor: Actor, query: str, root_field: str) -> dict[str, Any]:
    """Record a new operation for ``actor`` and queue its job (after commit). Raises
    ``BULK_OPERATION_IN_PROGRESS`` while another of theirs is created or running."""
    from backoffice.bulk.runner import run_bulk_operation  # noqa: PLC0415
    from backoffice.jobs.api import enqueue  # noqa: PLC0415

    key = actor_key(actor)
    for row in await BulkOperation.select().where(
            (BulkOperation.actor_key == key) & BulkOperation.status.is_in(list(ACTIVE))):
        if (await settle(row))["status"] in ACTIVE:
            raise in_progress_error()
    await purge_expired_files()
    scopes = json.dumps(sorted(actor.scopes)) if actor.scopes is not None else None
    try:
        rows = await BulkOperation.insert(BulkOperation(
            actor_key=key, user_id=actor.user_id, oauth_client_id=actor.client_id, scopes=scopes,
            locale=get_locale(), query=query, root_field=root_field, status="created",
            created_at=now())).returning(*BulkOperation.all_columns())
    except Exception as exc:
        # Two starts at once: the partial unique index lets only one be created or running.
        if "unique" in str(exc).lower():
            raise in_progress_error() from exc
        raise
    row = rows[0]
    job_id = await enqueue(run_bulk_operation, operation_id=row["id"])
    await BulkOperation.update({BulkOperation.job_id: job_id}).where(BulkOperation.id == row["id"])
    return {**row, "job_id": job_id}


async def get(actor: Actor, operation_id: int) -> dict[str, Any]:
    """One of the caller's operations; anyone else's (or none) is NOT_FOUND."""
    row = await BulkOperation.select().where(
        (BulkOperation.id == operation_id) & (BulkOperation.actor_key == actor_key(actor))).first()
    if row is None:
        raise NotFound()
    return await settle(row)


def mine(actor: Actor) -> Any:
    return BulkOperation.actor_key == actor_key(actor)


async def cancel(actor: Actor, operation_id: int) -> dict[str, Any]:
    row = await get(actor, operation_id)
    if row["status"] not in ACTIVE:
        raise BadUserInput(("This bulk operation has already finished.",
                            "Operasi massal ini sudah selesai."), code="BULK_OPERATION_FINISHED",
                           field="id")
    await BulkOperation.update({BulkOperation.status: "canceled", BulkOperation.completed_at: now()}).where(
        (BulkOperation.id == operation_id) & BulkOperation.status.is_in(list(ACTIVE)))
    await BulkOperationPart.delete().where(BulkOperationPart.operation_id == operation_id)
    if row["job_id"] is not None:  # a job not started yet never starts
        await Job.update({Job.status: "cancelled", Job.finished_at: now()}).where(
            (Job.id == row["job_id"]) & (Job.status == "queued"))
    return {**row, "status": "canceled", "completed_at": now()}


# -- download links ----------------------------------------------------------------------------


def _key() -> bytes:
    from backoffice.settings import get_settings  # noqa: PLC0415

    return hashlib.sha256(b"backoffice-bulk-download:" + get_settings().secret_key.encode()).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode((text + "=" * (-len(text) % 4)).encode())


def sign(tenant_id: int, operation_id: int, expires: int) -> str:
    payload = f"{tenant_id}.{operation_id}.{expires}".encode()
    mac = hmac.new(_key(), payload, hashlib.sha256).digest()
    return f"{_b64(payload)}.{_b64(mac)}"


@dataclass
class Link:
    tenant_id: int
    operation_id: int
    expired: bool


def verify(token: str) -> Link | None:
    """The operation a link names, or None when it was not made here (tampered, malformed)."""
    try:
        payload_part, mac_part = token.split(".")
        payload, mac = _unb64(payload_part), _unb64(mac_part)
    except (ValueError, binascii.Error):
        return None
    if not hmac.compare_digest(hmac.new(_key(), payload, hashlib.sha256).digest(), mac):
        return None
    try:
        tenant, operation, expires = (int(p) for p in payload.decode().split("."))
    except (ValueError, UnicodeDecodeError):
        return None
    return Link(tenant, operation, expired=expires <= time.time())


def link(row: dict[str, Any]) -> tuple[str | None, datetime | None]:
    """A fresh download link of a completed operation's file (an hour, or until the file is
    deleted if that is sooner), or nothing when there is no file."""
    from backoffice.settings import get_settings  # noqa: PLC0415

    if row["status"] != "completed" or row["file_expires_at"] is None:
        return None, None
    kept_until = _aware(row["file_expires_at"])
    expires = min(now() + timedelta(seconds=LINK_SECONDS), kept_until)
    if expires <= now():
        return None, None
    token = sign(row["tenant_id"], row["id"], int(expires.timestamp()))
    return f"{get_settings().base_url.rstrip('/')}/bulk/{token}", expires.replace(microsecond=0)


def _aware(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
