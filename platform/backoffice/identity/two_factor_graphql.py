"""GraphQL of two-factor authentication for one's own account: setting it up, turning it off,
new recovery codes. Logging in with it is in :mod:`backoffice.identity.graphql`.

Only a person's own browser session may change it (not an API client acting for them). The
secret appears once, in the answer of ``startTwoFactorSetup``; recovery codes once, in the
answer that makes them. None of it reaches the audit log: these mutations write their own
entries, which name the user and nothing else. Turning it on or off is also mailed to the
account's address.
"""

from __future__ import annotations

import strawberry

from backoffice.audit.services import record
from backoffice.db.engine import write_transaction
from backoffice.errors import BadUserInput, Forbidden
from backoffice.graphql.fields import Payload, UserError, mutation
from backoffice.graphql.ids import encode_id
from backoffice.i18n import translate
from backoffice.identity import throttle, two_factor
from backoffice.identity.graphql import Me, load_me
from backoffice.identity.tables import User
from backoffice.jobs.api import after_commit
from backoffice.runtime import get_engine


@strawberry.type(description="A new two-factor secret, waiting for `confirmTwoFactorSetup`.")
class TwoFactorSetup:
    secret: str = strawberry.field(description="The secret in base32, for typing into an "
                                   "authenticator app by hand.")
    otpauth_uri: str = strawberry.field(description="The `otpauth://totp/...` URI the QR code holds.")
    qr_code: str = strawberry.field(description="The URI as a QR code: an SVG `data:` URL.")


@strawberry.input
class ConfirmTwoFactorSetupInput:
    code: str = strawberry.field(description="The current 6-digit code of the authenticator app.")


@strawberry.input(description="A proof that you are you: your password, or a current code "
                  "(or a recovery code).")
class TwoFactorProofInput:
    password: str | None = None
    code: str | None = None


@strawberry.type
class TwoFactorSetupPayload(Payload):
    setup: TwoFactorSetup | None = None


@strawberry.type
class RecoveryCodesPayload(Payload):
    recovery_codes: list[str] = strawberry.field(
        default_factory=list,
        description="Single-use codes for logging in without the authenticator app. Shown "
                    "only now: keep them somewhere safe.")
    me: Me | None = None


@strawberry.type
class DisableTwoFactorPayload(Payload):
    me: Me | None = None


def _own_user(info: strawberry.Info) -> int:
    actor = info.context.actor
    if actor.user_id is None or actor.via != "session":
        raise Forbidden()
    return actor.user_id


async def _proven(info: strawberry.Info, user_id: int, proof: TwoFactorProofInput) -> bool:
    """Check the proof; a wrong one counts towards the log-in throttle of the account."""
    email = (await User.select(User.email).where(User.id == user_id).first() or {}).get("email", "")
    ip = info.context.actor.ip
    await throttle.check(email, ip)
    async with write_transaction(get_engine()):
        ok = await two_factor.check_proof(user_id, proof.password, proof.code)
        if not ok:
            await throttle.record_failure(email, ip)
    return ok


def _proof_error() -> UserError:
    return UserError(field=["input"], message=translate(two_factor.INVALID_PROOF),
                     code="INVALID_CREDENTIALS")


@strawberry.type
class TwoFactorMutation:
    @mutation(self_service=True, audit=False,
              description="Start setting up two-factor authentication: a new secret to add to "
                          "an authenticator app. Nothing changes until `confirmTwoFactorSetup`.")
    async def start_two_factor_setup(self, info: strawberry.Info) -> TwoFactorSetupPayload:
        setup = await two_factor.start_setup(_own_user(info))
        return TwoFactorSetupPayload(setup=TwoFactorSetup(
            secret=setup.secret, otpauth_uri=setup.uri, qr_code=setup.qr_svg))

    @mutation(self_service=True, audit=False,
              description="Turn two-factor authentication on with a code from the app set up "
                          "with `startTwoFactorSetup`. Answers the recovery codes, once.")
    async def confirm_two_factor_setup(self, info: strawberry.Info,
                                       input: ConfirmTwoFactorSetupInput) -> RecoveryCodesPayload:
        user_id = _own_user(info)
        codes = await two_factor.confirm_setup(user_id, input.code)
        await two_factor.tell_owner(user_id, turned_on=True)
        await record("enableTwoFactor", target_ids=[encode_id("User", user_id)],
                     ip=info.context.actor.ip)
        info.context.actor.invalidate()  # a session that had to set it up no longer has to
        return RecoveryCodesPayload(recovery_codes=codes,
                                    me=await load_me(info, user_id, info.context.actor.tenant_id))

    @mutation(self_service=True, transactional=False, audit=False,
              description="Turn two-factor authentication off, with your password or a code. "
                          "A wrong proof counts towards the log-in throttle.")
    async def disable_two_factor(self, info: strawberry.Info,
                                 input: TwoFactorProofInput) -> DisableTwoFactorPayload:
        user_id = _own_user(info)
        if not await two_factor.is_enabled(user_id):
            return DisableTwoFactorPayload(user_errors=[UserError(
                field=None, message=translate(two_factor.NOT_ON), code="TWO_FACTOR_NOT_ENABLED")])
        if not await _proven(info, user_id, input):
            return DisableTwoFactorPayload(user_errors=[_proof_error()])
        async with after_commit(), write_transaction(get_engine()):
            await two_factor.disable(user_id)
            await two_factor.tell_owner(user_id, turned_on=False)
            await record("disableTwoFactor", target_ids=[encode_id("User", user_id)],
                         ip=info.context.actor.ip)
        info.context.actor.invalidate()
        return DisableTwoFactorPayload(me=await load_me(info, user_id, info.context.actor.tenant_id))

    @mutation(self_service=True, transactional=False, audit=False,
              description="New recovery codes, with your password or a code; the old ones stop "
                          "working. A wrong proof counts towards the log-in throttle.")
    async def regenerate_recovery_codes(self, info: strawberry.Info,
                                        input: TwoFactorProofInput) -> RecoveryCodesPayload:
        user_id = _own_user(info)
        if not await two_factor.is_enabled(user_id):
            return RecoveryCodesPayload(user_errors=[UserError(
                field=None, message=translate(two_factor.NOT_ON), code="TWO_FACTOR_NOT_ENABLED")])
        if not await _proven(info, user_id, input):
            return RecoveryCodesPayload(user_errors=[_proof_error()])
        try:
            async with write_transaction(get_engine()):
                codes = await two_factor.regenerate_recovery_codes(user_id)
                await record("regenerateRecoveryCodes", target_ids=[encode_id("User", user_id)],
                             ip=info.context.actor.ip)
        except BadUserInput as exc:
            return RecoveryCodesPayload(user_errors=[UserError(
                field=None, message=translate(exc.text), code=exc.code)])
        return RecoveryCodesPayload(recovery_codes=codes,
                                    me=await load_me(info, user_id, info.context.actor.tenant_id))
