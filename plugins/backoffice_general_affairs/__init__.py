"""General affairs module of Backoffice (backoffice_general_affairs).

The manifest and the hook implementations live here: thin wiring only. The module's areas
(tables, services, GraphQL, jobs, events) live in sub-packages of their own.
"""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from backoffice.sdk import (
    Approvable,
    Commentable,
    EventType,
    GraphQLContribution,
    Indicator,
    ModuleManifest,
    NotificationKind,
    PersonalDataSection,
    Permission,
    RequestType,
    RoleTemplate,
    Text,
    UiMetadata,
    hookimpl,
)

MANIFEST = ModuleManifest(
    key="ga",
    name=Text("General affairs", "Urusan umum"),
    description=Text(
        "Buildings and room bookings, office inventory and supplies, company vehicles, business travel and company events.",
        "Gedung dan pemesanan ruangan, inventaris dan perlengkapan kantor, kendaraan perusahaan, perjalanan dinas, dan acara perusahaan.",
    ),
    version="0.2.0",
    depends_on=(),
)


@hookimpl
def register_module() -> ModuleManifest:
    return MANIFEST


@hookimpl
def register_event_types() -> list[EventType]:
    # The contracts other modules build on: finance posts settled trips, logistics issues
    # approved supplies.
    return [
        EventType("ga.travel_settled", Text(
            "A business trip's actual costs were settled. Payload: travel_request_id, traveller (a User id), "
            "destination, settled_on (YYYY-MM-DD), currency, actual_cost and advance_paid (decimal strings).",
            "Biaya aktual perjalanan dinas diselesaikan. Isi: travel_request_id, traveller (id User), destination, "
            "settled_on (YYYY-MM-DD), currency, actual_cost dan advance_paid (string desimal).")),
        EventType("ga.supply_request_approved", Text(
            "General affairs approved a request for office supplies, to be issued from stock. Payload: "
            "supply_request_id, number (such as SR-00012), requested_by (a User id), approved_on (YYYY-MM-DD) and "
            "lines [{sku, quantity (a decimal string)}].",
            "Urusan umum menyetujui permintaan perlengkapan kantor, untuk dikeluarkan dari stok. Isi: "
            "supply_request_id, number (misalnya SR-00012), requested_by (id User), approved_on (YYYY-MM-DD), dan "
            "lines [{sku, quantity (string desimal)}].")),
    ]


@hookimpl
def register_piccolo_app() -> AppConfig:
    from .company_events.tables import CompanyEvent, EventParticipant, EventTask
    from .facilities.tables import Booking, Building, Floor, Resource
    from .inventory.tables import OfficeAsset
    from .maintenance.tables import MaintenanceRequest
    from .supplies.tables import SupplyItem, SupplyRequest, SupplyRequestLine
    from .travel.tables import TravelBooking, TravelRequest

    return AppConfig(app_name="ga", migrations_folder_path=str(Path(__file__).parent / "migrations"),
                     table_classes=[Resource, Booking, TravelRequest, Building, Floor, MaintenanceRequest, OfficeAsset,
                                    SupplyItem, SupplyRequest, SupplyRequestLine, TravelBooking, CompanyEvent,
                                    EventParticipant, EventTask])


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
    from .company_events.graphql import CompanyEventsMutation, CompanyEventsQuery
    from .facilities.graphql import FacilitiesMutation, FacilitiesQuery
    from .inventory.graphql import InventoryMutation, InventoryQuery
    from .maintenance.graphql import MaintenanceMutation, MaintenanceQuery
    from .supplies.graphql import SuppliesMutation, SuppliesQuery
    from .travel.graphql import TravelMutation, TravelQuery

    return GraphQLContribution(
        queries=(FacilitiesQuery, MaintenanceQuery, InventoryQuery, SuppliesQuery, TravelQuery, CompanyEventsQuery),
        mutations=(FacilitiesMutation, MaintenanceMutation, InventoryMutation, SuppliesMutation, TravelMutation,
                   CompanyEventsMutation))


@hookimpl
def register_approvables() -> list[Approvable]:
    from .approvals import APPROVABLES

    return APPROVABLES


@hookimpl
def register_ui() -> UiMetadata:
    from .ui import UI

    return UI


@hookimpl
async def seed_demo(tenant_id: int, owner_user_id: int) -> None:
    from .demo import seed

    await seed(owner_user_id)


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
async def personal_data_export(user_id: int | None) -> list[PersonalDataSection]:
    from .privacy import export

    return await export(user_id)


@hookimpl
async def personal_data_anonymise(user_id: int | None) -> list[str]:
    from .privacy import anonymise

    return await anonymise(user_id)
