"""Rate limits of the GraphQL API: points per window, per caller and per company.

Every operation costs points (:mod:`backoffice.graphql.cost`). Before it runs, its points are
taken from two budgets at once, or from neither:

- the caller's own budget: an OAuth client (``RATE_LIMIT_POINTS``; a token acting for a user
  has a budget per client and user), a logged-in user of the web app
  (``RATE_LIMIT_USER_POINTS``), or, for anonymous requests, the client address
  (``RATE_LIMIT_POINTS``);
- the company's budget (``RATE_LIMIT_TENANT_POINTS``), shared by every caller of the tenant,
  so that many clients of one company cannot starve the others.

Windows are fixed (``RATE_LIMIT_WINDOW_SECONDS``, aligned to the epoch); a budget is whole
again when its window ends. Counters live in Redis when ``REDIS_URL`` is set (one Lua script
checks and charges both budgets atomically, so several API processes share them), in process
memory otherwise. If Redis cannot be reached the process counts in memory and logs it: the API
keeps answering.

An operation over budget does not run: HTTP 429, ``Retry-After`` and ``RATE_LIMITED``. An
operation over the largest cost (``GRAPHQL_MAX_NODES`` / ``GRAPHQL_MAX_COST``) is refused
before any budget is touched, with ``QUERY_TOO_COSTLY``.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import strawberry
from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from backoffice.errors import BackofficeError, RateLimited
from backoffice.graphql.cost import Cost, operation_cost
from backoffice.graphql.fields import field
from backoffice.settings import Settings

log = logging.getLogger("backoffice.graphql.ratelimit")

RESOURCE = "graphql"


@dataclass(frozen=True)
class Budget:
    """One budget to charge: a counter key (without window) and its points per window."""

    key: str
    limit: int


@dataclass
class BudgetState:
    limit: int
    used: int

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)


@dataclass
class Charge:
    """What charging an operation did: ``allowed`` or not, each budget's state afterwards
    (unchanged when refused), and when the window ends."""

    allowed: bool
    states: list[BudgetState]
    reset_at: int  # epoch seconds
    refused_by: int | None = None  # index of the budget that had too little left


class MemoryCounters:
    """Counters of this process (without Redis, or while Redis is unreachable)."""

    def __init__(self) -> None:
        self._used: dict[str, int] = {}
        self._window = -1

    async def charge(self, keys: list[str], limits: list[int], points: int, window: int,
                     ttl: int) -> tuple[bool, list[int], int | None]:
        if window != self._window:  # a new window: every budget is whole again
            self._used.clear()
            self._window = window
        used = [self._used.get(k, 0) for k in keys]
        for i, (u, limit) in enumerate(zip(used, limits, strict=True)):
            if u + points > limit:
                return False, used, i
        for k in keys:
            self._used[k] = self._used.get(k, 0) + points
        return True, [u + points for u in used], None


# Check every budget, then charge all or none: one round trip, atomic across processes.
_CHARGE_SCRIPT = """
local points = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
local used = {}
for i, key in ipairs(KEYS) do
  used[i] = tonumber(redis.call('GET', key) or '0')
end
for i, key in ipairs(KEYS) do
  if used[i] + points > tonumber(ARGV[i + 2]) then
    table.insert(used, 1, i)
    table.insert(used, 1, 0)
    return used
  end
end
for i, key in ipairs(KEYS) do
  used[i] = redis.call('INCRBY', key, points)
  redis.call('EXPIRE', key, ttl)
