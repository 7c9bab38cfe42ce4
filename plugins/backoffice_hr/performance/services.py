"""Performance rules: weights add up to at most 100%, one review of each kind per employee
and cycle, only the manager (or HR) writes the manager review, closed cycles are final."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, Forbidden, NotFound

from ..people.services import get_employee
from ..people.tables import Department, Employee
from .tables import Goal, Review, ReviewCycle


async def get_cycle(pk: int) -> dict[str, Any]:
    row = await ReviewCycle.select().where(ReviewCycle.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def _open_cycle(pk: int) -> dict[str, Any]:
    cycle = await get_cycle(pk)
    if cycle["status"] != "open":
        raise Conflict(("This review cycle is closed.", "Siklus penilaian ini sudah ditutup."))
    return cycle


async def create_cycle(name: str, starts_on: date, ends_on: date) -> int:
    if not name.strip():
        raise BadUserInput(("Name the cycle.", "Beri nama siklus."), field="name")
    if ends_on < starts_on:
        raise BadUserInput(("The cycle ends before it starts.", "Siklus berakhir sebelum dimulai."),
                           field="endsOn")
    result = await ReviewCycle.insert(ReviewCycle(name=name.strip()[:200], starts_on=starts_on,
                                                  ends_on=ends_on))
    return result[0]["id"]


async def close_cycle(pk: int) -> None:
    await _open_cycle(pk)
    await ReviewCycle.update({ReviewCycle.status: "closed"}).where(ReviewCycle.id == pk)


async def add_goal(cycle_id: int, employee_id: int, title: str, weight: Decimal) -> int:
    await _open_cycle(cycle_id)
    await get_employee(employee_id)
    if not title.strip():
        raise BadUserInput(("Describe the goal.", "Jelaskan sasarannya."), field="title")
    if weight <= 0 or weight > 100:
        raise BadUserInput(("A weight is between 0 and 100 percent.", "Bobot antara 0 dan 100 persen."),
                           field="weight")
    rows = await Goal.select(Goal.weight).where((Goal.cycle_id == cycle_id) & (Goal.employee_id == employee_id))
    total = sum((Decimal(r["weight"]) for r in rows), Decimal(0)) + weight
    if total > 100:
        raise BadUserInput((f"The weights would add up to {total}%, over 100%.",
                            f"Total bobot menjadi {total}%, melebihi 100%."), field="weight")
    result = await Goal.insert(Goal(cycle_id=cycle_id, employee_id=employee_id, title=title.strip()[:300],
                                    weight=weight))
    return result[0]["id"]


async def submit_review(cycle_id: int, employee_id: int, *, kind: str, rating: int, comments: str,
                        user_id: int | None, can_review_all: bool) -> int:
    await _open_cycle(cycle_id)
    employee = await get_employee(employee_id)
    if not 1 <= rating <= 5:
        raise BadUserInput(("Rate from 1 to 5.", "Beri nilai 1 sampai 5."), field="rating")
    if kind == "self":
        if employee["user_id"] is None or employee["user_id"] != user_id:
            raise Forbidden()
    else:
        manager = None
        if employee["manager_id"]:
            manager = await Employee.select(Employee.user_id).where(Employee.id == employee["manager_id"]).first()
        is_manager = bool(manager and manager["user_id"] and manager["user_id"] == user_id)
        if employee["user_id"] == user_id or not (is_manager or can_review_all):
            raise Forbidden()
    if await Review.exists().where((Review.cycle_id == cycle_id) & (Review.employee_id == employee_id)
                                   & (Review.kind == kind)):
        raise Conflict(("This review has been submitted already.", "Penilaian ini sudah dikirim."))
    result = await Review.insert(Review(cycle_id=cycle_id, employee_id=employee_id, kind=kind,
                                        reviewer_user_id=user_id, rating=rating, comments=comments or ""))
    return result[0]["id"]


async def summary(cycle_id: int) -> list[dict[str, Any]]:
    """Per department: employees, how many were reviewed by their manager, average ratings."""
    await get_cycle(cycle_id)
    employees = await Employee.select(Employee.id, Employee.department_id).where(Employee.status != "terminated")
    reviews = await Review.select().where(Review.cycle_id == cycle_id)
    names = {d["id"]: d["name"] for d in await Department.select(Department.id, Department.name)}
    by_employee: dict[int, dict[str, int]] = {}
    for r in reviews:
        by_employee.setdefault(r["employee_id"], {})[r["kind"]] = r["rating"]
    groups: dict[int | None, dict[str, Any]] = {}
    for e in employees:
        g = groups.setdefault(e["department_id"], {"employees": 0, "manager": [], "self": []})
        g["employees"] += 1
        for kind in ("manager", "self"):
            if kind in by_employee.get(e["id"], {}):
                g[kind].append(by_employee[e["id"]][kind])
    out = []
    for dept, g in sorted(groups.items(), key=lambda kv: names.get(kv[0] or 0, "")):
        def avg(values: list[int]) -> Decimal | None:
            return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.01")) if values else None

        out.append({"department_id": dept, "department": names.get(dept or 0, ""),
                    "employees": g["employees"], "reviewed": len(g["manager"]),
                    "average_manager_rating": avg(g["manager"]), "average_self_rating": avg(g["self"])})
    return out
