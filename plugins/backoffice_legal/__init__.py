"""Legal module of Backoffice (backoffice_legal).

The manifest and the hook implementations live here: thin wiring only. The module's areas
(tables, services, GraphQL, jobs, events) live in sub-packages of their own.
"""

from pathlib import Path
from typing import Any

from piccolo.conf.apps import AppConfig

from backoffice.sdk import (
    Approvable,
    Commentable,
    CronJob,
    EventType,
    GraphQLContribution,
    Indicator,
    ModuleManifest,
    NotificationKind,
    Permission,
    RequestType,
    RoleTemplate,
    Text,
    UiMetadata,
    hookimpl,
)

MANIFEST = ModuleManifest(
    key="legal",
    name=Text("Legal", "Hukum"),
    description=Text(
        "Contracts with reviews and renewals, legal matters and advice requests, permits and licences, and regulatory filings.",
        "Kontrak dengan peninjauan dan perpanjangan, perkara hukum dan permintaan nasihat, izin dan lisensi, serta pelaporan kepada regulator.",
    ),
    version="0.1.0",
    depends_on=(),
)


@hookimpl
def register_module() -> ModuleManifest:
    return MANIFEST


@hookimpl
def register_piccolo_app() -> AppConfig:
    from .compliance.tables import Filing, LegalDocument, Obligation, Permit, PermitTask
    from .contracts.tables import Contract, ContractReview, ContractVersion
    from .matters.tables import Matter

    return AppConfig(app_name="legal", migrations_folder_path=str(Path(__file__).parent / "migrations"),
                     table_classes=[Contract, ContractVersion, ContractReview, Matter, Permit, Obligation, Filing,
                                    PermitTask, LegalDocument])


@hookimpl
def register_permissions() -> list[Permission]:
    from .permissions import PERMISSIONS

    return PERMISSIONS


@hookimpl
def register_role_templates() -> list[RoleTemplate]:
    from .permissions import ROLE_TEMPLATES

    return ROLE_TEMPLATES


@hookimpl
def register_graphql() -> GraphQLContribution:
    from .compliance.graphql import ComplianceMutation, ComplianceQuery
    from .contracts.graphql import ContractMutation, ContractQuery
    from .matters.graphql import MatterMutation, MatterQuery

    return GraphQLContribution(queries=(ContractQuery, MatterQuery, ComplianceQuery),
                               mutations=(ContractMutation, MatterMutation, ComplianceMutation))


@hookimpl
def register_event_types() -> list[EventType]:
    return [EventType("legal.deadline_due", Text(
        "A contract's notice deadline or a permit's expiry is near. Payload: kind, id, title, due.",
        "Batas pemberitahuan kontrak atau masa berlaku izin sudah dekat. Isi: kind, id, title, due."))]


@hookimpl
def register_jobs() -> list[Any]:
    from .jobs import daily_legal_watch

    return [daily_legal_watch]


@hookimpl
def register_cron_jobs() -> list[CronJob]:
    from .jobs import daily_legal_watch

    return [CronJob(name="legal.daily", job=daily_legal_watch, hour=5, minute=45)]


@hookimpl
def register_approvables() -> list[Approvable]:
    from .approvals import APPROVABLES

    return APPROVABLES


@hookimpl
def register_ui() -> UiMetadata:
    from .ui import UI

    return UI


@hookimpl
async def seed_demo(tenant_id: int) -> None:
    from .demo import seed

    await seed()


@hookimpl
def register_request_types() -> list[RequestType]:
    from .portal import REQUEST_TYPES

    return REQUEST_TYPES


@hookimpl
def register_indicators() -> list[Indicator]:
    from .indicators import INDICATORS

    return INDICATORS


@hookimpl
def register_notification_kinds() -> list[NotificationKind]:
    from .notifications import KINDS

    return KINDS


@hookimpl
def register_commentables() -> list[Commentable]:
    from .notifications import COMMENTABLES

    return COMMENTABLES
