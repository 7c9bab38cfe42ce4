"""Helpers for tests that go through the public GraphQL and HTTP surfaces."""

from __future__ import annotations

import contextvars
import secrets
from dataclasses import dataclass, field
from typing import Any

PASSWORD = "correct-horse-battery"


class Api:
    """A client of ``/graphql`` with its own cookie jar."""

    def __init__(self, client: Any, headers: dict[str, str] | None = None) -> None:
        self.client = client
        self.headers = {"content-type": "application/json", **(headers or {})}

    async def gql(self, query: str, variables: dict[str, Any] | None = None,
                  headers: dict[str, str] | None = None) -> dict[str, Any]:
        """Run an operation; returns the whole response body (``data`` and ``errors``)."""
        response = await self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}},
            headers={**self.headers, **(headers or {})},
        )
        assert response.status_code == 200, response.text
        return response.json()

    async def data(self, query: str, variables: dict[str, Any] | None = None,
                   headers: dict[str, str] | None = None) -> dict[str, Any]:
        """Run an operation that must succeed; returns ``data``."""
        body = await self.gql(query, variables, headers)
        assert not body.get("errors"), body["errors"]
        return body["data"]

    async def error_code(self, query: str, variables: dict[str, Any] | None = None) -> str:
        body = await self.gql(query, variables)
        assert body.get("errors"), f"expected an error, got {body}"
        return body["errors"][0]["extensions"]["code"]


@dataclass
class Company:
    api: Api
    slug: str
    email: str
    password: str
    name: str
    tenant_id: str
    extra: dict[str, Any] = field(default_factory=dict)


SIGN_UP = """
mutation($input: SignUpInput!) {
  signUp(input: $input) {
    me { id email memberships { tenantId slug current } }
    userErrors { field message code }
  }
}"""

LOG_IN = """
mutation($input: LogInInput!) {
  logIn(input: $input) {
    me { id email memberships { slug current } permissions }
    userErrors { field message code }
  }
}"""


def unique_email(prefix: str = "owner") -> str:
    return f"{prefix}-{secrets.token_hex(4)}@example.com"


async def sign_up(api: Api, name: str | None = None, email: str | None = None,
                  password: str = PASSWORD, locale: str = "en") -> Company:
    name = name or f"Company {secrets.token_hex(3)}"
    email = email or unique_email()
    data = await api.data(SIGN_UP, {"input": {
        "companyName": name, "email": email, "password": password,
        "fullName": "Test Owner", "locale": locale}})
    payload = data["signUp"]
    assert payload["userErrors"] == [], payload["userErrors"]
    current = [m for m in payload["me"]["memberships"] if m["current"]][0]
    return Company(api=api, slug=current["slug"], email=email, password=password, name=name,
                   tenant_id=current["tenantId"])


async def log_in(api: Api, email: str, password: str = PASSWORD,
                 tenant_slug: str | None = None) -> dict[str, Any]:
    data = await api.data(LOG_IN, {"input": {"email": email, "password": password,
                                             "tenantSlug": tenant_slug}})
    return data["logIn"]


async def enable(api: Api, key: str) -> dict[str, Any]:
    data = await api.data(
        "mutation($k: String!) { enableModule(input: {key: $k}) { module { key enabled } "
        "enabledWithIt userErrors { message code } } }", {"k": key})
    return data["enableModule"]


async def disable(api: Api, key: str) -> dict[str, Any]:
    data = await api.data(
        "mutation($k: String!) { disableModule(input: {key: $k}) { module { key enabled } "
        "userErrors { message code field } } }", {"k": key})
    return data["disableModule"]


