"""The core as a plugin: it declares its permissions, tables and GraphQL through the same
hooks as every business module, so there is no second, private path for the core."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from piccolo.conf.apps import AppConfig

from backoffice.approvals.tables import ApprovalDecision, ApprovalDelegation, ApprovalRuleStep
from backoffice.audit.tables import AuditEntry
from backoffice.bulk.tables import BulkOperation, BulkOperationPart
from backoffice.comments.tables import Comment
from backoffice.dashboard.tables import IndicatorSnapshot
from backoffice.events.tables import EventDelivery, OutboxEvent
from backoffice.identity.tables import (
    AccountToken,
    Invitation,
    LoginFailure,
    Membership,
    MembershipRole,
    OAuthAuthorizationCode,
    OAuthClient,
    OAuthGrant,
    OAuthRefreshToken,
    Role,
    ThrottleHit,
    User,
    UserSession,
)
from backoffice.jobs.tables import Job
from backoffice.mail.tables import OutgoingMail
from backoffice.modules.hookspecs import hookimpl
from backoffice.modules.types import (
    Approvable,
    CronJob,
    GraphQLContribution,
    ModuleManifest,
    NavItem,
    NotificationKind,
    Permission,
    Text,
    UiMetadata,
)
from backoffice.notifications.tables import Notification, NotificationPreference
from backoffice.portal.tables import ServiceRequest
from backoffice.tenancy.tables import Tenant
from backoffice.webhooks.tables import WebhookDelivery, WebhookEndpoint

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"

TABLES = [Tenant, User, UserSession, LoginFailure, Membership, Role, MembershipRole,
          OAuthClient, Invitation, AuditEntry, Job, OutboxEvent, EventDelivery,
          AccountToken, ThrottleHit, OutgoingMail, Notification, NotificationPreference, Comment,
          ApprovalRuleStep, ApprovalDecision, ApprovalDelegation]

# The service portal's requests and the dashboard's daily snapshots.
TABLES += [ServiceRequest, IndicatorSnapshot]

# Bulk export: operations and the parts of their result files.
TABLES += [BulkOperation, BulkOperationPart]

# OAuth apps acting for people: authorization codes, grants and their refresh tokens.
TABLES += [OAuthAuthorizationCode, OAuthGrant, OAuthRefreshToken]

# Webhook endpoints and their deliveries.
TABLES += [WebhookEndpoint, WebhookDelivery]

@hookimpl
def register_module() -> ModuleManifest:
    return ModuleManifest(
        key="core",
        name=Text("Core", "Inti"),
        description=Text(
            "Company, users, roles, modules, API access and the audit log.",
            "Perusahaan, pengguna, peran, modul, akses API, dan log audit.",
        ),
        version="0.1.0",
        core=True,
    )


@hookimpl
def register_piccolo_app() -> AppConfig:
    return AppConfig(app_name="core", migrations_folder_path=str(MIGRATIONS),
                     table_classes=TABLES)


def _p(key: str, en: str, id_: str) -> Permission:
    return Permission(key, Text(en, id_))


@hookimpl
def register_permissions() -> list[Permission]:
    return [
        _p("core.tenant.manage", "Change the company's profile", "Mengubah profil perusahaan"),
        _p("core.module.manage", "Turn modules on and off", "Mengaktifkan dan mematikan modul"),
        _p("core.user.read", "See the company's users", "Melihat pengguna perusahaan"),
        _p("core.user.manage", "Invite, create and deactivate users",
           "Mengundang, membuat, dan menonaktifkan pengguna"),
        _p("core.role.read", "See roles and permissions", "Melihat peran dan izin"),
        _p("core.role.manage", "Create, change and assign roles",
           "Membuat, mengubah, dan menetapkan peran"),
        _p("core.owner.assign", "Make someone an owner", "Menjadikan seseorang pemilik"),
        _p("core.oauth_client.manage", "Manage API clients for integrations",
           "Mengelola klien API untuk integrasi"),
        _p("core.audit.read", "Read the audit log", "Membaca log audit"),
        _p("core.job.read", "See background jobs and their progress",
           "Melihat pekerjaan latar belakang dan progresnya"),
        _p("core.mail.read", "See the mail the company sent and what failed to send",
           "Melihat email yang dikirim perusahaan dan yang gagal terkirim"),
        _p("core.approval_rule.manage", "Set who approves what, step by step",
           "Mengatur siapa menyetujui apa, langkah demi langkah"),
        _p("core.service_request.approve",
           "Approve service requests that wait for approval before a department's queue",
           "Menyetujui permintaan layanan yang menunggu persetujuan sebelum masuk antrean departemen"),
        _p("core.webhook.manage", "Manage webhooks: endpoints that receive the company's events",
           "Mengelola webhook: endpoint yang menerima peristiwa perusahaan"),
    ]


@hookimpl
def register_notification_kinds() -> list[NotificationKind]:
    return [
        NotificationKind("core.mentioned", Text("Someone mentions you in a comment",
                                                "Seseorang menyebut Anda dalam komentar"),
                         email_default=True),
        NotificationKind("core.invitation_accepted", Text("Someone accepts your invitation",
                                                          "Seseorang menerima undangan Anda")),
        NotificationKind("core.webhook_disabled", Text(
            "A webhook endpoint is disabled because its deliveries keep failing",
            "Endpoint webhook dinonaktifkan karena pengirimannya terus gagal"),
            email_default=True),
    ]


@hookimpl
def register_approvables() -> list[Approvable]:
    # Service requests of a type that needs approval wait in the approvals inbox first.
    from backoffice.portal.services import approval_decided, pending_approvals

    return [Approvable(kind="core.service_request", label=Text("Service request", "Permintaan layanan"),
                       permission="core.service_request.approve", pending=pending_approvals,
                       decide=approval_decided)]


@hookimpl
def register_graphql() -> GraphQLContribution:
    from backoffice.approvals.graphql import ApprovalMutation, ApprovalQuery
    from backoffice.audit.graphql import AuditQuery
    from backoffice.bulk.graphql import BulkMutation, BulkQuery
    from backoffice.comments.graphql import CommentMutation, CommentQuery
    from backoffice.dashboard.graphql import DashboardQuery
    from backoffice.graphql.ratelimit import RateLimitQuery
    from backoffice.identity.account_graphql import AccountMutation
    from backoffice.identity.admin_graphql import AdminMutation, AdminQuery
    from backoffice.identity.graphql import AuthMutation, AuthQuery
    from backoffice.identity.oauth_graphql import OAuthMutation, OAuthQuery
    from backoffice.identity.two_factor_graphql import TwoFactorMutation
    from backoffice.jobs.graphql import JobQuery
    from backoffice.mail.graphql import MailQuery
    from backoffice.modules.graphql import UiQuery
    from backoffice.notifications.graphql import NotificationMutation, NotificationQuery
    from backoffice.portal.graphql import PortalMutation, PortalQuery
    from backoffice.tenancy.graphql import TenantMutation, TenantQuery
    from backoffice.webhooks.graphql import WebhookMutation, WebhookQuery

    return GraphQLContribution(
        queries=(AuthQuery, TenantQuery, AdminQuery, OAuthQuery, AuditQuery, JobQuery, UiQuery,
                 ApprovalQuery, PortalQuery, DashboardQuery, MailQuery, NotificationQuery,
                 CommentQuery, BulkQuery, RateLimitQuery, WebhookQuery),
        mutations=(AuthMutation, TenantMutation, AdminMutation, OAuthMutation, ApprovalMutation,
                   PortalMutation, AccountMutation, NotificationMutation, CommentMutation,
                   BulkMutation, WebhookMutation, TwoFactorMutation),
    )



@hookimpl
async def personal_data_export(user_id: int | None) -> Any:
    from backoffice.privacy import core as privacy

    return await privacy.export(user_id)


@hookimpl
async def personal_data_anonymise(user_id: int | None) -> Any:
    from backoffice.privacy import core as privacy

    return await privacy.anonymise(user_id)


@hookimpl
def register_jobs() -> list[Any]:
    from backoffice.bulk.runner import run_bulk_operation
    from backoffice.dashboard.jobs import snapshot_indicators
    from backoffice.webhooks.delivery import deliver_webhook, redeliver_webhook

    return [snapshot_indicators, run_bulk_operation, deliver_webhook, redeliver_webhook]


@hookimpl
def register_cron_jobs() -> list[CronJob]:
    from backoffice.dashboard.jobs import snapshot_indicators

    # Late in the UTC day, so that a day's snapshot holds its closing figures.
    return [CronJob(name="dashboard_snapshots", job=snapshot_indicators, hour=23, minute=50)]

@hookimpl
def register_ui() -> UiMetadata:
    def nav(key: str, en: str, id_: str, path: str, permission: str | None) -> NavItem:
        return NavItem(key=key, label=Text(en, id_), path=path, permission=permission)

    return UiMetadata(navigation=(
        NavItem(key="settings", label=Text("Settings", "Pengaturan"), path="/settings",
                icon="settings", children=(
                    nav("settings.company", "Company", "Perusahaan", "/settings/company",
                        "core.tenant.manage"),
                    nav("settings.modules", "Modules", "Modul", "/settings/modules",
                        "core.module.manage"),
                    nav("settings.users", "Users", "Pengguna", "/settings/users",
                        "core.user.read"),
                    nav("settings.roles", "Roles", "Peran", "/settings/roles", "core.role.read"),
                    nav("settings.api", "API clients", "Klien API", "/settings/api",
                        "core.oauth_client.manage"),
                    nav("settings.audit", "Audit log", "Log audit", "/settings/audit",
                        "core.audit.read"),
                    nav("settings.jobs", "Jobs", "Pekerjaan", "/settings/jobs", "core.job.read"),
                )),
    ))
