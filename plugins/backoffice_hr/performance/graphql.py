"""GraphQL of performance management."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import strawberry

from backoffice import sdk

from ..people.services import employee_of_user
from . import services
from .tables import Goal as GoalTable
from .tables import Review as ReviewTable
from .tables import ReviewCycle as CycleTable


@strawberry.type
class ReviewCycle:
    id: strawberry.ID
    name: str
    starts_on: date
    ends_on: date
    status: str

    @classmethod
    def of(cls, r: dict[str, Any]) -> ReviewCycle:
        return cls(id=sdk.encode_id("ReviewCycle", r["id"]), name=r["name"], starts_on=r["starts_on"],
                   ends_on=r["ends_on"], status=r["status"])


@strawberry.type
class Goal:
    id: strawberry.ID
    title: str
    weight: Decimal


@strawberry.type
class Review:
    id: strawberry.ID
    kind: str
    rating: int
    comments: str


@strawberry.type
class DepartmentPerformance:
    department_id: strawberry.ID | None
    department: str
    employees: int
    reviewed: int
    average_manager_rating: Decimal | None
    average_self_rating: Decimal | None


@strawberry.type
class EmployeeCycle:
    goals: list[Goal]
    reviews: list[Review]


@strawberry.input
class ReviewCycleInput:
    name: str
    starts_on: date
    ends_on: date


@strawberry.input
class GoalInput:
    cycle_id: strawberry.ID
    employee_id: strawberry.ID
    title: str
    weight: Decimal


@strawberry.input
class ReviewInput:
    cycle_id: strawberry.ID
    employee_id: strawberry.ID
    rating: int
    comments: str = ""


@strawberry.input
class SelfReviewInput:
    cycle_id: strawberry.ID
    rating: int
    comments: str = ""


@strawberry.input
class CycleIdInput:
    id: strawberry.ID


@strawberry.type
class ReviewCyclePayload(sdk.Payload):
    review_cycle: ReviewCycle | None = None


@strawberry.type
class GoalPayload(sdk.Payload):
    goal: Goal | None = None


@strawberry.type
class ReviewPayload(sdk.Payload):
    review: Review | None = None


async def _employee_cycle(cycle_id: int, employee_id: int) -> EmployeeCycle:
    goals = await GoalTable.select().where((GoalTable.cycle_id == cycle_id) & (GoalTable.employee_id == employee_id))
    reviews = await ReviewTable.select().where((ReviewTable.cycle_id == cycle_id)
                                               & (ReviewTable.employee_id == employee_id))
    return EmployeeCycle(
        goals=[Goal(id=sdk.encode_id("Goal", g["id"]), title=g["title"], weight=Decimal(g["weight"])) for g in goals],
        reviews=[Review(id=sdk.encode_id("Review", r["id"]), kind=r["kind"], rating=r["rating"],
                        comments=r["comments"]) for r in reviews])


async def _review(pk: int) -> ReviewPayload:
    r = await ReviewTable.select().where(ReviewTable.id == pk).first()
    return ReviewPayload(review=Review(id=sdk.encode_id("Review", r["id"]), kind=r["kind"],
                                       rating=r["rating"], comments=r["comments"]))


@strawberry.type
class PerformanceQuery:
    @sdk.field("hr.performance.read")
    async def review_cycles(self, first: int | None = 20, after: str | None = None) -> sdk.Connection[ReviewCycle]:
        return await sdk.paginate(CycleTable, node=ReviewCycle.of, first=first, after=after,
                                  order_by=CycleTable.starts_on, descending=True)

    @sdk.field("hr.performance.read", description="Goals and reviews of one employee in a cycle.")
    async def employee_review(self, cycle_id: strawberry.ID, employee_id: strawberry.ID) -> EmployeeCycle:
        from ..people.services import get_employee

        cycle = sdk.decode_id(cycle_id, "ReviewCycle")
        await services.get_cycle(cycle)
        employee = sdk.decode_id(employee_id, "Employee")
        await get_employee(employee)
        return await _employee_cycle(cycle, employee)

    @sdk.field("hr.performance.read", description="Reviews and ratings per department.")
    async def review_cycle_summary(self, cycle_id: strawberry.ID) -> list[DepartmentPerformance]:
        rows = await services.summary(sdk.decode_id(cycle_id, "ReviewCycle"))
        return [DepartmentPerformance(
            department_id=sdk.encode_id("Department", r["department_id"]) if r["department_id"] else None,
            department=r["department"], employees=r["employees"], reviewed=r["reviewed"],
            average_manager_rating=r["average_manager_rating"],
            average_self_rating=r["average_self_rating"]) for r in rows]

    @sdk.field(self_service=True, description="Your own goals and reviews in a cycle.")
    async def my_review(self, info: sdk.Info, cycle_id: strawberry.ID) -> EmployeeCycle | None:
        me = await employee_of_user(info.context.actor.user_id) if info.context.actor.user_id else None
        if me is None:
            return None
        cycle = sdk.decode_id(cycle_id, "ReviewCycle")
        await services.get_cycle(cycle)
        return await _employee_cycle(cycle, me["id"])


@strawberry.type
class PerformanceMutation:
    @sdk.mutation("hr.performance.manage")
    async def create_review_cycle(self, input: ReviewCycleInput) -> ReviewCyclePayload:
        pk = await services.create_cycle(input.name, input.starts_on, input.ends_on)
        return ReviewCyclePayload(review_cycle=ReviewCycle.of(await services.get_cycle(pk)))

    @sdk.mutation("hr.performance.manage")
    async def close_review_cycle(self, input: CycleIdInput) -> ReviewCyclePayload:
        pk = sdk.decode_id(input.id, "ReviewCycle")
        await services.close_cycle(pk)
        return ReviewCyclePayload(review_cycle=ReviewCycle.of(await services.get_cycle(pk)))

    @sdk.mutation("hr.performance.manage", description="Set a weighted goal (weights add up to 100%).")
    async def add_goal(self, input: GoalInput) -> GoalPayload:
        pk = await services.add_goal(sdk.decode_id(input.cycle_id, "ReviewCycle"),
                                     sdk.decode_id(input.employee_id, "Employee"), input.title, input.weight)
        g = await GoalTable.select().where(GoalTable.id == pk).first()
        return GoalPayload(goal=Goal(id=sdk.encode_id("Goal", pk), title=g["title"], weight=Decimal(g["weight"])))

    @sdk.mutation(self_service=True, description="Your self-review in a cycle.")
    async def submit_self_review(self, info: sdk.Info, input: SelfReviewInput) -> ReviewPayload:
        me = await employee_of_user(info.context.actor.user_id) if info.context.actor.user_id else None
        if me is None:
            raise sdk.NotFound(("You have no employee record in this company.",
                                "Anda tidak memiliki data karyawan di perusahaan ini."))
        pk = await services.submit_review(sdk.decode_id(input.cycle_id, "ReviewCycle"), me["id"], kind="self",
                                          rating=input.rating, comments=input.comments,
                                          user_id=info.context.actor.user_id, can_review_all=False)
        return await _review(pk)

    @sdk.mutation(self_service=True,
                  description="The manager's review: by the employee's manager or HR (hr.performance.manage).")
    async def submit_manager_review(self, info: sdk.Info, input: ReviewInput) -> ReviewPayload:
        pk = await services.submit_review(
            sdk.decode_id(input.cycle_id, "ReviewCycle"), sdk.decode_id(input.employee_id, "Employee"),
            kind="manager", rating=input.rating, comments=input.comments, user_id=info.context.actor.user_id,
            can_review_all=await sdk.has_permission(info, "hr.performance.manage"))
        return await _review(pk)
