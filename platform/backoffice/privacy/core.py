"""The core's part of a person's data: their account as this company sees it, their membership
and roles here, and the notifications they received here.

The account itself (email, password, name) is global: the person may work for other companies
with it. Anonymising a person in one company ends their membership and sessions there and
leaves the account to them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from backoffice.db.scope import current_tenant_id
from backoffice.errors import Conflict
from backoffice.graphql.ids import encode_id
from backoffice.identity import roles
from backoffice.identity.tables import Membership, MembershipRole, OAuthGrant, User, UserSession
from backoffice.modules.types import PersonalDataSection, Text
from backoffice.notifications.tables import Notification, NotificationPreference


async def export(user_id: int | None) -> list[PersonalDataSection]:
    if user_id is None:
        return []
    membership = await Membership.select().where(Membership.user_id == user_id).first()
    if membership is None:
        return []  # not a member of this company: its account is none of its business
    user = await User.select(User.id, User.email, User.full_name, User.locale, User.created_at,
                             User.email_verified_at, User.totp_enabled_at).where(
        User.id == user_id).first()
    held = await roles.roles_of_membership(membership["id"])
    notes = await Notification.select(
        Notification.kind, Notification.title_en, Notification.body_en, Notification.link,
        Notification.created_at, Notification.read_at).where(
        Notification.user_id == user_id).order_by(Notification.id)
    return [
        PersonalDataSection("core.account", Text("Your user account", "Akun pengguna Anda"), rows=(
            {"id": encode_id("User", user["id"]), "email": user["email"],
             "full_name": user["full_name"], "locale": user["locale"],
             "created_at": user["created_at"], "email_verified_at": user["email_verified_at"],
             # When two-factor was turned on; its secret and recovery codes are never exported.
             "two_factor_enabled_at": user["totp_enabled_at"]},)),
        PersonalDataSection("core.membership", Text("Your membership of this company",
                                                    "Keanggotaan Anda di perusahaan ini"), rows=(
            {"member_since": membership["created_at"], "active": membership["is_active"],
             "roles": [r["name"] for r in held]},)),
        PersonalDataSection("core.notifications", Text("Notifications you received",
                                                       "Notifikasi yang Anda terima"),
                            rows=tuple(notes)),
    ]


async def anonymise(user_id: int | None) -> list[str]:
    if user_id is None:
        return []
    membership = await Membership.select().where(Membership.user_id == user_id).first()
    if membership is not None:
        held = await roles.roles_of_membership(membership["id"])
        if any(r["builtin"] and r["key"] == roles.OWNER_KEY for r in held):
            raise Conflict(("This person is an owner of the company: take the owner role from "
                            "them first.",
                            "Orang ini adalah pemilik perusahaan: cabut peran pemilik darinya "
                            "terlebih dahulu."), code="PERSON_IS_OWNER")
        await MembershipRole.delete().where(MembershipRole.membership_id == membership["id"])
        await Membership.delete().where(Membership.id == membership["id"])
    await UserSession.delete().where((UserSession.user_id == user_id)
                                     & (UserSession.active_tenant == current_tenant_id()))
    await Notification.delete().where(Notification.user_id == user_id)
    await NotificationPreference.delete().where(NotificationPreference.user_id == user_id)
    await OAuthGrant.update({OAuthGrant.revoked_at: datetime.now(UTC)}).where(
        (OAuthGrant.user_id == user_id) & OAuthGrant.revoked_at.is_null())
    return [encode_id("User", user_id)]

