"""GraphQL of email verification and password reset: the links the mail carries lead to web
app pages (``/verify-email``, ``/reset-password``) that call these mutations."""

from __future__ import annotations

import strawberry

from backoffice.db import scope as tenant_scope
from backoffice.db.engine import write_transaction
from backoffice.errors import BadUserInput, Forbidden
from backoffice.graphql.fields import Payload, mutation, user_error
from backoffice.identity import account
from backoffice.jobs.api import after_commit
from backoffice.runtime import get_engine


@strawberry.input
class VerifyEmailInput:
    token: str


@strawberry.input
class RequestPasswordResetInput:
    email: str


@strawberry.input
class ResetPasswordInput:
    token: str
    password: str


@strawberry.type
class VerifyEmailPayload(Payload):
    email_verified: bool = False


@strawberry.type
class RequestEmailVerificationPayload(Payload):
    sent: bool = strawberry.field(default=False, description="False when the address is verified already.")


@strawberry.type
class RequestPasswordResetPayload(Payload):
    ok: bool = strawberry.field(
        default=False, description="Always true once accepted, whether or not an account has "
                                   "the address: a link is mailed only if one does.")


@strawberry.type
class ResetPasswordPayload(Payload):
    ok: bool = False


@strawberry.type
class AccountMutation:
    @mutation(public=True, description="Confirm your email address with the token of the link "
              "mailed to you (single use, expiring). NOT_FOUND for a bad, used or expired token.")
    async def verify_email(self, input: VerifyEmailInput) -> VerifyEmailPayload:
        await account.verify_email(input.token)
        return VerifyEmailPayload(email_verified=True)

    @mutation(authenticated=True, description="Mail yourself a new verification link (throttled).")
    async def request_email_verification(self, info: strawberry.Info) -> RequestEmailVerificationPayload:
        user_id = info.context.actor.user_id
        if user_id is None:
            raise Forbidden()
        return RequestEmailVerificationPayload(sent=await account.request_verification(user_id))

    @mutation(public=True, transactional=False, audit=False,
              description="Mail a password reset link to the address if an account has it. "
                          "Answers the same either way; RATE_LIMITED after a few requests.")
    async def request_password_reset(self, info: strawberry.Info,
                                     input: RequestPasswordResetInput) -> RequestPasswordResetPayload:
        try:
            # The mail belongs to no company, whoever asks: run outside any tenant's scope.
            with tenant_scope.scoped():
                async with after_commit(), write_transaction(get_engine()):
                    await account.request_password_reset(input.email, info.context.actor.ip)
        except BadUserInput as exc:
            return RequestPasswordResetPayload(user_errors=[user_error(exc)])
        return RequestPasswordResetPayload(ok=True)

    @mutation(public=True, description="Choose a new password with the token of a reset link "
              "(single use, expiring). Ends every other session of the account.")
    async def reset_password(self, info: strawberry.Info,
                             input: ResetPasswordInput) -> ResetPasswordPayload:
        actor = info.context.actor
        await account.reset_password(input.token, input.password, keep_session_id=actor.session_id)
        return ResetPasswordPayload(ok=True)
