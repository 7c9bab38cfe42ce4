"""Throw-away installations: PostgreSQL databases with an owner role (migrations) and an
application role without BYPASSRLS (the app), a Redis queue name per benchmark, and the
environment a server, worker or CLI process needs. Everything is dropped afterwards.

The roles mirror production (docs/operations.md) and the PostgreSQL test run
(tests/conftest.py). A third role, member of the application role but with BYPASSRLS, serves
the row level security benchmark: the same privileges, with the policies skipped.

``backoffice migrate`` runs once per invocation, into a template database; each benchmark
gets a copy of it (``CREATE DATABASE ... TEMPLATE``), which takes about a second.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
PG_ADMIN = os.environ.get("BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
# The product's plugins only: the test environment also installs the example plugins.
EXCLUDE_PLUGINS = os.environ.get("BENCH_EXCLUDE_PLUGINS", "example,example_listener")
CLUSTER_VAR = "BENCH_CLUSTER"


class ServiceMissing(RuntimeError):
    """PostgreSQL or Redis cannot be reached."""


def with_db(url: str, database: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + database


def with_user(url: str, user: str) -> str:
    scheme, rest = url.split("://", 1)
    host = rest.split("@", 1)[1] if "@" in rest else rest
    return f"{scheme}://{user}@{host}"


async def admin(statements: list[str], database: str | None = None) -> None:
    conn = await asyncpg.connect(PG_ADMIN if database is None else with_db(PG_ADMIN, database))
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


def check_services() -> None:
    """Raise :class:`ServiceMissing` unless PostgreSQL and Redis answer."""

    async def probe() -> None:
        try:
            conn = await asyncpg.connect(PG_ADMIN, timeout=3)
            await conn.close()
        except Exception as exc:  # noqa: BLE001
            raise ServiceMissing(f"PostgreSQL at {PG_ADMIN} is not reachable: {exc}") from exc
        import redis.asyncio as aioredis

        client = aioredis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        try:
            await client.ping()
        except Exception as exc:  # noqa: BLE001
            raise ServiceMissing(f"Redis at {REDIS_URL} is not reachable: {exc}") from exc
        finally:
            await client.aclose()

    asyncio.run(probe())


@dataclass
class Cluster:
    """The roles and the migrated template database shared by the benchmarks of one run."""

    suffix: str
    migrate_seconds: float = 0.0

    @property
    def owner(self) -> str:
        return f"bo_bench_owner_{self.suffix}"

    @property
    def app(self) -> str:
        return f"bo_bench_app_{self.suffix}"

    @property
    def bypass(self) -> str:
        return f"bo_bench_bypass_{self.suffix}"

    @property
    def template(self) -> str:
        return f"bo_bench_{self.suffix}_template"

    def installation(self, name: str) -> Installation:
        return Installation(cluster=self, db=f"bo_bench_{self.suffix}_{name}",
                            queue=f"backoffice:bench:{self.suffix}:{name}")


def create_cluster() -> Cluster:
    cluster = Cluster(suffix=secrets.token_hex(4))
    asyncio.run(admin([
        f"CREATE ROLE {cluster.owner} LOGIN",
        f"CREATE ROLE {cluster.app} LOGIN NOBYPASSRLS",
        f"CREATE ROLE {cluster.bypass} LOGIN BYPASSRLS IN ROLE {cluster.app}",
        # Migrations are DDL in many small transactions: no need to wait for each flush.
        f"ALTER ROLE {cluster.owner} SET synchronous_commit = off",
        f"CREATE DATABASE {cluster.template} OWNER {cluster.owner}",
    ]))
    try:
        asyncio.run(admin(["REVOKE ALL ON SCHEMA public FROM PUBLIC",
                           f"ALTER SCHEMA public OWNER TO {cluster.owner}"],
                          database=cluster.template))
        inst = Installation(cluster=cluster, db=cluster.template, queue="unused")
        started = time.perf_counter()
        result = subprocess.run([str(BIN / "backoffice"), "migrate"], capture_output=True,
                                text=True, env=inst.env(), cwd=ROOT, check=False)
        cluster.migrate_seconds = time.perf_counter() - started
        if result.returncode != 0:
            raise RuntimeError(f"backoffice migrate failed:\n{result.stdout}\n{result.stderr}")
    except BaseException:
        drop_cluster(cluster)
        raise
    return cluster


def drop_cluster(cluster: Cluster) -> None:
    asyncio.run(admin([
        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        f"WHERE datname LIKE 'bo_bench_{cluster.suffix}_%'",
    ]))

    async def drop_all() -> None:
        conn = await asyncpg.connect(PG_ADMIN)
        try:
            names = [r["datname"] for r in await conn.fetch(
                "SELECT datname FROM pg_database WHERE datname LIKE $1",
                f"bo_bench_{cluster.suffix}_%")]
            for name in names:
                await conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            for role in (cluster.bypass, cluster.owner, cluster.app):
                await conn.execute(f"DROP ROLE IF EXISTS {role}")
        finally:
            await conn.close()

    asyncio.run(drop_all())


@contextlib.contextmanager
def cluster_for_run() -> Iterator[Cluster]:
    """The cluster named by ``BENCH_CLUSTER`` (made by a parent ``all`` run), or a new one
    that is dropped on exit."""
    suffix = os.environ.get(CLUSTER_VAR)
    if suffix:
        yield Cluster(suffix=suffix)
        return
    cluster = create_cluster()
    try:
        yield cluster
    finally:
        drop_cluster(cluster)


@dataclass
class Installation:
    """One benchmark's database (a copy of the template) and Redis queue."""

    cluster: Cluster
    db: str
    queue: str

    @property
    def superuser_url(self) -> str:
        return with_db(PG_ADMIN, self.db)

    def url(self, role: str) -> str:
        return with_user(self.superuser_url, role)

    @property
    def app_url(self) -> str:
        return self.url(self.cluster.app)

    @property
    def owner_url(self) -> str:
        return self.url(self.cluster.owner)

    @property
    def bypass_url(self) -> str:
        return self.url(self.cluster.bypass)

    def env(self, database_url: str | None = None, **extra: str) -> dict[str, str]:
        """The environment of a server, worker or CLI process of this installation."""
        env = dict(os.environ)
        env.update({
            "BACKOFFICE_ENV": "production",
            "SECRET_KEY": "bench-" + self.cluster.suffix + "-" + "s" * 40,
            "DATABASE_URL": database_url or self.app_url,
            "DATABASE_OWNER_URL": self.owner_url,
            "DATABASE_APP_ROLE": self.cluster.app,
            "REDIS_URL": REDIS_URL,
            "ARQ_QUEUE_NAME": self.queue,
            "BACKOFFICE_EXCLUDE_PLUGINS": EXCLUDE_PLUGINS,
            # Access logs would be measured with every request; the baseline writes none.
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p),
        })
        env.update(extra)
        return env

    def use_in_this_process(self, **extra: str) -> None:
        """Point this process's settings at the installation (before backoffice reads them)."""
        os.environ.update(self.env(**extra))


def create_installation(cluster: Cluster, name: str) -> Installation:
    inst = cluster.installation(name)
    asyncio.run(admin([f"CREATE DATABASE {inst.db} TEMPLATE {cluster.template} "
                       f"OWNER {cluster.owner}"]))
    return inst


def drop_installation(inst: Installation) -> None:
    asyncio.run(admin([
        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{inst.db}'",
        f"DROP DATABASE IF EXISTS {inst.db}",
    ]))
    with contextlib.suppress(Exception):
        asyncio.run(clear_queue(inst.queue))


async def clear_queue(queue: str) -> None:
    """Delete the Redis keys of ``queue`` (the queue, its jobs, results and cron markers)."""
    import redis.asyncio as aioredis

    client = aioredis.Redis.from_url(REDIS_URL)
    try:
        keys = [k async for k in client.scan_iter(match=f"{queue}*")]
        keys += [k async for k in client.scan_iter(match=f"arq:*{queue}*")]
        if keys:
            await client.delete(*keys)
    finally:
        await client.aclose()


@contextlib.contextmanager
def installation(cluster: Cluster, name: str) -> Iterator[Installation]:
    inst = create_installation(cluster, name)
    try:
        yield inst
    finally:
        drop_installation(inst)
