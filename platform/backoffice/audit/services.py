"""Writing audit entries. Secrets never reach the log: any key that looks like one is masked."""

from __future__ import annotations

import dataclasses
import enum
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from backoffice.audit.tables import AuditEntry
from backoffice.db import scope as tenant_scope

SECRET_KEY_RE = re.compile(r"pass(word)?|secret|token|otp|totp|api_?key|credential", re.I)
MASK = "***"


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)
                if not f.name.startswith("_")}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    # strawberry.UNSET and other sentinels: not a change
    return None


def mask(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: (MASK if SECRET_KEY_RE.search(k) and v is not None else mask(v))
                for k, v in value.items()}
    if isinstance(value, list):
        return [mask(v) for v in value]
    return value


def _is_global_id(value: str) -> bool:
    """Whether ``value`` is a global id; other ``*_id`` inputs (a national id, a tax id) are
    personal data, never targets."""
    from backoffice.errors import NotFound  # noqa: PLC0415
    from backoffice.graphql.ids import decode_any  # noqa: PLC0415

    try:
        type_name, _ = decode_any(value)
    except NotFound:
        return False
    return bool(re.fullmatch(r"[A-Z][A-Za-z0-9]*", type_name))


def _target_ids(kwargs: dict[str, Any], payload: Any) -> list[str]:
    ids: list[str] = []

    def visit(value: Any, depth: int = 0) -> None:
        if depth > 2 or value is None:
            return
        if isinstance(value, list):
            for v in value[:50]:
                visit(v, depth + 1)
            return
        gid = getattr(value, "id", None)
        if isinstance(gid, str) and hasattr(value, "__strawberry_definition__"):
            if gid not in ids:
                ids.append(gid)
        if dataclasses.is_dataclass(value) and not isinstance(value, type) and depth == 0:
            for f in dataclasses.fields(value):
                if f.name != "user_errors" and not f.name.startswith("_"):
                    visit(getattr(value, f.name), depth + 1)

    visit(payload)
    for key, value in _plain(kwargs).items():
        if isinstance(value, dict):
            for k, v in value.items():
                if (k == "id" or k.endswith("_id")) and isinstance(v, str) and v not in ids \
                        and _is_global_id(v):
                    ids.append(v)
        elif (key == "id" or key.endswith("_id")) and isinstance(value, str) and value not in ids \
                and _is_global_id(value):
            ids.append(value)
    return ids


async def record(operation: str, *, target_ids: list[str] | None = None,
                 changes: dict[str, Any] | None = None, ip: str = "") -> None:
    """Append an audit entry for the tenant and actor in scope."""
    scope = tenant_scope.current()
    if scope.tenant_id is None:
        return
    await AuditEntry.insert(AuditEntry(
        actor_user_id=scope.user_id,
        actor_client_id=scope.oauth_client_id,
        operation=operation,
        target_ids=target_ids or [],
        changes=mask(_plain(changes or {})),
        ip=ip[:64],
    ))


async def record_mutation(info: Any, kwargs: dict[str, Any], payload: Any) -> None:
    actor = info.context.actor
    await record(
        info.field_name,
        target_ids=_target_ids(kwargs, payload),
        changes={k: v for k, v in kwargs.items()},
        ip=actor.ip,
    )
