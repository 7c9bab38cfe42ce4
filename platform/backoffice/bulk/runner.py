"""The job that runs a bulk operation.

It rebuilds the actor who started the operation (the same person through their current
membership and roles, or the same integration with the same scopes), executes the query page
after page against that company's schema with a context for that actor, and stores each page's
nodes as JSON Lines. Field permissions apply exactly as on ``/graphql``: a field the actor may
not read ends the operation ``FAILED`` (``ACCESS_DENIED``) and no file is kept. The query cost
limit of ``/graphql`` does not apply here; the depth, token and alias limits still do.
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import time
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from backoffice.bulk import query as bulk_query
from backoffice.bulk.services import KEEP_FILE, now
from backoffice.bulk.tables import BulkOperation, BulkOperationPart
from backoffice.errors import BackofficeError
from backoffice.i18n import set_locale, translate
from backoffice.identity.actor import Actor
from backoffice.jobs.api import job_options

log = logging.getLogger("backoffice.bulk")

# The job's own limit; the operation fails with TIMEOUT before the job runner's limit.
RUN_SECONDS = 3000
_router: Any = None


class OperationFailed(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(code)
        self.code = code
        self.message = message


class Canceled(Exception):
    pass


_uncapped: dict[int, Any] = {}


def without_cost_limit(schema: Any) -> Any:
    """``schema`` without the endpoint's query cost check (and the rate limit budget it
    charges): that limit keeps single requests small, and running a large query in pages in
    the background is what a bulk operation is for. Depth, token and alias limits remain."""
    copy_ = _uncapped.get(id(schema))
    if copy_ is None:
        try:
            from backoffice.graphql.ratelimit import QueryCost  # noqa: PLC0415
        except ImportError:  # no cost check in this build
            return schema
        from strawberry.extensions import SchemaExtension  # noqa: PLC0415

        def is_cost(ext: Any) -> bool:
            if isinstance(ext, type):
                return issubclass(ext, QueryCost)
            return isinstance(ext if isinstance(ext, SchemaExtension) else ext(), QueryCost)

        copy_ = copy.copy(schema)
        copy_.extensions = tuple(ext for ext in schema.extensions if not is_cost(ext))
        _uncapped[id(schema)] = copy_
    return copy_


def schema_router() -> Any:
    """The schemas of this process (a worker has no app to borrow them from)."""
    global _router
    if _router is None:
        from backoffice.graphql.schema import SchemaRouter  # noqa: PLC0415
        from backoffice.runtime import get_registry  # noqa: PLC0415
        from backoffice.settings import get_settings  # noqa: PLC0415

        _router = SchemaRouter(get_registry(), get_settings())
    return _router


async def actor_of(row: dict[str, Any], tenant_id: int) -> Actor | None:
    """The actor who started the operation, as they are now; None when they no longer
    belong to the company (membership ended, client revoked, company suspended)."""
    from backoffice.identity.edge import enabled_of  # noqa: PLC0415
    from backoffice.identity.tables import Membership, OAuthClient  # noqa: PLC0415
    from backoffice.tenancy.tables import Tenant  # noqa: PLC0415

    tenant = await Tenant.select(Tenant.status, Tenant.enabled_modules).where(
        Tenant.id == tenant_id).first()
    if tenant is None or tenant["status"] != "active":
        return None
    actor = Actor(tenant_id=tenant_id, enabled_modules=enabled_of(tenant), via="bulk",
                  client_id=row["oauth_client_id"], user_id=row["user_id"],
                  scopes=frozenset(json.loads(row["scopes"])) if row["scopes"] is not None else None)
    if actor.client_id is not None:
        client = await OAuthClient.select(OAuthClient.id).where(
            (OAuthClient.client_id == actor.client_id) & OAuthClient.revoked_at.is_null()).first()
        if client is None:
            return None
    if actor.user_id is not None:
        membership = await Membership.select(Membership.id).where(
            (Membership.user_id == actor.user_id) & (Membership.is_active == True)  # noqa: E712
        ).first()
        if membership is None:
            return None
        actor.membership_id = membership["id"]
    return actor if actor.is_authenticated else None


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


def _line(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_json_default) + "\n"


def _dig(value: Any, keys: tuple[str, ...]) -> list[Any]:
    """The nodes of a connection in a response: ``nodes`` or ``edges[].node``."""
    if value is None:
        return []
    if len(keys) == 1:
        return list(value.get(keys[0]) or [])
    return [edge[keys[1]] for edge in value.get(keys[0]) or [] if edge is not None]


class Export:
    """One run of one operation."""

    def __init__(self, ctx: Any, row: dict[str, Any], actor: Actor, plan: bulk_query.Plan,
                 schema: Any) -> None:
        self.ctx = ctx
        self.row = row
        self.actor = actor
        self.plan = plan
        self.schema = schema
        self.objects = 0
        self.roots = 0
        self.size = 0
        self.seq = 0
        self.deadline = time.monotonic() + RUN_SECONDS

    async def execute(self, document: str, variables: dict[str, Any]) -> dict[str, Any]:
        from backoffice.graphql.context import Context  # noqa: PLC0415

        result = await self.schema.execute(document, variable_values=variables,
                                           context_value=Context(actor=self.actor))
        if result.errors:
            error = result.errors[0]
            original = error.original_error
            if isinstance(original, BackofficeError):
                code = "ACCESS_DENIED" if original.code in ("FORBIDDEN", "UNAUTHENTICATED") \
                    else original.code
                raise OperationFailed(code, translate(original.text))
            if original is None:
                raise OperationFailed("GRAPHQL_VALIDATION_FAILED", error.message)
            log.error("Bulk operation %s failed", self.row["id"], exc_info=original)
            raise OperationFailed("INTERNAL_SERVER_ERROR", translate(
                ("Internal server error.", "Terjadi kesalahan pada server.")))
        return result.data or {}

    async def check(self) -> None:
        status = await BulkOperation.select(BulkOperation.status).where(
            BulkOperation.id == self.row["id"]).first()
        if status is None or status["status"] != "running":
            raise Canceled()
        if time.monotonic() > self.deadline:
            raise OperationFailed("TIMEOUT", translate((
                f"The export ran longer than {RUN_SECONDS // 60} minutes.",
                f"Ekspor berjalan lebih dari {RUN_SECONDS // 60} menit.")))

    async def children(self, nested: bulk_query.Nested, node: dict[str, Any], before: str | None,
                       parent_id: Any) -> list[str]:
        """Every node of one nested connection of ``node``: the page it came with, then the
        following pages, each read through the parent alone (the edge before it as cursor)."""
        lines: list[str] = []
        connection = node.get(nested.key)
        while connection is not None:
            for child in _dig(connection, nested.node_keys):
                if child is not None:
                    lines.append(_line({**child, "__parentId": parent_id}))
            info = connection.get(bulk_query.PAGE_INFO) or {}
            if not info.get("hasNextPage"):
                break
            if not info.get("endCursor"):
                break
            await self.check()
            data = await self.execute(self.plan.follow_up(nested), {
                bulk_query.AFTER_VAR: before, bulk_query.NESTED_AFTER_VAR: info["endCursor"]})
            parents = (data.get(self.plan.root_field) or {}).get("nodes") or []
            if not parents or parents[0].get(bulk_query.PARENT_ID) != parent_id:
                raise OperationFailed("CONCURRENT_CHANGE", translate((
                    "Records changed while they were exported; start the export again.",
                    "Data berubah saat diekspor; mulai ekspor lagi.")))
            connection = parents[0].get(nested.key)
        return lines

    async def page(self, after: str | None) -> tuple[bool, str | None]:
        data = await self.execute(self.plan.document, {bulk_query.AFTER_VAR: after})
        connection = data.get(self.plan.root_key) or {}
        info = connection.get(bulk_query.PAGE_INFO) or {}
        total = connection.get(bulk_query.TOTAL)
        cursors = [e["cursor"] for e in connection.get(bulk_query.EDGES) or []]
        lines: list[str] = []
        previous = after
        for i, node in enumerate(_dig(connection, self.plan.node_keys)):
            if node is None:
                continue
            parent_id = node.pop(bulk_query.PARENT_ID, None)
            own = {k: v for k, v in node.items() if k not in {n.key for n in self.plan.nested}}
            lines.append(_line(own))
            for nested in self.plan.nested:
                lines += await self.children(nested, node, previous, parent_id)
            previous = cursors[i] if i < len(cursors) else previous
            self.roots += 1
        await self.write(lines, total)
        return bool(info.get("hasNextPage")), info.get("endCursor")

    async def write(self, lines: list[str], total: int | None) -> None:
        await self.check()
        if lines:
            content = "".join(lines)
            await BulkOperationPart.insert(BulkOperationPart(
                operation_id=self.row["id"], seq=self.seq, content=content))
            self.seq += 1
            self.size += len(content.encode())
            self.objects += len(lines)
        progress = min(99, int(self.roots * 100 / total)) if total else 0
        values: dict[Any, Any] = {BulkOperation.object_count: self.objects,
                                  BulkOperation.root_object_count: self.roots,
                                  BulkOperation.progress: progress, BulkOperation.parts: self.seq,
                                  BulkOperation.file_size: self.size}
        if total is not None:
            values[BulkOperation.total_count] = total
        await BulkOperation.update(values).where(BulkOperation.id == self.row["id"])
        await self.ctx.progress(progress, (f"{self.objects} objects written",
                                           f"{self.objects} objek ditulis"))

    async def run(self) -> None:
        after: str | None = None
        more = True
        while more:
            more, after = await self.page(after)
            if more and not after:
                break
        done = now()
        finished = await BulkOperation.update({
            BulkOperation.status: "completed", BulkOperation.progress: 100,
            BulkOperation.completed_at: done, BulkOperation.file_expires_at: done + KEEP_FILE,
        }).where((BulkOperation.id == self.row["id"]) & (BulkOperation.status == "running")
                 ).returning(BulkOperation.id)
        if not finished:
            raise Canceled()


async def _fail(operation_id: int, code: str, message: str) -> None:
    await BulkOperationPart.delete().where(BulkOperationPart.operation_id == operation_id)
    await BulkOperation.update({
        BulkOperation.status: "failed", BulkOperation.error_code: code,
        BulkOperation.error_message: message[:2000], BulkOperation.completed_at: now(),
        BulkOperation.object_count: 0, BulkOperation.parts: 0, BulkOperation.file_size: 0,
    }).where((BulkOperation.id == operation_id) & (BulkOperation.status == "running"))


@job_options(max_attempts=3, timeout=RUN_SECONDS + 120)
async def run_bulk_operation(ctx: Any, operation_id: int) -> dict[str, Any]:
    """Run bulk operation ``operation_id`` of the tenant in scope to its end."""
    from backoffice.db import scope as tenant_scope  # noqa: PLC0415

    row = await BulkOperation.select().where(BulkOperation.id == operation_id).first()
    if row is None or row["status"] not in ("created", "running"):
        return {"status": row["status"] if row else "missing"}
    # A run cut short (a worker stopped) starts again from the beginning.
    await BulkOperationPart.delete().where(BulkOperationPart.operation_id == operation_id)
    await BulkOperation.update({
        BulkOperation.status: "running", BulkOperation.started_at: now(),
        BulkOperation.object_count: 0, BulkOperation.root_object_count: 0,
        BulkOperation.progress: 0, BulkOperation.parts: 0, BulkOperation.file_size: 0,
    }).where((BulkOperation.id == operation_id) & BulkOperation.status.is_in(["created", "running"]))
    set_locale(row["locale"])
    actor = await actor_of(row, ctx.tenant_id)
    if actor is None:
        await _fail(operation_id, "ACCESS_DENIED", translate((
            "Whoever started this export may no longer read this company's data.",
            "Pihak yang memulai ekspor ini tidak lagi boleh membaca data perusahaan ini.")))
        return {"status": "failed"}
    from backoffice.graphql import schema as schema_module  # noqa: PLC0415

    schema = schema_router().for_modules(actor.enabled_modules)
    try:
        plan = bulk_query.plan(schema._schema, row["query"])
    except bulk_query.BulkQueryError as exc:  # a module turned off since the start, say
        await _fail(operation_id, exc.code, translate(exc.message))
        return {"status": "failed"}
    export = Export(ctx, row, actor, plan, without_cost_limit(schema))
    saved, saved_modules = tenant_scope.current(), schema_module._current_modules.get()
    tenant_scope.set_scope(tenant_scope.Scope(ctx.tenant_id, actor.user_id, actor.client_id))
    schema_module.SchemaRouter.use(actor.enabled_modules)
    try:
        await export.run()
    except Canceled:
        await BulkOperationPart.delete().where(BulkOperationPart.operation_id == operation_id)
        return {"status": "canceled"}
    except OperationFailed as exc:
        await _fail(operation_id, exc.code, exc.message)
        return {"status": "failed", "code": exc.code}
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("Bulk operation %s failed", operation_id)
        await _fail(operation_id, "INTERNAL_SERVER_ERROR", translate(
            ("Internal server error.", "Terjadi kesalahan pada server.")))
        return {"status": "failed", "code": "INTERNAL_SERVER_ERROR"}
    finally:
        tenant_scope.set_scope(saved)
        schema_module.SchemaRouter.use(saved_modules)
    return {"status": "completed", "objects": export.objects}
