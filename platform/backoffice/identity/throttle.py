"""Log-in throttling per account and per address, shared by every API process (in the
database, so it holds with several processes and without Redis)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from backoffice.errors import RateLimited
from backoffice.identity.tables import LoginFailure
from backoffice.settings import get_settings


def _keys(email: str, ip: str) -> tuple[str, str]:
    return f"account:{email.strip().lower()}", f"address:{ip}"


async def check(email: str, ip: str) -> None:
    settings = get_settings()
    since = datetime.now(UTC) - timedelta(seconds=settings.login_window_seconds)
    account, address = _keys(email, ip)
    failures_account = await LoginFailure.count().where(
        (LoginFailure.key == account) & (LoginFailure.at > since))
    failures_address = await LoginFailure.count().where(
        (LoginFailure.key == address) & (LoginFailure.at > since))
    if (failures_account >= settings.login_max_failures_per_account
            or failures_address >= settings.login_max_failures_per_address):
        minutes = max(1, settings.login_window_seconds // 60)
        raise RateLimited((
            f"Too many failed log-ins. Try again in {minutes} minutes.",
            f"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit.",
        ), retry_after=settings.login_window_seconds)


async def record_failure(email: str, ip: str) -> None:
    account, address = _keys(email, ip)
    await LoginFailure.insert(LoginFailure(key=account), LoginFailure(key=address))
    # Old failures are of no use: keep the table small.
    cutoff = datetime.now(UTC) - timedelta(seconds=get_settings().login_window_seconds * 4)
    await LoginFailure.delete().where(LoginFailure.at < cutoff)


async def clear_account(email: str) -> None:
    account, _ = _keys(email, "")
    await LoginFailure.delete().where(LoginFailure.key == account)
