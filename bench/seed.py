"""Bulk seeding with plain SQL, fast enough for a million rows.

Seeding connects as the PostgreSQL superuser of the run: row level security is *forced* on
every tenant table, so it binds the owner role too, and one ``INSERT ... SELECT`` writing
rows of thousands of tenants can only pass the policy on a connection that bypasses it. The
application itself never does this; its role stays bound by the policies.

- :func:`seed_people`: departments, positions and employees (with managers) for one tenant.
- :func:`seed_salaries`: a salary structure for each of a tenant's employees (payroll).
- :func:`seed_applicants`: an opening with applicants ready to hire (the write benchmark).
- :func:`clone_tenants`: more tenants, each a copy of a template tenant's rows in every
  tenant table (so each holds the same 100 employees, roles, audit entries ...), with an
  owner and a membership of its own. Ids inside copied rows (a department id, a manager id)
  still point at the template's rows: the measured tenant never reads another tenant's
  rows, so only the volume matters, and both walls keep every copy in its own tenant.
"""

from __future__ import annotations

import time
from typing import Any

import asyncpg

# Work that is not tenant data, or that a worker would pick up: never copied.
NOT_CLONED = {"memberships", "jobs", "outbox_events", "event_deliveries", "outgoing_mails",
              "notifications", "invitations", "oauth_clients"}


async def connect(superuser_url: str) -> asyncpg.Connection:
    conn = await asyncpg.connect(superuser_url)
    # Seeding is set-up, not measurement: no need to wait for each flush to disk.
    await conn.execute("SET synchronous_commit = off")
    return conn


async def seed_people(superuser_url: str, tenant_id: int, employees: int = 100,
                      departments: int = 10, positions: int = 20) -> list[int]:
    """Departments, positions and ``employees`` employees for ``tenant_id``; every employee
    but the first ten reports to one of the first ten. Returns the employees' ids."""
    conn = await connect(superuser_url)
    try:
        async with conn.transaction():
            dept_ids = [r["id"] for r in await conn.fetch(
                "INSERT INTO hr_departments (tenant_id, name, code) "
                "SELECT $1, 'Department ' || lpad(i::text, 3, '0'), 'D' || i "
                "FROM generate_series(1, $2) i RETURNING id", tenant_id, departments)]
            pos_ids = [r["id"] for r in await conn.fetch(
                "INSERT INTO hr_positions (tenant_id, title, grade, department_id) "
                "SELECT $1, 'Position ' || lpad(i::text, 3, '0'), 'G' || (i % 5), "
                "($3::bigint[])[1 + i % array_length($3::bigint[], 1)] "
                "FROM generate_series(1, $2) i RETURNING id", tenant_id, positions, dept_ids)]
            ids = [r["id"] for r in await conn.fetch(
                "INSERT INTO hr_employees (tenant_id, employee_number, full_name, work_email, "
                "phone, start_date, department_id, position_id, ptkp_status) "
                "SELECT $1, 'EMP-' || lpad(i::text, 6, '0'), "
                "(ARRAY['Ayu','Budi','Citra','Dewi','Eko','Fajar','Gita','Hadi'])[1 + i % 8] "
                "|| ' ' || (ARRAY['Santoso','Wijaya','Halim','Kusuma','Pratama','Siregar'])"
                "[1 + (i / 8) % 6] || ' ' || i, "
                "'employee' || i || '@example.com', '+62 812 0000 ' || i, "
                "DATE '2018-01-01' + (i * 7 % 2000), "
                "($3::bigint[])[1 + i % array_length($3::bigint[], 1)], "
                "($4::bigint[])[1 + i % array_length($4::bigint[], 1)], "
                "(ARRAY['TK/0','K/0','K/1','K/2','TK/1'])[1 + i % 5] "
                "FROM generate_series(1, $2) i ORDER BY i RETURNING id",
                tenant_id, employees, dept_ids, pos_ids)]
            managers = ids[:10]
            await conn.executemany(
                "UPDATE hr_employees SET manager_id = $2 WHERE tenant_id = $3 AND id = $1",
                [(pk, managers[i % len(managers)], tenant_id)
                 for i, pk in enumerate(ids) if i >= len(managers)])
    finally:
        await conn.close()
    return ids


async def seed_salaries(superuser_url: str, tenant_id: int) -> int:
    conn = await connect(superuser_url)
    try:
        status = await conn.execute(
            "INSERT INTO hr_salary_structures (tenant_id, employee_id, base_salary, "
            "fixed_allowances, other_deductions, jkk_class) "
            "SELECT tenant_id, id, 4500000 + (id % 40) * 250000, 750000, 100000, 1 + id % 3 "
            "FROM hr_employees WHERE tenant_id = $1", tenant_id)
    finally:
        await conn.close()
    return int(status.split()[-1])


