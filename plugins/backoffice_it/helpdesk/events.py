"""IT's reactions to HR: a checklist ticket for every hire, and one to collect the assets of
every leaver. Each event opens one ticket, however often it is delivered."""

from __future__ import annotations

from typing import Any

from . import services

ONBOARDING = "- Laptop and charger\n- Email account\n- Access to shared drives and apps\n- Phone and ID card"


async def on_hired(event: Any) -> None:
    p = event.payload
    await services.open_ticket(
        subject=f"Onboarding: {p['full_name']} starts {p['start_date']}", description=ONBOARDING,
        category="onboarding", priority="high", impact="single", requester=None,
        source_key=f"hr.employee_hired:{event.id}")


async def on_terminated(event: Any) -> None:
    p = event.payload
    await services.open_ticket(
        subject=f"Offboarding: {p['full_name']} leaves {p['end_date']}",
        description="- Collect laptop, phone and ID card\n- Disable accounts on the last day\n- Transfer files",
        category="offboarding", priority="high", impact="single", requester=None,
        source_key=f"hr.employee_terminated:{event.id}")
