"""Figures of the operations dashboard: computed live, and kept as one snapshot a day.

An indicator's ``compute(as_of)`` runs inside the tenant's scope and must cost one or a few
aggregate queries, whatever the number of rows. :func:`take_snapshots` stores the value of
every indicator of the company's enabled modules for a day (the daily job calls it; running it
again for the same day replaces that day's values); the dashboard reads the trend from those
snapshots in one query.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from backoffice.dashboard.tables import IndicatorSnapshot
from backoffice.db.engine import write_transaction
from backoffice.db.scope import current_tenant_id
from backoffice.modules.types import Indicator
from backoffice.runtime import get_engine, get_registry
from backoffice.tenancy.tables import Tenant

log = logging.getLogger("backoffice.dashboard")

MAX_TREND_DAYS = 92
CENT = Decimal("0.01")


def today() -> date:
    return datetime.now(UTC).date()


def indicators(enabled: Iterable[str]) -> list[tuple[str, Indicator]]:
    """``(module, indicator)`` for every indicator of the enabled modules, in module order."""
    keys = set(enabled)
    return [(m.key, i) for m in get_registry() if m.key in keys for i in m.indicators]


def tidy(value: Any, unit: str) -> Decimal | None:
    """A computed value as a Decimal: whole for counts, to the cent otherwise."""
    if value is None:
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite():
        return None
    if unit == "count":
        return number.to_integral_value(rounding=ROUND_HALF_UP)
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


async def compute(indicator: Indicator, as_of: date) -> Decimal | None:
    """The indicator's value on ``as_of``; ``None`` (and a logged error) if its module fails."""
    try:
        value = await indicator.compute(as_of)
    except Exception:  # one broken figure must not take the dashboard down
        log.exception("Indicator %s failed for tenant %s", indicator.key, current_tenant_id())
        return None
    return tidy(value, indicator.unit)


async def snapshots(keys: list[str], start: date, end: date) -> dict[str, dict[date, Decimal]]:
    """Stored values of ``keys`` from ``start`` to ``end``, by key and day (one query)."""
    if not keys:
        return {}
    rows = await IndicatorSnapshot.select(IndicatorSnapshot.key, IndicatorSnapshot.day, IndicatorSnapshot.value).where(
        IndicatorSnapshot.key.is_in(keys) & (IndicatorSnapshot.day >= start) & (IndicatorSnapshot.day <= end)
    ).order_by(IndicatorSnapshot.day)
    found: dict[str, dict[date, Decimal]] = {}
    for r in rows:
        found.setdefault(r["key"], {})[r["day"]] = Decimal(str(r["value"]))
    return found


async def enabled_modules() -> frozenset[str]:
    """The modules the company in scope has on (the core included)."""
    row = await Tenant.select(Tenant.enabled_modules).where(Tenant.id == current_tenant_id()).first()
    raw = (row or {}).get("enabled_modules")
    return get_registry().effective_enabled(json.loads(raw) if isinstance(raw, str) else raw or [])


async def take_snapshots(day: date | None = None) -> int:
    """Store today's (or ``day``'s) value of every indicator of the company's enabled modules,
    replacing values already stored for that day. Returns how many were stored."""
    day = day or today()
    values: list[tuple[str, Decimal]] = []
    for _, indicator in indicators(await enabled_modules()):
        value = await compute(indicator, day)
        if value is not None:
            values.append((indicator.key, value))
    async with write_transaction(get_engine()):
        if values:
            await IndicatorSnapshot.delete().where(
                (IndicatorSnapshot.day == day) & IndicatorSnapshot.key.is_in([k for k, _ in values]))
            await IndicatorSnapshot.insert(*[IndicatorSnapshot(key=k, day=day, value=v) for k, v in values])
    return len(values)


def trend_window(as_of: date, days: int) -> tuple[date, date]:
    """The first and last day of a trend of ``days`` days ending on ``as_of``."""
    return as_of - timedelta(days=days - 1), as_of
