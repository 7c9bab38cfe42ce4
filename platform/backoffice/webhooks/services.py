"""What a company's admins do with webhook endpoints: subscribe, change, delete, rotate the
secret, disable and enable again, and send a delivery again by hand.

Everything runs in the tenant's scope (the tables add the tenant filter), so another
company's endpoint or delivery reads as ``NOT_FOUND``. User-correctable problems raise
:class:`BadUserInput` or :class:`Conflict` with a code of their own; the GraphQL layer turns
them into ``userErrors`` and rolls the mutation back.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import json
import secrets
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from cryptography.fernet import Fernet, InvalidToken

from backoffice.errors import BadUserInput, Conflict, Forbidden, NotFound
from backoffice.graphql.ids import encode_id
from backoffice.modules.types import EventType
from backoffice.webhooks.tables import WebhookDelivery, WebhookEndpoint

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32
URL_MAX = 2000
DESCRIPTION_MAX = 500
LOOPBACK_NAMES = ("localhost", "localhost.")

# Every column but the sealed secret.
ENDPOINT_COLUMNS = tuple(c for c in WebhookEndpoint._meta.columns
                         if c._meta.name != "sealed_secret")


def endpoint_global_id(pk: int) -> str:
    return encode_id("WebhookEndpoint", pk)


def delivery_global_id(pk: int) -> str:
    """A delivery's global id, which is also its ``webhook-id`` header."""
    return encode_id("WebhookDelivery", pk)


def event_global_id(pk: int) -> str:
    return encode_id("Event", pk)


def now() -> datetime:
    return datetime.now(UTC)


