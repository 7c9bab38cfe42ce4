"""Sending one queued mail over SMTP (aiosmtplib), on an arq worker or in-process.

:func:`deliver` claims the row (``queued`` -> ``sending``, one statement, so two runners handed
the same mail never both send it), sends it, and records the outcome: ``sent``; ``queued`` again
with a later ``next_attempt_at`` after a temporary failure (connection refused, a 4xx answer),
doubling the wait each time; ``failed`` once out of attempts or at once when the server refuses
the recipient or the message for good (a 5xx answer to RCPT or DATA). Every failure is logged;
the last error stays on the row for the ``emails`` query. Without ``SMTP_HOST`` mail is
recorded as failed when it is queued (:mod:`backoffice.mail.outbox`); a mail queued before the
setting was removed fails here, with the same reason.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

import aiosmtplib

from backoffice.db import scope as tenant_scope
from backoffice.jobs.api import now
from backoffice.jobs.wrapper import Outcome
from backoffice.mail.outbox import NOT_CONFIGURED, UnreadableBody, tenant_clause, unseal
from backoffice.mail.tables import OutgoingMail

log = logging.getLogger("backoffice.mail")

MAX_BACKOFF = 3600.0
ERROR_LIMIT = 2000


def retry_delay(attempt: int, base: float) -> float:
    """Seconds before trying again after ``attempt`` (1, 2, ...) failed: base, 2x, 4x ..."""
    return min(MAX_BACKOFF, base * 2 ** (attempt - 1))


def is_permanent(exc: BaseException) -> bool:
    """A refusal that trying again cannot change: the recipient or the message refused (5xx)."""
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        return bool(exc.recipients) and all(r.code >= 500 for r in exc.recipients)
    if isinstance(exc, aiosmtplib.SMTPRecipientRefused | aiosmtplib.SMTPDataError):
        return exc.code >= 500
    return False


def error_text(exc: BaseException) -> str:
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused) and exc.recipients:
        first = exc.recipients[0]
        text = f"SMTPRecipientsRefused: {first.code} {first.message}"
    else:
        text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return text[:ERROR_LIMIT]


def build_message(row: dict[str, Any], text: str, html: str, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = row["to_address"]
    message["Subject"] = row["subject"]
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1].strip(" >") or None)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    # After the content: setting the content replaces every Content-* header.
    message["Content-Language"] = row["locale"]
    return message


async def smtp_send(message: EmailMessage) -> None:
    from backoffice.settings import get_settings  # noqa: PLC0415

    s = get_settings()
    await aiosmtplib.send(
        message, hostname=s.smtp_host, port=s.smtp_port,
        username=s.smtp_username or None, password=s.smtp_password or None,
        use_tls=s.smtp_ssl, start_tls=s.smtp_starttls, timeout=s.smtp_timeout_seconds)


async def deliver(mail_id: int, tenant_id: int | None) -> Outcome:
    """Send mail ``mail_id`` of ``tenant_id`` (``None``: a mail of no tenant) once, if due."""
    with tenant_scope.scoped(tenant_id=tenant_id):
        return await _deliver(mail_id, tenant_id)


async def _deliver(mail_id: int, tenant_id: int | None) -> Outcome:
    from backoffice.settings import get_settings  # noqa: PLC0415

    mine = (OutgoingMail.id == mail_id) & tenant_clause(tenant_id)
    row = await OutgoingMail.select().where(mine).first()
    if row is None:
        return Outcome(missing=True)  # handed over before its transaction committed
    if row["status"] != "queued":
        return Outcome()  # sent, failed, or being sent elsewhere
    wait = (row["next_attempt_at"] - now()).total_seconds() if row["next_attempt_at"] else 0
    if wait > 0.05:
        return Outcome(retry_in=wait)
    claimed = await OutgoingMail.update({
        OutgoingMail.status: "sending", OutgoingMail.attempts: OutgoingMail.attempts + 1,
        OutgoingMail.started_at: now(),
    }).where(mine & (OutgoingMail.status == "queued")).returning(OutgoingMail.attempts)
    if not claimed:
        return Outcome()  # another runner claimed it first
    attempt = int(claimed[0]["attempts"])
    settings = get_settings()
    try:
        text, html = unseal(row["sealed_body"])
    except UnreadableBody as exc:
        await _fail(mine, row, f"UnreadableBody: {exc}")
        return Outcome()
    if not settings.smtp_host:
        if settings.env == "development":
            log.info("Mail %s not sent (SMTP_HOST is not set). To: %s\nSubject: %s\n\n%s",
                     mail_id, row["to_address"], row["subject"], text)
        await _fail(mine, row, NOT_CONFIGURED, level=logging.WARNING)
        return Outcome()
    try:
        await smtp_send(build_message(row, text, html, settings.smtp_from))
    except Exception as exc:  # noqa: BLE001 - recorded on the row and logged, never raised
        error = error_text(exc)
        if is_permanent(exc) or attempt >= row["max_attempts"]:
            await _fail(mine, row, error, attempt=attempt)
            return Outcome()
        delay = retry_delay(attempt, settings.mail_retry_seconds)
        log.warning("Mail %s (%s) to %s failed on attempt %s of %s, next try in %.0f s: %s",
                    mail_id, row["kind"], row["to_address"], attempt, row["max_attempts"],
                    delay, error)
        await OutgoingMail.update({
            OutgoingMail.status: "queued", OutgoingMail.last_error: error,
            OutgoingMail.next_attempt_at: now() + timedelta(seconds=delay),
        }).where(mine)
        return Outcome(retry_in=delay)
    await OutgoingMail.update({
        OutgoingMail.status: "sent", OutgoingMail.sent_at: now(), OutgoingMail.sealed_body: "",
    }).where(mine)
    log.info("Mail %s (%s) sent to %s", mail_id, row["kind"], row["to_address"])
    await _settled(tenant_id)
    return Outcome()


async def _settled(tenant_id: int | None) -> None:
    """A mail is done: clear the tenant's flag now if nothing else waits, rather than leave it
    to the next sweep (every sign-up sends a mail; the sweeper should not visit each)."""
    if tenant_id is None:
        return
    from backoffice.jobs.cron import clear_if_idle  # noqa: PLC0415

    try:
        await clear_if_idle(tenant_id)
    except Exception:  # the sweeper clears it later
        log.warning("Clearing the pending flag of tenant %s failed", tenant_id, exc_info=True)


async def _fail(mine: Any, row: dict[str, Any], error: str, attempt: int | None = None,
                level: int = logging.ERROR) -> None:
    log.log(level, "Mail %s (%s) to %s failed for good%s: %s", row["id"], row["kind"],
            row["to_address"], f" after {attempt} attempts" if attempt else "", error)
    # The body may hold a single-use link: it is not kept once it can no longer be sent.
    await OutgoingMail.update({
        OutgoingMail.status: "failed", OutgoingMail.last_error: error[:ERROR_LIMIT],
        OutgoingMail.sealed_body: "",
    }).where(mine)
    await _settled(row["tenant_id"])


# -- recovery (the sweeper) ----------------------------------------------------------------------

BATCH = 1000


async def hand_over_waiting(tenant_id: int | None) -> int:
    """Hand over again the due mail of ``tenant_id`` (or of no tenant), in its scope; mail left
    ``sending`` by a process that died goes back to the queue. Returns how many were handed.
    One statement when nothing waits (the sweeper calls this every minute)."""
    from backoffice.jobs import runner  # noqa: PLC0415
    from backoffice.settings import get_settings  # noqa: PLC0415

    mine = tenant_clause(tenant_id)
    rows = await OutgoingMail.select(
        OutgoingMail.id, OutgoingMail.status, OutgoingMail.started_at, OutgoingMail.next_attempt_at,
    ).where(mine & OutgoingMail.status.is_in(["queued", "sending"])).order_by(OutgoingMail.id).limit(BATCH)
    if not rows:
        return 0
    at = now()
    stale_before = at - timedelta(seconds=get_settings().smtp_timeout_seconds * 3 + 300)
    stale = [r["id"] for r in rows if r["status"] == "sending" and r["started_at"] is not None
             and r["started_at"] < stale_before]
    if stale:
        await OutgoingMail.update({
            OutgoingMail.status: "queued", OutgoingMail.next_attempt_at: at,
            OutgoingMail.last_error: "WorkerLost: the mail was being sent when its process stopped",
        }).where(mine & OutgoingMail.id.is_in(stale) & (OutgoingMail.status == "sending"))
    due = [r["id"] for r in rows if r["id"] in stale
           or (r["status"] == "queued" and (r["next_attempt_at"] is None or r["next_attempt_at"] <= at))]
    for mail_id in due:
        await runner.submit_mail(mail_id, tenant_id)
    return len(due)


async def has_waiting(tenant_id: int | None) -> bool:
    return await OutgoingMail.exists().where(
        tenant_clause(tenant_id) & OutgoingMail.status.is_in(["queued", "sending"]))