async def rows_per_table(tenant_id: int) -> dict[str, int]:
    """Rows each tenant table holds for ``tenant_id``, seen past every wall (on PostgreSQL as
    the superuser, since the app's role would see nothing outside a tenant scope)."""
    import os

    from backoffice.db.tables import TenantTable
    from backoffice.runtime import get_registry

    tables = sorted({t._meta.tablename for m in get_registry() if m.piccolo_app
                     for t in m.piccolo_app.table_classes if issubclass(t, TenantTable)})
    superuser = os.environ.get("BACKOFFICE_TEST_PG_SUPERUSER_URL")
    counts: dict[str, int] = {}
    if superuser:
        import asyncpg

        conn = await asyncpg.connect(superuser)
        try:
            for name in tables:
                counts[name] = await conn.fetchval(
                    f'SELECT count(*) FROM "{name}" WHERE tenant_id = $1', tenant_id)
        finally:
            await conn.close()
        return counts
    from backoffice.tenancy.tables import Tenant

    for name in tables:
        rows = await Tenant.raw(f'SELECT count(*) AS n FROM "{name}" WHERE tenant_id = {{}}', tenant_id)
        counts[name] = rows[0]["n"]
    return counts


_counting: contextvars.ContextVar[Any] = contextvars.ContextVar("query_counter", default=None)


class QueryCounter:
    """Counts the SQL statements the app runs (all Piccolo queries go through
    ``run_querystring``), to prove that a request's statement count does not grow with rows.

    Only statements issued from the context that entered the counter count (requests made
    through the test client run in it, and so do the tasks they start); the in-process job
    runner and the sweeper run in tasks started with the app, so their work in the background
    never makes a count flaky."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def __enter__(self) -> QueryCounter:
        from backoffice.runtime import get_engine

        engine_type = type(get_engine())
        self._type = engine_type
        self._original = engine_type.run_querystring
        self._token = _counting.set(self)
        counter = self

        async def counting(engine: Any, querystring: Any, *args: Any, **kwargs: Any) -> Any:
            if _counting.get() is counter:
                counter.statements.append(str(querystring))
            return await counter._original(engine, querystring, *args, **kwargs)

        engine_type.run_querystring = counting  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        self._type.run_querystring = self._original  # type: ignore[method-assign]
        _counting.reset(self._token)

    @property
    def count(self) -> int:
        return len(self.statements)


async def add_member(company: Company, new_client: Any, *, permissions: list[str] = (),  # type: ignore[assignment]
                     role_keys: list[str] = (), name: str = "Member") -> Company:  # type: ignore[assignment]
    """A colleague in ``company`` holding exactly ``permissions`` (through a custom role) and
    the roles named by ``role_keys``; returns them logged in with a client of their own."""
    from backoffice.db import scope
    from backoffice.db.engine import write_transaction
    from backoffice.graphql.ids import decode_id
    from backoffice.identity import passwords
    from backoffice.identity.tables import Membership, MembershipRole, Role, User
    from backoffice.runtime import get_engine

    tenant_id = decode_id(company.tenant_id, "Tenant")
    email = unique_email(name.lower().replace(" ", "-"))
    with scope.scoped(tenant_id=tenant_id):
        async with write_transaction(get_engine()):
            user = await User.insert(User(email=email, full_name=name,
                                          password_hash=await passwords.hash_password(PASSWORD)))
            user_id = user[0]["id"]
            membership = await Membership.insert(Membership(user_id=user_id))
            role_ids = [r["id"] for r in await Role.select(Role.id).where(Role.key.is_in(list(role_keys) or [""]))]
            if permissions:
                role = await Role.insert(Role(key=f"custom-{secrets.token_hex(4)}", name=name,
                                              permissions=list(permissions)))
                role_ids.append(role[0]["id"])
            for role_id in role_ids:
                await MembershipRole.insert(MembershipRole(membership_id=membership[0]["id"],
                                                           role_id=role_id))
    api = await new_client()
    result = await log_in(api, email, tenant_slug=company.slug)
    assert result["userErrors"] == [], result
    return Company(api=api, slug=company.slug, email=email, password=PASSWORD, name=company.name,
                   tenant_id=company.tenant_id, extra={"user_id": user_id})


async def eventually(check: Any, timeout: float = 60.0) -> Any:
    """Poll ``check`` until it returns something truthy, or fail at the deadline."""
    import asyncio
    import time

    deadline = time.monotonic() + timeout
    while True:
        result = await check()
        if result:
            return result
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)
