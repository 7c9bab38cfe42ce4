"""Root fields and mutations: every one names what it needs (deny by default).

``field(permission=...)`` guards a query field; ``mutation(permission=...)`` guards a
mutation and runs it as one transaction that also writes its audit entry. User-correctable
errors (:class:`BadUserInput`, :class:`Conflict`) become the payload's ``userErrors`` and
roll the transaction back, so a failed mutation changes nothing.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from typing import Any

import strawberry
from strawberry.extensions.field_extension import FieldExtension
from strawberry.types.field import StrawberryField

from backoffice.errors import BadUserInput, Conflict, TwoFactorSetupRequired
from backoffice.i18n import translate

PUBLIC = "public"
AUTHENTICATED = "authenticated"
# Any logged-in member, acting on their own data only (my leave, my payslips): the resolver
# limits what it returns to the caller's own records.
SELF_SERVICE = "self_service"


# What a session may still do while its owner must first set up two-factor authentication
# (the company requires it of owners): everything else answers TWO_FACTOR_SETUP_REQUIRED.
# Public fields stay public.
DURING_TWO_FACTOR_SETUP = frozenset({
    "me", "logOut", "switchTenant", "startTwoFactorSetup", "confirmTwoFactorSetup",
})


class Access(FieldExtension):
    """The access rule of a root field: a permission string, ``authenticated`` or ``public``."""

    def __init__(self, rule: str) -> None:
        self.rule = rule

    async def check(self, info: strawberry.Info) -> None:
        actor = info.context.actor
        if self.rule == PUBLIC:
            return
        actor.require_authenticated()
        if (info.field_name not in DURING_TWO_FACTOR_SETUP
                and await actor.two_factor_setup_required()):
            raise TwoFactorSetupRequired()
        if self.rule not in (AUTHENTICATED, SELF_SERVICE):
            await actor.require(self.rule)

    async def resolve_async(self, next_: Callable[..., Any], source: Any,
                            info: strawberry.Info, **kwargs: Any) -> Any:
        await self.check(info)
        result = next_(source, info, **kwargs)
        if hasattr(result, "__await__"):
            result = await result
        return result


@strawberry.type(description="Why a mutation did not happen, for the field at `field`.")
class UserError:
    field: list[str] | None
    message: str
    code: str


@strawberry.type
class Payload:
    """Base of every mutation payload: subclasses add the changed record(s)."""

    user_errors: list[UserError] = dataclasses.field(default_factory=list)


class _Rollback(Exception):  # noqa: N818
    def __init__(self, payload: Any) -> None:
        self.payload = payload


def user_error(exc: BadUserInput | Conflict) -> UserError:
    return UserError(
        field=["input", *exc.field.split(".")] if exc.field else None,
        message=translate(exc.text),
        code=exc.code,
    )


class Transactional(FieldExtension):
    """Runs a mutation in one write transaction with its audit entry."""

    def __init__(self, audit: bool = True) -> None:
        self.audit = audit
        self.payload_type: type | None = None

    def apply(self, field: StrawberryField) -> None:
        self.payload_type = field.type if isinstance(field.type, type) else None

    async def resolve_async(self, next_: Callable[..., Any], source: Any,
                            info: strawberry.Info, **kwargs: Any) -> Any:
        from backoffice.audit.services import record_mutation  # noqa: PLC0415
        from backoffice.db.engine import write_transaction  # noqa: PLC0415
        from backoffice.jobs.api import after_commit  # noqa: PLC0415
        from backoffice.runtime import get_engine  # noqa: PLC0415

        try:
            # Jobs and events started by the mutation reach the queue only once it commits.
            async with after_commit(), write_transaction(get_engine()):
                try:
                    payload = await next_(source, info, **kwargs)
                except (BadUserInput, Conflict) as exc:
                    if self.payload_type is None:
                        raise
                    raise _Rollback(self.payload_type(user_errors=[user_error(exc)])) from exc
                # A payload may also ask to be rolled back without an error (a dry run).
                if getattr(payload, "user_errors", None) or getattr(payload, "_rollback", False):
                    raise _Rollback(payload)
                if self.audit:
                    await record_mutation(info, kwargs, payload)
                return payload
        except _Rollback as rollback:
            return rollback.payload


def field(permission: str | None = None, *, public: bool = False, authenticated: bool = False,
          self_service: bool = False, description: str | None = None, **kwargs: Any) -> Any:
    """A guarded root query field. Exactly one of ``permission``, ``authenticated``,
    ``self_service`` or ``public`` says who may call it."""
    rule = _rule(permission, public, authenticated, self_service)
    return strawberry.field(description=description, extensions=[Access(rule)], **kwargs)


def mutation(permission: str | None = None, *, public: bool = False, authenticated: bool = False,
             self_service: bool = False, audit: bool = True, transactional: bool = True,
             description: str | None = None, **kwargs: Any) -> Any:
    """A guarded mutation, run as one transaction with its audit entry.

    Strawberry chains field extensions so that the last is outermost: the access check
    runs before any transaction opens.
    """
    rule = _rule(permission, public, authenticated, self_service)
    # transactional=False is for the few mutations that must keep a write even when they
    # fail (a failed log-in is counted); they open their own transaction and audit entry.
    extensions: list[FieldExtension] = [Transactional(audit=audit)] if transactional else []
    return strawberry.mutation(description=description, extensions=[*extensions, Access(rule)],
                               **kwargs)


def _rule(permission: str | None, public: bool, authenticated: bool,
          self_service: bool = False) -> str:
    chosen = [x for x in (permission, PUBLIC if public else None,
                          AUTHENTICATED if authenticated else None,
                          SELF_SERVICE if self_service else None) if x]
    if len(chosen) != 1:
        raise ValueError("A root field needs exactly one of permission=, public=, "
                         "authenticated=, self_service=")
    return chosen[0]


def access_rule(f: StrawberryField) -> str | None:
    """The access rule of a root field, or ``None`` if it has none (a bug the tests catch)."""
    for ext in f.extensions:
        if isinstance(ext, Access):
            return ext.rule
    return None


def enum_values(e: type[enum.Enum]) -> list[str]:
    return [m.value for m in e]
