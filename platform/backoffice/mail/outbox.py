"""Queueing mail: a row in ``outgoing_mails``, written in the caller's transaction and handed to
the sender once that transaction commits (a rolled-back change sends nothing).

The tenant in scope, if any, owns the mail; without one (a password reset asked for before
logging in) the mail belongs to nobody. Bodies are sealed with a key derived from
``SECRET_KEY``, since they may carry a single-use link.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

from backoffice.db import scope as tenant_scope
from backoffice.jobs.api import mark_pending, on_commit
from backoffice.mail.tables import OutgoingMail

log = logging.getLogger("backoffice.mail")

NOT_CONFIGURED = "NotConfigured: SMTP_HOST is not set, so no mail is sent"


@dataclass(frozen=True)
class Message:
    """One mail to one address."""

    to: str
    subject: str
    text: str
    kind: str
    html: str = ""
    locale: str = "en"
    user_id: int | None = None


def _fernet() -> Fernet:
    from backoffice.settings import get_settings  # noqa: PLC0415

    # A key of its own, derived from SECRET_KEY, never shared with other signatures.
    digest = hashlib.sha256(b"backoffice-mail-body:" + get_settings().secret_key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(text: str, html: str) -> str:
    raw = json.dumps({"text": text, "html": html}, ensure_ascii=False).encode()
    return _fernet().encrypt(raw).decode()


class UnreadableBody(ValueError):
    """The body was sealed with another SECRET_KEY, or erased."""


def unseal(sealed: str) -> tuple[str, str]:
    try:
        data = json.loads(_fernet().decrypt(sealed.encode()))
    except (InvalidToken, ValueError, TypeError) as exc:
        raise UnreadableBody("the body cannot be read (was SECRET_KEY changed?)") from exc
    return data.get("text", ""), data.get("html", "")


def tenant_clause(tenant_id: int | None) -> Any:
    """Rows of ``tenant_id``, or of no tenant: the filter ``OutgoingMail`` needs by hand."""
    if tenant_id is None:
        return OutgoingMail.tenant_id.is_null()
    return OutgoingMail.tenant_id == tenant_id


async def queue_many(messages: list[Message]) -> list[int]:
    """Queue ``messages`` for the tenant in scope (or none); returns their ids. They are sent
    after the surrounding transaction commits.

    Without SMTP configured, each is recorded as failed at once, with the reason, and nothing
    is handed over (in development its text is logged, so that links can be followed)."""
    from backoffice.settings import get_settings  # noqa: PLC0415

    if not messages:
        return []
    settings = get_settings()
    tenant_id = tenant_scope.current().tenant_id
    configured = bool(settings.smtp_host)
    rows = await OutgoingMail.insert(*[
        OutgoingMail(tenant_id=tenant_id, kind=m.kind, to_address=m.to, to_user_id=m.user_id,
                     subject=m.subject[:300], locale=m.locale,
                     sealed_body=seal(m.text, m.html) if configured else "",
                     status="queued" if configured else "failed",
                     last_error="" if configured else NOT_CONFIGURED,
                     max_attempts=settings.mail_max_attempts)
        for m in messages]).returning(OutgoingMail.id)
    ids = [int(r["id"]) for r in rows]
    if not configured:
        await on_commit(_log_unsent(ids, messages, settings.env == "development"))
        return ids
    if tenant_id is not None:
        # The sweeper finds mail whose hand-over was lost through the tenant's flag.
        await mark_pending(tenant_id)

    async def hand_over() -> None:
        from backoffice.jobs import runner  # noqa: PLC0415

        for mail_id in ids:
            await runner.submit_mail(mail_id, tenant_id)

    await on_commit(hand_over)
    return ids


def _log_unsent(ids: list[int], messages: list[Message], with_text: bool) -> Any:
    async def log_them() -> None:
        for mail_id, m in zip(ids, messages, strict=True):
            if with_text:
                log.warning("Mail %s (%s) not sent: %s. To: %s\nSubject: %s\n\n%s", mail_id,
                            m.kind, NOT_CONFIGURED, m.to, m.subject, m.text)
            else:
                log.warning("Mail %s (%s) to %s not sent: %s", mail_id, m.kind, m.to,
                            NOT_CONFIGURED)

    return log_them


async def queue(message: Message) -> int:
    """Queue one mail; see :func:`queue_many`."""
    return (await queue_many([message]))[0]