def loads(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


# -- secrets ---------------------------------------------------------------------------------


def new_secret() -> str:
    """A signing secret as Standard Webhooks writes it: ``whsec_`` and base64 of random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def secret_bytes(secret: str) -> bytes:
    """The HMAC key of a ``whsec_`` secret: its base64 part, decoded."""
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def _fernet() -> Fernet:
    from backoffice.settings import get_settings  # noqa: PLC0415

    # A key of its own, derived from SECRET_KEY, never shared with other uses of it.
    digest = hashlib.sha256(b"backoffice-webhook-secret:" + get_settings().secret_key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


class UnreadableSecret(ValueError):
    """The secret was sealed with another SECRET_KEY: rotate it."""


def unseal(sealed: str) -> str:
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except (InvalidToken, ValueError) as exc:
        raise UnreadableSecret("the signing secret cannot be read (was SECRET_KEY changed?); "
                               "rotate it") from exc


# -- event types -----------------------------------------------------------------------------


def available_event_types(enabled: Iterable[str]) -> list[tuple[str, EventType]]:
    """``(module key, event type)`` of the modules in ``enabled``, in module order."""
    from backoffice.runtime import get_registry  # noqa: PLC0415

    registry = get_registry()
    keys = registry.effective_enabled(enabled)
    return [(m.key, e) for m in registry if m.key in keys for e in m.event_types]


def check_event_types(event_types: list[str], enabled: Iterable[str]) -> list[str]:
    wanted = list(dict.fromkeys(t.strip() for t in event_types if t.strip()))
    if not wanted:
        raise BadUserInput(("Choose at least one event type.", "Pilih paling sedikit satu jenis peristiwa."),
                           field="eventTypes")
    known = {e.key for _, e in available_event_types(enabled)}
    unknown = [t for t in wanted if t not in known]
    if unknown:
        listed = ", ".join(unknown)
        raise BadUserInput((f"Unknown event type (or its module is not enabled): {listed}.",
                            f"Jenis peristiwa tidak dikenal (atau modulnya tidak aktif): {listed}."),
                           field="eventTypes", code="UNKNOWN_EVENT_TYPE")
    return sorted(wanted)


def check_may_receive(event_types: list[str], held_permissions: Iterable[str]) -> None:
    """No one routes a module's events out of the company without access to that module:
    each event type's module must be one the caller holds a permission of."""
    modules = {p.split(".", 1)[0] for p in held_permissions}
    missing = [t for t in event_types if t.split(".", 1)[0] not in modules]
    if missing:
        listed = ", ".join(missing)
        raise Forbidden((f"You cannot subscribe to events of a module you have no permission in: {listed}.",
                         f"Anda tidak dapat berlangganan peristiwa modul yang tidak Anda miliki izinnya: {listed}."))


# -- URLs ------------------------------------------------------------------------------------


def _invalid(en: str, id_: str, code: str = "INVALID_URL") -> BadUserInput:
    return BadUserInput((en, id_), field="url", code=code)


def is_loopback_host(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def address_allowed(address: str, allow_loopback: bool) -> bool:
    """Whether deliveries may go to IP ``address``: a public one, or loopback when allowed.
    Private, link-local (cloud metadata), multicast and reserved addresses never."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return allow_loopback
    return ip.is_global


def check_url(url: str) -> str:
    """The endpoint URL, checked: https (or http to loopback where the settings allow it), a
    host that is not a private address, no credentials or fragment."""
    from backoffice.settings import get_settings  # noqa: PLC0415

    url = url.strip()
    if not url:
        raise _invalid("Give the endpoint's URL.", "Beri URL endpoint.")
    if len(url) > URL_MAX:
        raise _invalid(f"The URL is too long ({URL_MAX} characters at most).",
                       f"URL terlalu panjang (paling banyak {URL_MAX} karakter).")
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as exc:
        raise _invalid("The URL is not valid.", "URL tidak valid.") from exc
    if parts.scheme not in ("https", "http") or not host:
        raise _invalid("The URL must start with https:// and name a host.",
                       "URL harus diawali https:// dan menyebut host.")
    if parts.username or parts.password:
        raise _invalid("Put no user name or password in the URL: check the signature instead.",
                       "Jangan sertakan nama pengguna atau kata sandi di URL: periksa tanda tangannya.")
    if parts.fragment:
        raise _invalid("The URL cannot have a #fragment.", "URL tidak boleh memiliki #fragmen.")
    allow_loopback = get_settings().webhook_allow_http_loopback
    loopback = is_loopback_host(host)
    if parts.scheme == "http" and not (loopback and allow_loopback):
        raise _invalid("The URL must use https://.", "URL harus menggunakan https://.",
                       code="INSECURE_URL")
    if loopback and not allow_loopback:
        raise _invalid("The URL cannot point to this server (localhost).",
                       "URL tidak boleh menunjuk ke server ini (localhost).", code="PRIVATE_URL")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return url  # a name: its addresses are checked at each delivery
    if not address_allowed(host, allow_loopback):
        raise _invalid("The URL cannot point to a private or reserved network address.",
                       "URL tidak boleh menunjuk ke alamat jaringan privat atau khusus.",
                       code="PRIVATE_URL")
    return url


def check_description(description: str | None) -> str:
    text = (description or "").strip()
    if len(text) > DESCRIPTION_MAX:
        raise BadUserInput((f"The description is too long ({DESCRIPTION_MAX} characters at most).",
                            f"Deskripsi terlalu panjang (paling banyak {DESCRIPTION_MAX} karakter)."),
                           field="description")
    return text


# -- endpoints -------------------------------------------------------------------------------


async def get_endpoint(pk: int) -> dict[str, Any]:
    """An endpoint of the tenant in scope, without its secret (another tenant's is missing)."""
    row = await WebhookEndpoint.select(*ENDPOINT_COLUMNS).where(WebhookEndpoint.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def create_endpoint(*, url: str, event_types: list[str], description: str | None,
                          enabled_modules: Iterable[str], held_permissions: Iterable[str],
                          user_id: int | None) -> tuple[int, str]:
    """Subscribe ``url`` to ``event_types``. Returns ``(pk, secret)``; the secret is shown
    once and kept sealed."""
    url = check_url(url)
    types = check_event_types(event_types, enabled_modules)
    check_may_receive(types, held_permissions)
    secret = new_secret()
    rows = await WebhookEndpoint.insert(WebhookEndpoint(
        url=url, event_types=types, description=check_description(description),
        sealed_secret=seal(secret), created_by=user_id)).returning(WebhookEndpoint.id)
    return int(rows[0]["id"]), secret


async def update_endpoint(pk: int, *, url: str | None, event_types: list[str] | None,
                          description: str | None, enabled_modules: Iterable[str],
                          held_permissions: Iterable[str]) -> None:
    """Change what is given (``None`` keeps it)."""
    await get_endpoint(pk)
    values: dict[Any, Any] = {}
    if url is not None:
        values[WebhookEndpoint.url] = check_url(url)
    if event_types is not None:
        types = check_event_types(event_types, enabled_modules)
        check_may_receive(types, held_permissions)
        values[WebhookEndpoint.event_types] = types
    if description is not None:
        values[WebhookEndpoint.description] = check_description(description)
    if values:
        await WebhookEndpoint.update(values).where(WebhookEndpoint.id == pk)


async def delete_endpoint(pk: int) -> None:
    """Delete the endpoint and its delivery log; deliveries waiting for a retry are dropped."""
    await get_endpoint(pk)
    await WebhookDelivery.delete().where(WebhookDelivery.endpoint_id == pk)
    await WebhookEndpoint.delete().where(WebhookEndpoint.id == pk)


async def rotate_secret(pk: int) -> str:
    """A new secret, effective at once (attempts from now on are signed with it)."""
    await get_endpoint(pk)
    secret = new_secret()
    await WebhookEndpoint.update({WebhookEndpoint.sealed_secret: seal(secret),
                                  WebhookEndpoint.secret_rotated_at: now()}).where(
        WebhookEndpoint.id == pk)
    return secret


async def set_enabled(pk: int, enabled: bool, reason: str = "manual") -> bool:
    """Turn an endpoint on (a fresh start: its failure count is cleared) or off. Returns
    whether it changed; only one of two callers racing to change it sees ``True``."""
    await get_endpoint(pk)
    if enabled:
        values: dict[Any, Any] = {
            WebhookEndpoint.enabled: True, WebhookEndpoint.disabled_at: None,
            WebhookEndpoint.disabled_reason: "", WebhookEndpoint.consecutive_failures: 0,
            WebhookEndpoint.failing_since: None}
    else:
        values = {WebhookEndpoint.enabled: False, WebhookEndpoint.disabled_at: now(),
                  WebhookEndpoint.disabled_reason: reason}
    changed = await WebhookEndpoint.update(values).where(
        (WebhookEndpoint.id == pk) & (WebhookEndpoint.enabled == (not enabled))
    ).returning(WebhookEndpoint.id)
    return bool(changed)


# -- deliveries ------------------------------------------------------------------------------


async def get_delivery(pk: int) -> dict[str, Any]:
    row = await WebhookDelivery.select().where(WebhookDelivery.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def redeliver(pk: int) -> None:
    """Send a delivery again by hand, once, now (after commit). Its ``webhook-id`` stays the
    same, so a receiver that has it already can tell."""
    from backoffice.jobs.api import enqueue  # noqa: PLC0415
    from backoffice.webhooks.delivery import redeliver_webhook  # noqa: PLC0415

    delivery = await get_delivery(pk)
    endpoint = await get_endpoint(delivery["endpoint_id"])
    if not endpoint["enabled"]:
        raise Conflict(("The endpoint is disabled: enable it first.",
                        "Endpoint dinonaktifkan: aktifkan dulu."),
                       field="deliveryId", code="ENDPOINT_DISABLED")
    # One conditional statement: of two redeliveries at once, one goes.
    claimed = await WebhookDelivery.update({
        WebhookDelivery.status: "pending", WebhookDelivery.next_attempt_at: now(),
    }).where((WebhookDelivery.id == pk) & (WebhookDelivery.status != "pending")).returning(
        WebhookDelivery.id)
    if not claimed:
        raise Conflict(("This delivery is still being attempted; wait for its next attempt.",
                        "Pengiriman ini masih dicoba; tunggu percobaan berikutnya."),
                       field="deliveryId", code="DELIVERY_PENDING")
    await enqueue(redeliver_webhook, delivery_id=pk)
