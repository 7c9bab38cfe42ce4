"""GraphQL for signing up, logging in and out, switching tenant, and ``me``."""

from __future__ import annotations

from typing import Annotated

import strawberry

from backoffice.audit.services import record
from backoffice.db.engine import enter_scope, write_transaction
from backoffice.errors import BadUserInput, Conflict, Unauthenticated
from backoffice.graphql.fields import Payload, UserError, field, mutation, user_error
from backoffice.graphql.ids import encode_id
from backoffice.i18n import normalise, translate
from backoffice.identity import account, services, sessions, throttle, two_factor
from backoffice.identity.tables import User
from backoffice.runtime import get_engine
from backoffice.tenancy import services as tenancy


@strawberry.type(description="A company the user belongs to.")
class MembershipInfo:
    tenant_id: strawberry.ID
    slug: str
    name: str
    status: str
    current: bool


@strawberry.type(description="The person logged in.")
class Me:
    id: strawberry.ID
    email: str
    full_name: str
    locale: str
    email_verified: bool = strawberry.field(
        description="Whether the address is proven (a verification link or an invitation was followed).")
    memberships: list[MembershipInfo]
    permissions: list[str]
    roles: list[str]
    two_factor_enabled: bool = strawberry.field(
        description="Whether logging in asks for a code from an authenticator app as well.")
    two_factor_recovery_codes_left: int = strawberry.field(
        description="How many unused recovery codes you have (0 when two-factor is off).")
    two_factor_setup_required: bool = strawberry.field(
        description="True when the company requires owners to use two-factor authentication "
                    "and you have not set it up: until you do, every field but `me`, the "
                    "two-factor setup, `switchTenant` and `logOut` answers "
                    "TWO_FACTOR_SETUP_REQUIRED.")


async def load_me(info: strawberry.Info, user_id: int, tenant_id: int | None) -> Me:
    user = await User.select(User.id, User.email, User.full_name, User.locale,
                             User.email_verified_at, User.totp_enabled_at,
                             User.totp_recovery_codes).where(
        User.id == user_id).first()
    if user is None:
        raise Unauthenticated()
    tenants = await services.memberships_of(user_id)
    actor = info.context.actor
    same = actor.user_id == user_id and actor.tenant_id == tenant_id
    perms = sorted(await actor.permissions()) if same else []
    role_keys = sorted(await actor.role_keys()) if same else []
    return Me(
        id=encode_id("User", user["id"]), email=user["email"], full_name=user["full_name"],
        locale=user["locale"], email_verified=user["email_verified_at"] is not None,
        memberships=[MembershipInfo(tenant_id=encode_id("Tenant", t["id"]), slug=t["slug"],
                                    name=t["name"], status=t["status"],
                                    current=t["id"] == tenant_id) for t in tenants],
        permissions=perms, roles=role_keys,
        two_factor_enabled=user["totp_enabled_at"] is not None,
        two_factor_recovery_codes_left=len((user["totp_recovery_codes"] or "").split()),
        two_factor_setup_required=same and await actor.two_factor_setup_required(),
    )


@strawberry.input
class SignUpInput:
    company_name: str
    email: str
    password: str
    full_name: str
    locale: str = "en"


@strawberry.input
class LogInInput:
    email: str
    password: str
    tenant_slug: Annotated[str | None, strawberry.argument(
        description="Which company to enter; the first active one when omitted.")] = None


@strawberry.input
class SwitchTenantInput:
    tenant_slug: str


@strawberry.input(description="The second step of logging in when two-factor is on: the "
                  "challenge `logIn` answered, with a code from the authenticator app or one "
                  "of the recovery codes.")
class LogInSecondFactorInput:
    challenge: str
    code: str | None = strawberry.field(default=None, description="The 6-digit code of the "
                                        "authenticator app.")
    recovery_code: str | None = strawberry.field(default=None, description="One of the "
                                                 "recovery codes, instead of a code (each works once).")


@strawberry.type
class AuthPayload(Payload):
    me: Me | None = None
    second_factor_challenge: str | None = strawberry.field(
        default=None,
        description="Set, with `me` null and the user error TWO_FACTOR_REQUIRED, when the "
                    "password was right but the user has two-factor on: no session started. "
                    "Send it to `logInSecondFactor` with a code within 5 minutes.")


@strawberry.type
class LogOutPayload(Payload):
    ok: bool = False


def _request_meta(info: strawberry.Info) -> tuple[str, str]:
    request = info.context.request
    return info.context.actor.ip, request.headers.get("user-agent", "") if request else ""


async def _start_session(info: strawberry.Info, user_id: int, tenant_id: int) -> None:
    ip, agent = _request_meta(info)
    actor = info.context.actor
    if actor.session_id is not None:  # rotation: the old session ends with the log-in
        await sessions.delete_session(actor.session_id)
    token = await sessions.create_session(user_id, tenant_id, ip=ip, user_agent=agent)
    sessions.set_cookie(info.context.response, token)
    await services.become(actor, user_id, tenant_id)


@strawberry.type
class AuthQuery:
    @field(public=True, description="The person logged in, their companies and rights; null when nobody is.")
    async def me(self, info: strawberry.Info) -> Me | None:
        actor = info.context.actor
        if actor.user_id is None:
            return None
        return await load_me(info, actor.user_id, actor.tenant_id)


