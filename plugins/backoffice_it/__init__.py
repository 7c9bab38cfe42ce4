"""IT support module of Backoffice (backoffice_it).

The manifest and the hook implementations live here: thin wiring only. The module's areas
(tables, services, GraphQL, jobs, events) live in sub-packages of their own.
"""

from pathlib import Path
from typing import Any

from piccolo.conf.apps import AppConfig

from backoffice.sdk import (
    Commentable,
    CronJob,
    EventHandler,
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
    key="it",
    name=Text("IT support", "Dukungan TI"),
    description=Text(
        "Hardware and software assets, licences, a helpdesk with SLAs, onboarding and offboarding checklists, and a knowledge base.",
        "Aset perangkat keras dan lunak, lisensi, layanan bantuan dengan SLA, daftar periksa karyawan masuk dan keluar, serta basis pengetahuan.",
    ),
    version="0.1.0",
    depends_on=(),
)


@hookimpl
def register_module() -> ModuleManifest:
    return MANIFEST


@hookimpl
def register_piccolo_app() -> AppConfig:
    from .assets.tables import Asset, AssetAssignment, License, LicenseSeat
    from .helpdesk.tables import SlaTarget, Ticket, TicketAttachment, TicketMessage
    from .knowledge.tables import Article, TicketArticle

    return AppConfig(app_name="it", migrations_folder_path=str(Path(__file__).parent / "migrations"),
                     table_classes=[Ticket, TicketMessage, SlaTarget, TicketAttachment, Asset, AssetAssignment, License, LicenseSeat,
                                    Article, TicketArticle])


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
    from .assets.graphql import AssetMutation, AssetQuery
    from .helpdesk.graphql import HelpdeskMutation, HelpdeskQuery
    from .knowledge.graphql import KnowledgeMutation, KnowledgeQuery

    return GraphQLContribution(queries=(HelpdeskQuery, AssetQuery, KnowledgeQuery),
                               mutations=(HelpdeskMutation, AssetMutation, KnowledgeMutation))


@hookimpl
def register_event_types() -> list[EventType]:
    return [EventType("it.renewal_due", Text(
        "A warranty ends or a licence renews within 30 days. Payload: kind (warranty|licence), id, name, due.",
        "Garansi berakhir atau lisensi diperpanjang dalam 30 hari. Isi: kind, id, name, due."))]


@hookimpl
def register_event_handlers() -> list[EventHandler]:
    from .helpdesk.events import on_hired, on_terminated

    return [EventHandler("hr.employee_hired", on_hired, "it.onboarding"),
            EventHandler("hr.employee_terminated", on_terminated, "it.offboarding")]


@hookimpl
def register_jobs() -> list[Any]:
    from .assets.jobs import remind_renewals
    from .helpdesk.jobs import detect_sla_breaches

    return [detect_sla_breaches, remind_renewals]


@hookimpl
def register_cron_jobs() -> list[CronJob]:
    from .helpdesk.jobs import detect_sla_breaches

    from .assets.jobs import remind_renewals

    return [CronJob(name="it.sla_watch", job=detect_sla_breaches, minute={0, 15, 30, 45}),
            CronJob(name="it.renewals", job=remind_renewals, hour=6, minute=30)]


@hookimpl
def register_ui() -> UiMetadata:
    from .ui import UI

    return UI


@hookimpl
async def on_module_enabled(tenant_id: int) -> None:
    from .helpdesk.services import seed_sla

    await seed_sla()


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


@hookimpl
async def personal_data_export(user_id: int | None) -> Any:
    from .privacy import export

    return await export(user_id)


@hookimpl
async def personal_data_anonymise(user_id: int | None, label: str, names: list[str]) -> Any:
    from .privacy import anonymise

    return await anonymise(user_id, label, names)
