"""GraphQL of company policies."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry

from backoffice import sdk

from ..people.services import employee_of_user
from . import services
from .tables import Policy as PolicyTable
from .tables import PolicyAcknowledgement as AckTable
from .tables import PolicyVersion as VersionTable


async def load_current_versions(keys: list[int]) -> list[dict[str, Any] | None]:
    if not keys:  # a company without policies (an empty IN list is refused)
        return []
    rows = await VersionTable.select().where(VersionTable.policy_id.is_in(list(set(keys))))
    latest: dict[int, dict[str, Any]] = {}
    for r in rows:
        if r["policy_id"] not in latest or r["version"] > latest[r["policy_id"]]["version"]:
            latest[r["policy_id"]] = r
    return [latest.get(k) for k in keys]


async def load_ack_counts(version_ids: list[int]) -> list[int]:
    rows = await AckTable.select(AckTable.version_id).where(AckTable.version_id.is_in(list(set(version_ids))))
    counts: dict[int, int] = {}
    for r in rows:
        counts[r["version_id"]] = counts.get(r["version_id"], 0) + 1
    return [counts.get(k, 0) for k in version_ids]


@strawberry.type
class PolicyVersion:
    version: int
    body: str
    effective_from: date
    published_at: datetime


@strawberry.type
class Policy:
    id: strawberry.ID
    title: str
    category: str
    _pk: strawberry.Private[int]

    @classmethod
    def of(cls, r: dict[str, Any]) -> Policy:
        return cls(id=sdk.encode_id("Policy", r["id"]), title=r["title"], category=r["category"], _pk=r["id"])

    async def _current(self, info: sdk.Info) -> dict[str, Any] | None:
        return await sdk.loader(info, load_current_versions).load(self._pk)

    @strawberry.field
    async def current_version(self, info: sdk.Info) -> PolicyVersion | None:
        v = await self._current(info)
        return PolicyVersion(version=v["version"], body=v["body"], effective_from=v["effective_from"],
                             published_at=v["published_at"]) if v else None

    @strawberry.field(description="Employees who acknowledged the current version.")
    async def acknowledged_count(self, info: sdk.Info) -> int:
        v = await self._current(info)
        return await sdk.loader(info, load_ack_counts).load(v["id"]) if v else 0


@strawberry.type
class MyPolicy:
    policy: Policy
    acknowledged: bool


@strawberry.input
class PolicyInput:
    title: str
    body: str
    effective_from: date
    category: str = ""


@strawberry.input
class PolicyVersionInput:
    policy_id: strawberry.ID
    body: str
    effective_from: date


@strawberry.input
class AcknowledgePolicyInput:
    policy_id: strawberry.ID


@strawberry.type
class PolicyPayload(sdk.Payload):
    policy: Policy | None = None


async def _policy(pk: int) -> PolicyPayload:
    return PolicyPayload(policy=Policy.of(await services.get_policy(pk)))


@strawberry.type
class PolicyQuery:
    @sdk.field("hr.policy.read")
    async def policies(self, first: int | None = 20, after: str | None = None) -> sdk.Connection[Policy]:
        return await sdk.paginate(PolicyTable, node=Policy.of, first=first, after=after,
                                  order_by=PolicyTable.title)

    @sdk.field(self_service=True, description="Policies and whether you acknowledged them.")
    async def my_policies(self, info: sdk.Info) -> list[MyPolicy]:
        me = await employee_of_user(info.context.actor.user_id) if info.context.actor.user_id else None
        policies = await PolicyTable.select().order_by(PolicyTable.title)
        versions = await load_current_versions([p["id"] for p in policies])
        acked: set[int] = set()
        if me:
            acked = {r["version_id"] for r in await AckTable.select(AckTable.version_id).where(
                AckTable.employee_id == me["id"])}
        return [MyPolicy(policy=Policy.of(p), acknowledged=bool(v and v["id"] in acked))
                for p, v in zip(policies, versions, strict=True)]


@strawberry.type
class PolicyMutation:
    @sdk.mutation("hr.policy.manage")
    async def create_policy(self, input: PolicyInput) -> PolicyPayload:
        return await _policy(await services.create_policy(input.title, input.category, input.body,
                                                          input.effective_from))

    @sdk.mutation("hr.policy.manage", description="Publish a new version; everyone acknowledges again.")
    async def publish_policy_version(self, input: PolicyVersionInput) -> PolicyPayload:
        pk = sdk.decode_id(input.policy_id, "Policy")
        await services.publish_version(pk, input.body, input.effective_from)
        return await _policy(pk)

    @sdk.mutation(self_service=True, description="Acknowledge the current version of a policy.")
    async def acknowledge_policy(self, info: sdk.Info, input: AcknowledgePolicyInput) -> PolicyPayload:
        me = await employee_of_user(info.context.actor.user_id) if info.context.actor.user_id else None
        if me is None:
            raise sdk.NotFound(("You have no employee record in this company.",
                                "Anda tidak memiliki data karyawan di perusahaan ini."))
        pk = sdk.decode_id(input.policy_id, "Policy")
        await services.acknowledge(pk, me["id"])
        return await _policy(pk)