@strawberry.type
class AuthMutation:
    @mutation(public=True, description="Create a company and its owner, and log the owner in. "
              "When the address has an account with two-factor on, the company is created but "
              "`me` is null and `secondFactorChallenge` is set: finish with `logInSecondFactor`.")
    async def sign_up(self, info: strawberry.Info, input: SignUpInput) -> AuthPayload:
        user_id, tenant_id = await tenancy.sign_up(
            company_name=input.company_name, email=input.email, password=input.password,
            full_name=input.full_name, locale=normalise(input.locale),
        )
        await account.send_verification(user_id)  # mailed once the sign-up commits
        # Someone with an account (and its password) may sign up another company: with
        # two-factor on, the company is made but the session waits for the second factor.
        challenge = await two_factor.challenge_for(user_id, tenant_id)
        if challenge is not None:
            return AuthPayload(second_factor_challenge=challenge)
        await _start_session(info, user_id, tenant_id)
        return AuthPayload(me=await load_me(info, user_id, tenant_id))

    @mutation(public=True, transactional=False,
              description="Log in to one of your companies; sets the session cookie.")
    async def log_in(self, info: strawberry.Info, input: LogInInput) -> AuthPayload:
        ip, _ = _request_meta(info)
        try:
            user_id, tenant_id = await services.authenticate(
                input.email, input.password, input.tenant_slug, ip)
        except (BadUserInput, Conflict) as exc:
            return AuthPayload(user_errors=[user_error(exc)])
        challenge = await two_factor.challenge_for(user_id, tenant_id)
        if challenge is not None:  # the password is only the first step: no session yet
            return AuthPayload(second_factor_challenge=challenge, user_errors=[UserError(
                field=None, message=translate(two_factor.CODE_NEEDED), code="TWO_FACTOR_REQUIRED")])
        async with write_transaction(get_engine()):
            await enter_scope(tenant_id, user_id)
            await _start_session(info, user_id, tenant_id)
            await record("logIn", target_ids=[encode_id("User", user_id)], ip=ip)
        return AuthPayload(me=await load_me(info, user_id, tenant_id))

    @mutation(public=True, transactional=False,
              description="The second step of logging in for a user with two-factor on: the "
                          "challenge `logIn` answered and a code (or a recovery code). Sets the "
                          "session cookie. A wrong code answers INVALID_CODE and counts towards "
                          "the log-in throttle; INVALID_CHALLENGE means logging in again.")
    async def log_in_second_factor(self, info: strawberry.Info,
                                   input: LogInSecondFactorInput) -> AuthPayload:
        ip, _ = _request_meta(info)
        challenge = await two_factor.read_challenge(input.challenge)
        if challenge is None:
            return AuthPayload(user_errors=[UserError(
                field=["input", "challenge"], message=translate(two_factor.EXPIRED_CHALLENGE),
                code="INVALID_CHALLENGE")])
        await throttle.check(challenge.email, ip)
        user_id = challenge.user_id
        async with write_transaction(get_engine()):
            method = await two_factor.use_second_factor(user_id, input.code, input.recovery_code)
            if method is None:
                await throttle.record_failure(challenge.email, ip)
        if method is None:
            return AuthPayload(user_errors=[UserError(
                field=["input", "recoveryCode" if input.recovery_code and not input.code
                       else "code"],
                message=translate(two_factor.INVALID_CODE), code="INVALID_CODE")])
        await throttle.clear_account(challenge.email)
        try:
            # The membership and the company are checked again: either may have changed.
            tenant_id = await services.switch_tenant_by_id(user_id, challenge.tenant_id)
        except (BadUserInput, Conflict) as exc:
            return AuthPayload(user_errors=[user_error(exc)])
        async with write_transaction(get_engine()):
            await enter_scope(tenant_id, user_id)
            await _start_session(info, user_id, tenant_id)
            await record("logIn", target_ids=[encode_id("User", user_id)],
                         changes={"secondFactor": method}, ip=ip)
        return AuthPayload(me=await load_me(info, user_id, tenant_id))

    @mutation(authenticated=True, audit=False, description="End the current session.")
    async def log_out(self, info: strawberry.Info) -> LogOutPayload:
        actor = info.context.actor
        if actor.session_id is not None:
            await record("logOut", target_ids=[encode_id("User", actor.user_id)], ip=actor.ip)
            await sessions.delete_session(actor.session_id)
        sessions.clear_cookie(info.context.response)
        return LogOutPayload(ok=True)

    @mutation(authenticated=True, audit=False,
              description="Continue the session in another of your companies.")
    async def switch_tenant(self, info: strawberry.Info, input: SwitchTenantInput) -> AuthPayload:
        actor = info.context.actor
        if actor.user_id is None or actor.session_id is None:
            raise Unauthenticated()
        tenant_id = await services.switch_tenant(actor.user_id, input.tenant_slug)
        ip, _ = _request_meta(info)
        await _start_session(info, actor.user_id, tenant_id)
        await record("switchTenant", target_ids=[encode_id("Tenant", tenant_id)], ip=ip)
        return AuthPayload(me=await load_me(info, actor.user_id, tenant_id))
