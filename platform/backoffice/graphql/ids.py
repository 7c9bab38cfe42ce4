"""Opaque global ids: ``base64url("<Type>:<pk>")``.

Decoding checks the type, so an id of one type can never be used as another (the Relay
node type-confusion class of bug), and a malformed id reads as "not found", exactly like
an id of another tenant.
"""

from __future__ import annotations

import base64
import binascii

from backoffice.errors import NotFound


def encode_id(type_name: str, pk: int | str) -> str:
    raw = f"{type_name}:{pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_any(global_id: str) -> tuple[str, str]:
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        type_name, _, pk = base64.urlsafe_b64decode(padded.encode()).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise NotFound() from exc
    if not type_name or not pk:
        raise NotFound()
    return type_name, pk


def decode_id(global_id: str, expected_type: str) -> int:
    """The integer key of ``global_id``, which must name ``expected_type``."""
    type_name, pk = decode_any(global_id)
    if type_name != expected_type or not pk.isdigit() or len(pk) > 18:
        raise NotFound()
    return int(pk)
