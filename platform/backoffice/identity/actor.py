"""Who is making a request, and what they may do in the current tenant.

The actor is resolved once at the edge (session cookie or OAuth bearer token) and its
permissions are loaded once per request, on first check.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from backoffice.errors import Forbidden, Unauthenticated
from backoffice.runtime import get_registry



@dataclass
class Actor:
    user_id: int | None = None
    tenant_id: int | None = None
    membership_id: int | None = None
    session_id: int | None = None
    client_id: str | None = None
    scopes: frozenset[str] | None = None
    enabled_modules: frozenset[str] = frozenset({"core"})
    ip: str = ""
    via: str = ""  # "session" or "token"
    _permissions: frozenset[str] | None = field(default=None, repr=False)
    _role_keys: frozenset[str] | None = field(default=None, repr=False)
    # Whether the company requires two-factor of owners and this user has not set it up
    # (None: not known yet). Filled at the edge for sessions, else on first need.
    _two_factor_gap: bool | None = field(default=None, repr=False)

    @property
    def is_authenticated(self) -> bool:
        return self.tenant_id is not None and (self.user_id is not None or self.client_id is not None)

    def require_authenticated(self) -> None:
        if not self.is_authenticated:
            raise Unauthenticated()

    async def permissions(self) -> frozenset[str]:
        if self._permissions is None:
            self._permissions = await _load_permissions(self)
        return self._permissions

    async def role_keys(self) -> frozenset[str]:
        if self._role_keys is None:
            await self.permissions()
        return self._role_keys or frozenset()

    async def has(self, permission: str) -> bool:
        return permission in await self.permissions()

    async def require(self, permission: str) -> None:
        self.require_authenticated()
        if permission not in await self.permissions():
            raise Forbidden()

    async def two_factor_setup_required(self) -> bool:
        """Whether this person must set up two-factor before anything else: their company
        requires it of owners, they are one, and they have not. Such a session can only read
        ``me``, set up two-factor, switch company and log out (``graphql.fields.Access``)."""
        if self.user_id is None or self.tenant_id is None:
            return False
        if self._two_factor_gap is None:
            from backoffice.identity import two_factor  # noqa: PLC0415

            self._two_factor_gap = await two_factor.policy_gap(self.user_id, self.tenant_id)
        if not self._two_factor_gap:
            return False
        from backoffice.identity.roles import OWNER_KEY  # noqa: PLC0415

        return OWNER_KEY in await self.role_keys()

    def invalidate(self) -> None:
        self._permissions = None
        self._role_keys = None
        self._two_factor_gap = None


async def _load_permissions(actor: Actor) -> frozenset[str]:
    registry = get_registry()
    available = set(registry.permissions_for(actor.enabled_modules))
    if actor.tenant_id is None:
        actor._role_keys = frozenset()
        return frozenset()
    if actor.client_id is not None and actor.user_id is None:
        actor._role_keys = frozenset()
        return frozenset(available & set(actor.scopes or ()))
    if actor.membership_id is None:
        actor._role_keys = frozenset()
        return frozenset()
    from backoffice.identity import roles  # noqa: PLC0415

    role_rows = await roles.roles_of_membership(actor.membership_id)
    actor._role_keys = frozenset(r["key"] for r in role_rows)
    granted: set[str] = set()
    for row in role_rows:
        granted |= roles.role_permissions(row, available)
    if actor.scopes is not None:  # a token acting for a user: both must allow it
        granted &= set(actor.scopes)
    return frozenset(granted & available)
