"""Outgoing mail, received by a real SMTP server on loopback: delivery, language, retries and a
visible failure when the server refuses, recovery of a lost hand-over, the ``emails`` list and
who may read it, and mail with SMTP not configured."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from helpers import add_member, eventually, sign_up, unique_email
from smtp_helpers import configure, html_of, restore, text_of, token_in

EMAILS = """query($s: String) { emails(status: $s, first: 50) { totalCount nodes {
  id to subject kind status attempts maxAttempts lastError sentAt } } }"""
INVITE = """mutation($i: InviteUserInput!) { inviteUser(input: $i) {
  invitationToken invitationUrl userErrors { field code } } }"""


async def _emails(api: Any, status: str | None = None) -> list[dict[str, Any]]:
    return (await api.data(EMAILS, {"s": status}))["emails"]["nodes"]


async def _email_to(api: Any, address: str, status: str) -> dict[str, Any]:
    async def check() -> dict[str, Any] | None:
        return next((e for e in await _emails(api, status) if e["to"] == address), None)

    return await eventually(check, timeout=30)


async def test_sign_up_mails_a_verification_link_that_arrives(smtp, new_client):
    company = await sign_up(await new_client())
    (message,) = await smtp.wait_for(company.email)
    assert message["Subject"] == "Confirm your email address"
    assert message["From"] == "Backoffice Test <no-reply@backoffice.test>"
    text = text_of(message)
    assert text.startswith("Hello Test Owner,")
    assert "http://127.0.0.1:8000/verify-email?token=" in text
    token = token_in(message, "/verify-email")
    assert f"/verify-email?token={token}" in html_of(message)  # the simple HTML part says the same
    sent = await _email_to(company.api, company.email, "sent")
    assert sent["kind"] == "core.verify_email" and sent["attempts"] == 1 and sent["sentAt"]


async def test_mail_is_in_the_recipients_language(smtp, new_client):
    company = await sign_up(await new_client(), locale="id")
    (message,) = await smtp.wait_for(company.email)
    assert message["Subject"] == "Konfirmasi alamat email Anda"
    assert text_of(message).startswith("Halo Test Owner,")
    assert message["Content-Language"] == "id"


async def test_a_refused_mail_is_retried_then_failed_visibly(smtp, company, caplog):
    smtp.refuse = "451 4.3.0 Mailbox busy, try again later"
    invitee = unique_email("refused")
    caplog.set_level(logging.WARNING, logger="backoffice.mail")
    data = await company.api.data(INVITE, {"i": {"email": invitee, "fullName": "Refused"}})
    assert data["inviteUser"]["userErrors"] == []
    assert data["inviteUser"]["invitationToken"]  # the inviter still has the link to share
    failed = await _email_to(company.api, invitee, "failed")
    assert failed["attempts"] == failed["maxAttempts"] == 3
    assert failed["lastError"].startswith("SMTPRecipientsRefused: 451")
    assert smtp.to(invitee) == []
    logged = [r for r in caplog.records if invitee in r.getMessage()]
    assert any(r.levelno == logging.WARNING and "attempt 1 of 3" in r.getMessage() for r in logged)
    assert any(r.levelno == logging.ERROR and "failed for good" in r.getMessage() for r in logged)


async def test_a_permanent_refusal_is_not_retried(smtp, company):
    smtp.refuse = "550 5.1.1 No such user here"
    invitee = unique_email("nobody")
    await company.api.data(INVITE, {"i": {"email": invitee}})
    failed = await _email_to(company.api, invitee, "failed")
    assert failed["attempts"] == 1
    assert failed["lastError"].startswith("SMTPRecipientsRefused: 550")


async def test_a_temporary_refusal_then_delivery(smtp, company):
    # The server refuses the first attempt only (however fast the retries come), then accepts.
    invitee = unique_email("later")
    smtp.refuse, smtp.refuse_times, smtp.refuse_for, smtp.refused = "451 4.3.0 Try again later", 1, invitee, 0
    try:
        await company.api.data(INVITE, {"i": {"email": invitee}})
        (message,) = await smtp.wait_for(invitee)
    finally:
        smtp.refuse, smtp.refuse_times, smtp.refuse_for = None, None, None
    assert "/accept-invitation?token=" in text_of(message)
    sent = await _email_to(company.api, invitee, "sent")
    assert sent["attempts"] >= 2 and sent["lastError"].startswith("SMTPRecipientsRefused: 451")


async def test_the_invitation_mail_carries_the_link_returned_once(smtp, company):
    invitee = unique_email("invited")
    data = await company.api.data(INVITE, {"i": {"email": invitee, "fullName": "Ina"}})
    (message,) = await smtp.wait_for(invitee)
    assert token_in(message, "/accept-invitation") == data["inviteUser"]["invitationToken"]
    assert message["Subject"] == f"You are invited to join {company.name} on Backoffice"
    assert "Test Owner invites you" in text_of(message)


async def test_a_lost_hand_over_is_recovered_by_the_sweeper(smtp, company, monkeypatch):
    from backoffice.jobs import cron, runner

    async def queue_down(*args: Any, **kwargs: Any) -> None:
        raise ConnectionError("the queue is down")

    real_sweep = cron.sweep

    async def no_sweep() -> dict[str, int]:
        return {}

    monkeypatch.setattr(runner, "submit_mail", queue_down)
    monkeypatch.setattr(cron, "sweep", no_sweep)
    invitee = unique_email("lost")
    await company.api.data(INVITE, {"i": {"email": invitee}})
    await asyncio.sleep(0.3)
    assert smtp.to(invitee) == []
    assert (await _email_to(company.api, invitee, "queued"))["attempts"] == 0
    monkeypatch.undo()
    # The sweep run here hands the mail over; the app's own once-a-minute sweep may get there
    # first when the minute turns now (then this one finds nothing left): either way, only a
    # sweep can send it, since the hand-over itself failed.
    await real_sweep()
    await smtp.wait_for(invitee)


async def test_bodies_are_sealed_and_erased_once_sent(smtp, company):
    from backoffice.db import scope
    from backoffice.graphql.ids import decode_id
    from backoffice.mail.tables import OutgoingMail

    invitee = unique_email("sealed")
    data = await company.api.data(INVITE, {"i": {"email": invitee}})
    token = data["inviteUser"]["invitationToken"]
    await smtp.wait_for(invitee)
    email = await _email_to(company.api, invitee, "sent")
    with scope.scoped(tenant_id=decode_id(company.tenant_id, "Tenant")):
        row = await OutgoingMail.select().where(OutgoingMail.id == decode_id(email["id"], "Email")).first()
    assert row["sealed_body"] == "" and token not in str(row)


async def test_only_mail_readers_of_the_company_see_its_mail(smtp, company, other_company, new_client):
    invitee = unique_email("private")
    await company.api.data(INVITE, {"i": {"email": invitee}})
    await _email_to(company.api, invitee, "sent")
    assert all(e["to"] != invitee for e in await _emails(other_company.api))
    member = await add_member(company, new_client, permissions=["core.user.read"])
    assert await member.api.error_code(EMAILS) == "FORBIDDEN"
    reader = await add_member(company, new_client, permissions=["core.mail.read"])
    assert any(e["to"] == invitee for e in await _emails(reader.api))
    body = await company.api.gql(EMAILS, {"s": "lost-in-space"})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_without_smtp_the_mail_fails_with_the_reason(smtp, new_client):
    """The development default: no SMTP_HOST. Nothing is sent, nothing crashes, and the mail
    is listed as failed with the reason (and logged)."""
    previous = configure({"SMTP_HOST": ""})
    try:
        company = await sign_up(await new_client())
        failed = await _email_to(company.api, company.email, "failed")
    finally:
        restore(previous)
    assert smtp.to(company.email) == []
    assert failed["lastError"] == "NotConfigured: SMTP_HOST is not set, so no mail is sent"
    assert failed["attempts"] == 0  # recorded as failed when queued: nothing runs in the background


async def test_deleting_a_company_deletes_its_mail(smtp, company):
    import os
    import subprocess
    import sys

    from backoffice.db import scope
    from backoffice.graphql.ids import decode_id
    from backoffice.mail.tables import OutgoingMail

    tenant_id = decode_id(company.tenant_id, "Tenant")
    invitee = unique_email("gone")
    await company.api.data(INVITE, {"i": {"email": invitee}})
    await _email_to(company.api, invitee, "sent")
    result = subprocess.run([sys.executable, "-m", "backoffice.cli", "tenants", "delete", company.slug, "--yes"],
                            capture_output=True, text=True, env=os.environ.copy(), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    with scope.scoped(tenant_id=tenant_id):
        assert await OutgoingMail.count().where(OutgoingMail.tenant_id == tenant_id) == 0


async def test_a_mail_left_sending_by_a_dead_process_is_sent_again(smtp, company, monkeypatch):
    from datetime import timedelta

    from backoffice.db import scope
    from backoffice.graphql.ids import decode_id
    from backoffice.jobs import cron, runner
    from backoffice.jobs.api import now
    from backoffice.mail.tables import OutgoingMail

    async def queue_down(*args: Any, **kwargs: Any) -> None:
        raise ConnectionError("the queue is down")

    real_sweep = cron.sweep

    async def no_sweep() -> dict[str, int]:
        return {}

    monkeypatch.setattr(runner, "submit_mail", queue_down)
    monkeypatch.setattr(cron, "sweep", no_sweep)
    invitee = unique_email("stuck")
    await company.api.data(INVITE, {"i": {"email": invitee}})
    tenant_id = decode_id(company.tenant_id, "Tenant")
    with scope.scoped(tenant_id=tenant_id):
        # As a process leaves it when it dies while talking to the server, long ago.
        await OutgoingMail.update({OutgoingMail.status: "sending", OutgoingMail.attempts: 1,
                                   OutgoingMail.started_at: now() - timedelta(hours=1)}).where(
            (OutgoingMail.tenant_id == tenant_id) & (OutgoingMail.to_address == invitee))
    monkeypatch.undo()
    await real_sweep()
    await smtp.wait_for(invitee)
    sent = await _email_to(company.api, invitee, "sent")
    assert sent["attempts"] == 2 and sent["lastError"].startswith("WorkerLost")
