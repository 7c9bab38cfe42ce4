"""The baseline: a plain Litestar app with hand-written SQL on asyncpg, giving the same JSON
as the GraphQL operations the benchmarks send.

It keeps both walls, as the product does: it connects as the application role (row level
security binds it), finds the tenant from the session cookie, copies it into
``app.tenant_id`` and filters on ``tenant_id`` itself. What it leaves out is what the
benchmarks weigh: GraphQL parsing, validation and execution, the ORM, DataLoaders, the
permission check, audit and outbox.

Run with ``uvicorn bench.baseline_app:create_app --factory``; configured by ``DATABASE_URL``.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import os
import secrets
from datetime import date
from typing import Any

import asyncpg
from litestar import Litestar, Request, get, post
from litestar.exceptions import NotAuthorizedException

COOKIE = "bo_session"

SESSION_SQL = (
    "SELECT s.active_tenant FROM user_sessions s JOIN users u ON u.id = s.user_id "
    "JOIN tenants t ON t.id = s.active_tenant "
    "WHERE s.token_hash = $1 AND s.expires_at > now() AND u.is_active AND t.status = 'active'"
)
SCOPE_SQL = "SELECT set_config('app.tenant_id', $1, false)"
LIST_SQL = """
SELECT e.id, e.employee_number, e.full_name, e.work_email, e.status, e.start_date,
       d.id AS d_id, d.name AS d_name, p.id AS p_id, p.title AS p_title,
       m.id AS m_id, m.full_name AS m_full_name
FROM hr_employees e
LEFT JOIN hr_departments d ON d.tenant_id = e.tenant_id AND d.id = e.department_id
LEFT JOIN hr_positions p ON p.tenant_id = e.tenant_id AND p.id = e.position_id
LEFT JOIN hr_employees m ON m.tenant_id = e.tenant_id AND m.id = e.manager_id
WHERE e.tenant_id = $1
ORDER BY e.full_name, e.id
LIMIT $2
"""
INSERT_SQL = (
    "INSERT INTO hr_employees (tenant_id, employee_number, full_name, start_date) "
    "VALUES ($1, $2, $3, $4) RETURNING id, employee_number, full_name"
)


def encode_id(type_name: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def _token(request: Request[Any, Any, Any]) -> str:
    token = request.cookies.get(COOKIE)
    if not token:
        raise NotAuthorizedException()
    return hashlib.sha256(token.encode()).hexdigest()


async def _tenant(conn: asyncpg.Connection, request: Request[Any, Any, Any]) -> int:
    tenant_id = await conn.fetchval(SESSION_SQL, _token(request))
    if tenant_id is None:
        raise NotAuthorizedException()
    await conn.execute(SCOPE_SQL, str(tenant_id))
    return tenant_id


@get("/health", sync_to_thread=False)
def health() -> dict[str, str]:
    return {"status": "ok"}


@get("/employees")
async def employees(request: Request[Any, Any, Any], first: int = 50) -> dict[str, Any]:
    """The same answer as ``employees(first:) { edges { node { ... department position
    manager } } }``: one statement for the session, one for the scope, one for the rows."""
    async with request.app.state.pool.acquire() as conn:
        tenant_id = await _tenant(conn, request)
        rows = await conn.fetch(LIST_SQL, tenant_id, min(first, 100))
    edges = [{"node": {
        "id": encode_id("Employee", r["id"]),
        "employeeNumber": r["employee_number"],
        "fullName": r["full_name"],
        "workEmail": r["work_email"],
        "status": r["status"],
        "startDate": r["start_date"].isoformat(),
        "department": {"id": encode_id("Department", r["d_id"]), "name": r["d_name"]}
        if r["d_id"] is not None else None,
        "position": {"id": encode_id("Position", r["p_id"]), "title": r["p_title"]}
        if r["p_id"] is not None else None,
        "manager": {"id": encode_id("Employee", r["m_id"]), "fullName": r["m_full_name"]}
        if r["m_id"] is not None else None,
    }} for r in rows]
    return {"data": {"employees": {"edges": edges}}}


_numbers = itertools.count(1)
_prefix = secrets.token_hex(3)


@post("/employees")
async def create_employee(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """A bare INSERT of the same employee ``createEmployee`` makes (no audit, no checks)."""
    body = await request.json()
    number = f"B-{_prefix}-{next(_numbers)}"
    async with request.app.state.pool.acquire() as conn:
        tenant_id = await _tenant(conn, request)
        row = await conn.fetchrow(INSERT_SQL, tenant_id, number, body["fullName"],
                                  date.fromisoformat(body["startDate"]))
    return {"data": {"createEmployee": {
        "employee": {"id": encode_id("Employee", row["id"]),
                     "employeeNumber": row["employee_number"], "fullName": row["full_name"]},
        "userErrors": []}}}


def create_app() -> Litestar:
    async def start(app: Litestar) -> None:
        # The same pool size as the product's engine (backoffice.db.engine.start).
        app.state.pool = await asyncpg.create_pool(os.environ["DATABASE_URL"], min_size=1,
                                                   max_size=10)

    async def stop(app: Litestar) -> None:
        await app.state.pool.close()

    return Litestar(route_handlers=[health, employees, create_employee], on_startup=[start],
                    on_shutdown=[stop], debug=False)
