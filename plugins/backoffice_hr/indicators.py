"""HR's figures on the operations dashboard: headcount and open positions (one query each)."""

from __future__ import annotations

from datetime import date

from piccolo.query.functions.aggregate import Sum

from backoffice.sdk import Indicator, Text

from .people.tables import Employee
from .recruitment.tables import JobOpening


async def headcount(as_of: date) -> int:
    """Employees working on ``as_of``: started, and not gone (a leaver counts until their last day)."""
    staying = (Employee.end_date.is_null() & (Employee.status != "terminated")) | (Employee.end_date >= as_of)
    return await Employee.count().where((Employee.start_date <= as_of) & staying)


async def open_positions(as_of: date) -> int:
    """People still to hire: the headcount of the openings that are open."""
    row = await JobOpening.select(Sum(JobOpening.headcount, alias="total")).where(JobOpening.status == "open").first()
    return int((row or {}).get("total") or 0)


INDICATORS = [
    Indicator(key="hr.headcount", label=Text("Headcount", "Jumlah karyawan"), permission="hr.employee.read",
              compute=headcount, link="/hr/employees"),
    Indicator(key="hr.open_positions", label=Text("Open positions", "Posisi terbuka"),
              permission="hr.recruitment.read", compute=open_positions, link="/hr/recruitment"),
]