end
table.insert(used, 1, 0)
table.insert(used, 1, 1)
return used
"""


class RedisCounters:
    """Counters in Redis, shared by every API process of the deployment."""

    def __init__(self, url: str, namespace: str) -> None:
        self.url = url
        self.namespace = namespace
        self._client: Any = None
        self._loop: Any = None
        self._script: Any = None

    def _connection(self) -> Any:
        loop = asyncio.get_running_loop()
        if self._client is None or self._loop is not loop:
            from redis.asyncio import Redis  # noqa: PLC0415

            self._client = Redis.from_url(self.url, socket_connect_timeout=2, socket_timeout=2)
            self._script = self._client.register_script(_CHARGE_SCRIPT)
            self._loop = loop
        return self._script

    async def charge(self, keys: list[str], limits: list[int], points: int, window: int,
                     ttl: int) -> tuple[bool, list[int], int | None]:
        script = self._connection()
        full = [f"{self.namespace}:ratelimit:{k}:{window}" for k in keys]
        reply = await script(keys=full, args=[points, ttl, *limits])
        allowed, refused, *used = (int(x) for x in reply)
        return bool(allowed), used, (refused - 1 if not allowed else None)

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


class RateLimiter:
    """Charges operations to budgets; built once per app from its settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.window_seconds = settings.rate_limit_window_seconds
        self.memory = MemoryCounters()
        self.redis = RedisCounters(settings.redis_url, settings.arq_queue_name) \
            if settings.redis_url else None
        self._redis_down_logged = 0.0

    @property
    def backend(self) -> str:
        return "redis" if self.redis is not None else "memory"

    def budgets(self, actor: Any) -> list[Budget]:
        """The caller's own budget first, then the company's (when there is one)."""
        s = self.settings
        tenant = getattr(actor, "tenant_id", None)
        client = getattr(actor, "client_id", None)
        user = getattr(actor, "user_id", None)
        if tenant is not None and client is not None:
            key = f"tenant:{tenant}:client:{client}" + (f":user:{user}" if user is not None else "")
            own = Budget(key, s.rate_limit_points)
        elif tenant is not None and user is not None:
            own = Budget(f"tenant:{tenant}:user:{user}", s.rate_limit_user_points)
        else:
            own = Budget(f"address:{getattr(actor, 'ip', '') or 'unknown'}", s.rate_limit_points)
        if tenant is None or not actor.is_authenticated:
            return [own]
        return [own, Budget(f"tenant:{tenant}", s.rate_limit_tenant_points)]

    async def charge(self, budgets: list[Budget], points: int) -> Charge:
        now = time.time()
        window = int(now // self.window_seconds)
        reset_at = (window + 1) * self.window_seconds
        ttl = max(1, math.ceil(reset_at - now)) + 5
        keys, limits = [b.key for b in budgets], [b.limit for b in budgets]
        result = None
        if self.redis is not None:
            try:
                result = await self.redis.charge(keys, limits, points, window, ttl)
            except Exception as exc:  # noqa: BLE001
                if now - self._redis_down_logged > 60:
                    log.warning("Rate limit counters fall back to process memory: Redis "
                                "is unreachable (%s)", type(exc).__name__)
                    self._redis_down_logged = now
        if result is None:
            result = await self.memory.charge(keys, limits, points, window, ttl)
        allowed, used, refused = result
        states = [BudgetState(limit=b.limit, used=u) for b, u in zip(budgets, used, strict=True)]
        return Charge(allowed=allowed, states=states, reset_at=reset_at, refused_by=refused)

    async def close(self) -> None:
        if self.redis is not None:
            await self.redis.close()


@dataclass
class OperationRate:
    """The cost and budget of the current operation, kept on the request's context."""

    cost: Cost
    charge: Charge | None = None

    @property
    def own(self) -> BudgetState | None:
        return self.charge.states[0] if self.charge else None

    @property
    def tenant(self) -> BudgetState | None:
        return self.charge.states[1] if self.charge and len(self.charge.states) > 1 else None

    def headers(self) -> dict[str, str]:
        own = self.own
        if own is None or self.charge is None:
            return {}
        return {
            "X-RateLimit-Limit": str(own.limit),
            "X-RateLimit-Remaining": str(own.remaining),
            "X-RateLimit-Used": str(own.used),
            "X-RateLimit-Reset": str(self.charge.reset_at),
            "X-RateLimit-Resource": RESOURCE,
        }

    def extension(self) -> dict[str, Any]:
        out: dict[str, Any] = {"requestedQueryCost": self.cost.points,
                               "requestedNodes": self.cost.requested_nodes}
        if self.charge is not None:
            status: dict[str, Any] = {
                "limit": self.own.limit if self.own else None,
                "remaining": self.own.remaining if self.own else None,
                "used": self.own.used if self.own else None,
                "resetAt": _iso(self.charge.reset_at),
            }
            if self.tenant is not None:
                status["tenant"] = {"limit": self.tenant.limit,
                                    "remaining": self.tenant.remaining,
                                    "used": self.tenant.used}
            out["throttleStatus"] = status
        return out


def _iso(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat().replace("+00:00", "Z")


def _refusal(error: BackofficeError) -> GraphQLExecutionResult:
    return GraphQLExecutionResult(data=None, errors=[GraphQLError(error.message,
                                                                  original_error=error)])


class QueryCost(SchemaExtension):
    """Computes the operation's cost after validation; refuses it when it is over the largest
    cost or over budget, before anything runs; reports cost and budget in the response."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.rate: OperationRate | None = None

    async def on_execute(self) -> Any:  # type: ignore[override]
        ec = self.execution_context
        context = ec.context
        document = ec.graphql_document
        if document is None:
            yield
            return
        cost = operation_cost(ec.schema, document, ec.variables, ec.operation_name)
        self.rate = OperationRate(cost=cost)
        limiter = _limiter_of(context)
        # The app's limiter carries the limits of the app it serves (the schema may be shared).
        settings = limiter.settings if limiter is not None else self.settings
        actor = getattr(context, "actor", None)
        budgets = limiter.budgets(actor) if limiter is not None and actor is not None else []
        # An operation dearer than a whole budget could never run: too costly, not "wait".
        max_cost = min([settings.graphql_max_cost, *(b.limit for b in budgets)])
        if cost.requested_nodes > settings.graphql_max_nodes or cost.points > max_cost:
            ec.result = _refusal(BackofficeError((
                f"This query asks for too much at once ({cost.requested_nodes} nodes, "
                f"{cost.points} points; the largest allowed is "
                f"{settings.graphql_max_nodes} nodes and {max_cost} "
                "points). Ask for smaller pages or fewer nested lists.",
                f"Kueri ini meminta terlalu banyak sekaligus ({cost.requested_nodes} node, "
                f"{cost.points} poin; batasnya {settings.graphql_max_nodes} node dan "
                f"{max_cost} poin). Minta halaman yang lebih kecil atau "
                "lebih sedikit daftar bersarang.",
            ), code="QUERY_TOO_COSTLY", requestedNodes=cost.requested_nodes,
                requestedQueryCost=cost.points, maxNodes=settings.graphql_max_nodes,
                maxCost=max_cost))
            yield
            return
        if limiter is not None and budgets:
            charge = await limiter.charge(budgets, cost.points)
            self.rate.charge = charge
            response = getattr(context, "response", None)
            if response is not None:
                response.headers.update(self.rate.headers())
            if not charge.allowed:
                retry_after = max(1, math.ceil(charge.reset_at - time.time()))
                whose = (("Your company's", "perusahaan Anda") if charge.refused_by == 1
                         else ("Your", "Anda"))
                if response is not None:
                    response.status_code = 429
                    response.headers["Retry-After"] = str(retry_after)
                ec.result = _refusal(RateLimited((
                    f"{whose[0]} API rate limit is used up for now (this operation costs "
                    f"{cost.points} points). Try again in {retry_after} seconds.",
                    f"Batas laju API {whose[1]} sudah habis untuk saat ini (operasi ini "
                    f"bernilai {cost.points} poin). Coba lagi dalam {retry_after} detik.",
                ), retry_after=retry_after, requestedQueryCost=cost.points,
                    budget="tenant" if charge.refused_by == 1 else "caller"))
        if context is not None and hasattr(context, "rate"):
            context.rate = self.rate
        yield

    def get_results(self) -> dict[str, Any]:
        return {"cost": self.rate.extension()} if self.rate is not None else {}


def _limiter_of(context: Any) -> RateLimiter | None:
    request = getattr(context, "request", None)
    if request is None:
        return None
    return getattr(request.app.state, "rate_limiter", None)


@strawberry.type(description="The rate limit budget of the caller, and the cost of this query.")
class RateLimit:
    cost: int = strawberry.field(description="Points this query costs.")
    node_count: int = strawberry.field(description="Nodes this query may return at most.")
    limit: int | None = strawberry.field(description="Points of your budget per window.")
    used: int | None = strawberry.field(description="Points used in this window, this query included.")
    remaining: int | None = strawberry.field(description="Points left in this window.")
    reset_at: datetime | None = strawberry.field(description="When the window ends and the budget is whole again.")
    tenant_limit: int | None = strawberry.field(
        description="Points of the company's budget per window (shared by all its callers).")
    tenant_remaining: int | None = strawberry.field(
        description="Points left in the company's budget in this window.")


@strawberry.type
class RateLimitQuery:
    # Logged-in callers and tokens; anonymous requests read the same in the headers and in
    # ``extensions.cost``.
    @field(authenticated=True, description="Your API rate limit budget and the cost of this "
                                           "query (see docs/api/rate-limits.md).")
    def rate_limit(self, info: strawberry.Info) -> RateLimit | None:
        rate: OperationRate | None = getattr(info.context, "rate", None)
        if rate is None:
            return None
        own, tenant = rate.own, rate.tenant
        return RateLimit(
            cost=rate.cost.points,
            node_count=rate.cost.requested_nodes,
            limit=own.limit if own else None,
            used=own.used if own else None,
            remaining=own.remaining if own else None,
            reset_at=datetime.fromtimestamp(rate.charge.reset_at, UTC) if rate.charge else None,
            tenant_limit=tenant.limit if tenant else None,
            tenant_remaining=tenant.remaining if tenant else None,
        )

