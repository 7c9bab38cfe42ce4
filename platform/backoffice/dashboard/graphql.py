"""``dashboard(asOf)``: the figures of the enabled modules that the caller may see, each with
its trend from the daily snapshots."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from backoffice.dashboard import services
from backoffice.errors import BadUserInput
from backoffice.graphql.fields import field
from backoffice.i18n import get_locale
from backoffice.tenancy.tables import Tenant


@strawberry.type(description="An indicator's value on one day.")
class IndicatorPoint:
    day: date
    value: Decimal


@strawberry.type(description="One figure of the operations dashboard.")
class DashboardIndicator:
    key: str = strawberry.field(description="`<module>.<name>`, e.g. `hr.headcount`.")
    module: str
    label: str
    value: Decimal | None = strawberry.field(
        description="The value on `asOf`: live for today (and days without a snapshot), else the day's "
                    "snapshot; null if it could not be computed.")
    unit: str = strawberry.field(description="count, money (in the company's currency), percent or days.")
    good: str = strawberry.field(description="Which direction is good news: up or down.")
    link: str = strawberry.field(description="The list behind the figure, a path in the web app.")
    trend: list[IndicatorPoint] = strawberry.field(
        description="The daily snapshots of the `trendDays` days up to `asOf`, oldest first (days without one "
                    "are left out).")


@strawberry.type(description="The operations dashboard of the company, as the caller may see it.")
class Dashboard:
    as_of: date
    currency: str = strawberry.field(description="The currency of money figures.")
    indicators: list[DashboardIndicator]


@strawberry.type
class DashboardQuery:
    @field(authenticated=True, description="The figures of the enabled modules you may see (each indicator "
           "names its permission), on `asOf` (today when omitted), with their trends.")
    async def dashboard(self, info: strawberry.Info, as_of: date | None = None,
                        trend_days: int = 14) -> Dashboard:
        if not 1 <= trend_days <= services.MAX_TREND_DAYS:
            raise BadUserInput((f"trendDays must be between 1 and {services.MAX_TREND_DAYS}.",
                                f"trendDays harus antara 1 dan {services.MAX_TREND_DAYS}."), field="trendDays")
        actor = info.context.actor
        granted = await actor.permissions()
        day = as_of or services.today()
        visible = [(m, i) for m, i in services.indicators(actor.enabled_modules) if i.permission in granted]
        start, end = services.trend_window(day, trend_days)
        stored = await services.snapshots([i.key for _, i in visible], start, end)
        tenant = await Tenant.select(Tenant.base_currency).where(Tenant.id == actor.tenant_id).first()
        locale = get_locale()
        figures = []
        for module, indicator in visible:
            history = stored.get(indicator.key, {})
            if day < services.today() and day in history:
                value: Decimal | None = services.tidy(history[day], indicator.unit)
            else:
                value = await services.compute(indicator, day)
            figures.append(DashboardIndicator(
                key=indicator.key, module=module, label=indicator.label.get(locale), value=value,
                unit=indicator.unit, good=indicator.good, link=indicator.link,
                trend=[IndicatorPoint(day=d, value=services.tidy(v, indicator.unit) or Decimal(0))
                       for d, v in sorted(history.items())]))
        return Dashboard(as_of=day, currency=(tenant or {}).get("base_currency") or "IDR", indicators=figures)