async def seed_applicants(superuser_url: str, tenant_id: int, count: int) -> list[int]:
    """One opening with ``count`` applicants at the offer stage; returns their ids."""
    conn = await connect(superuser_url)
    try:
        async with conn.transaction():
            dept, pos = await conn.fetchrow(
                "SELECT d.id, p.id FROM hr_departments d, hr_positions p "
                "WHERE d.tenant_id = $1 AND p.tenant_id = $1 ORDER BY d.id, p.id LIMIT 1",
                tenant_id)
            opening = await conn.fetchval(
                "INSERT INTO hr_job_openings (tenant_id, title, department_id, position_id, "
                "headcount) VALUES ($1, 'Bench opening', $2, $3, $4) RETURNING id",
                tenant_id, dept, pos, count + 1)
            rows = await conn.fetch(
                "INSERT INTO hr_applicants (tenant_id, opening_id, full_name, email, stage) "
                "SELECT $1, $2, 'Applicant ' || i, 'applicant' || i || '@example.com', 'offer' "
                "FROM generate_series(1, $3) i RETURNING id", tenant_id, opening, count)
    finally:
        await conn.close()
    return [r["id"] for r in rows]


async def _columns(conn: asyncpg.Connection, table: str) -> list[str]:
    rows = await conn.fetch(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
        "AND table_name = $1 AND column_name <> 'id' ORDER BY ordinal_position", table)
    return [r["column_name"] for r in rows]


def _select_list(columns: list[str], overrides: dict[str, str], alias: str) -> str:
    return ", ".join(overrides.get(c, f'{alias}."{c}"') for c in columns)


async def clone_tenants(superuser_url: str, template_tenant_id: int, first: int,
                        last: int, tag: str) -> dict[str, Any]:
    """Add tenants numbered ``first`` to ``last`` (inclusive), copies of the template tenant.

    Returns the seconds taken and the rows written per table."""
    started = time.perf_counter()
    written: dict[str, int] = {}
    conn = await connect(superuser_url)
    try:
        template = await conn.fetchrow("SELECT * FROM tenants WHERE id = $1", template_tenant_id)
        async with conn.transaction():
            # Owners: a copy of the template's owner with an address of its own.
            user_cols = await _columns(conn, "users")
            status = await conn.execute(
                f"INSERT INTO users ({', '.join(user_cols)}) SELECT "
                + _select_list(user_cols, {
                    "email": f"'filler-{tag}-' || i || '@example.com'",
                    "full_name": "'Filler owner ' || i"}, "u")
                + " FROM users u, generate_series($2::int, $3::int) i WHERE u.id = $1",
                template["owner_user_id"], first, last)
            written["users"] = int(status.split()[-1])
            tenant_cols = await _columns(conn, "tenants")
            status = await conn.execute(
                f"INSERT INTO tenants ({', '.join(tenant_cols)}) SELECT "
                + _select_list(tenant_cols, {
                    "slug": f"'filler-{tag}-' || i", "name": "'Filler company ' || i",
                    "owner_user_id": "o.id", "pending_work_at": "NULL",
                    "created_at": "now()"}, "t")
                + f" FROM tenants t, generate_series($2::int, $3::int) i "
                f"JOIN users o ON o.email = 'filler-{tag}-' || i || '@example.com' "
                "WHERE t.id = $1", template_tenant_id, first, last)
            written["tenants"] = int(status.split()[-1])
            await conn.execute(
                "CREATE TEMP TABLE new_tenants ON COMMIT DROP AS "
                "SELECT id, owner_user_id FROM tenants WHERE slug LIKE $1 AND id > $2",
                f"filler-{tag}-%", template_tenant_id)
            member_cols = await _columns(conn, "memberships")
            status = await conn.execute(
                f"INSERT INTO memberships ({', '.join(member_cols)}) SELECT "
                + _select_list(member_cols, {"tenant_id": "n.id", "user_id": "n.owner_user_id"},
                               "m")
                + " FROM memberships m, new_tenants n WHERE m.tenant_id = $1 AND m.user_id = $2",
                template_tenant_id, template["owner_user_id"])
            written["memberships"] = int(status.split()[-1])
            tables = [r["table_name"] for r in await conn.fetch(
                "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' "
                "AND column_name = 'tenant_id' ORDER BY table_name")]
            for table in tables:
                if table in NOT_CLONED:
                    continue
                if not await conn.fetchval(
                        f'SELECT EXISTS (SELECT 1 FROM "{table}" WHERE tenant_id = $1)',
                        template_tenant_id):
                    continue
                cols = await _columns(conn, table)
                status = await conn.execute(
                    f'INSERT INTO "{table}" ({", ".join(cols)}) SELECT '
                    + _select_list(cols, {"tenant_id": "n.id"}, "r")
                    + f' FROM "{table}" r, new_tenants n WHERE r.tenant_id = $1',
                    template_tenant_id)
                written[table] = int(status.split()[-1])
        insert_seconds = time.perf_counter() - started
        # Fresh statistics and visibility maps, so that autovacuum does not wake up in the
        # middle of the measurement and the planner sees the real table sizes.
        for table in sorted(written, key=lambda t: -written[t]):
            await conn.execute(f'VACUUM ANALYZE "{table}"')
    finally:
        await conn.close()
    return {"seconds": time.perf_counter() - started, "insert_seconds": insert_seconds,
            "rows": written}
