"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, and fixtures that
point the app's mail at it for the length of a test module (``smtp``; registered in
``tests/conftest.py``)."""

from __future__ import annotations

import asyncio
import email
import os
import re
import socket
import threading
import time
from email import policy
from email.message import EmailMessage
from typing import Any

import pytest

SETTINGS = {
    "SMTP_HOST": "127.0.0.1",
    "SMTP_STARTTLS": "false",
    "SMTP_FROM": "Backoffice Test <no-reply@backoffice.test>",
    "MAIL_MAX_ATTEMPTS": "3",
    "MAIL_RETRY_SECONDS": "0.2",
}


class Mailbox:
    """The aiosmtpd handler: accepts mail (or refuses recipients with ``refuse``) and keeps it."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse: str | None = None  # e.g. "451 4.3.0 Try again later"
        self.refuse_times: int | None = None  # refuse only this many recipients, then accept
        self.refuse_for: str | None = None  # refuse only this address (others pass)
        self.refused = 0
        self._lock = threading.Lock()

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,  # noqa: N802
                          rcpt_options: list[str]) -> str:
        if self.refuse and (self.refuse_for is None or address.lower() == self.refuse_for.lower()):
            with self._lock:
                if self.refuse_times is None or self.refused < self.refuse_times:
                    self.refused += 1
                    return self.refuse
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self.messages.append(message)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        with self._lock:
            return [m for m in self.messages if address.lower() in str(m["To"]).lower()]

    async def wait_for(self, address: str, count: int = 1, timeout: float = 30.0) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while True:
            found = self.to(address)
            if len(found) >= count:
                return found
            assert time.monotonic() < deadline, f"no mail for {address} arrived in time"
            await asyncio.sleep(0.05)


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return part.get_content()


def html_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    return part.get_content() if part is not None else ""


def token_in(message: EmailMessage, path: str) -> str:
    """The token of the link to ``path`` (``/reset-password``) in the mail's text."""
    match = re.search(re.escape(path) + r"\?token=([A-Za-z0-9_.\-]+)", text_of(message))
    assert match, f"no {path} link in: {text_of(message)}"
    return match.group(1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def configure(values: dict[str, str]) -> dict[str, str | None]:
    """Set environment values and re-read the settings; returns the previous values."""
    from backoffice.settings import get_settings

    previous = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    get_settings.cache_clear()
    return previous


def restore(previous: dict[str, str | None]) -> None:
    from backoffice.settings import get_settings

    for key, value in previous.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def smtp_server():  # type: ignore[no-untyped-def]
    from aiosmtpd.controller import Controller

    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    previous = configure({**SETTINGS, "SMTP_PORT": str(controller.port)})
    try:
        yield mailbox
    finally:
        restore(previous)
        controller.stop()


@pytest.fixture
def smtp(smtp_server, mail_worker):  # type: ignore[no-untyped-def]
    """The module's SMTP server, accepting mail again at the start of each test."""
    smtp_server.refuse = None
    yield smtp_server
    smtp_server.refuse = None


@pytest.fixture(scope="module")
async def mail_worker(app):  # type: ignore[no-untyped-def]
    """With Redis configured, mail goes to arq: run a worker in this event loop meanwhile."""
    from backoffice.jobs import worker
    from backoffice.settings import get_settings

    if not get_settings().redis_url:
        yield None
        return
    async with worker.embedded(get_settings()) as running:
        yield running
