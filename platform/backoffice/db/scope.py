"""The tenant scope: who is acting, for which tenant, held in context variables.

The scope is fixed once at the edge (ASGI middleware, the job wrapper, a CLI command) and read
by the data helpers, which add the tenant to every query and insert, and by the connection
pool, which copies it into the PostgreSQL session (``app.tenant_id``) for row level security.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass


class TenantScopeError(RuntimeError):
    """Tenant data was touched with no tenant in scope: a bug, never a user error."""


@dataclass(frozen=True)
class Scope:
    tenant_id: int | None = None
    user_id: int | None = None
    oauth_client_id: str | None = None


_scope: ContextVar[Scope] = ContextVar("backoffice_scope", default=Scope())  # noqa: B039 - frozen


def current() -> Scope:
    return _scope.get()


def current_tenant_id() -> int:
    """The tenant in scope; raises when there is none (tenant data is never read unscoped)."""
    tenant_id = _scope.get().tenant_id
    if tenant_id is None:
        raise TenantScopeError("No tenant in scope: tenant data can only be used inside a tenant")
    return tenant_id


def set_scope(scope: Scope) -> None:
    """Replace the scope of the current context (used at the edge and after log-in)."""
    _scope.set(scope)


@contextlib.contextmanager
def scoped(
    tenant_id: int | None = None,
    user_id: int | None = None,
    oauth_client_id: str | None = None,
) -> Iterator[Scope]:
    """Run a block inside a scope; the previous scope comes back afterwards."""
    scope = Scope(tenant_id=tenant_id, user_id=user_id, oauth_client_id=oauth_client_id)
    token = _scope.set(scope)
    try:
        yield scope
    finally:
        _scope.reset(token)
