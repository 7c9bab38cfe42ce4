"""General affairs module of Backoffice (backoffice_general_affairs).

The manifest and the hook implementations live here: thin wiring only. The module's areas
(tables, services, GraphQL, jobs, events) live in sub-packages of their own.
"""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from backoffice.sdk import (
    EventType,
    GraphQLContribution,
    ModuleManifest,
    NavItem,
    Permission,
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
    version="0.1.0",
    depends_on=(),
)


@hookimpl
def register_module() -> ModuleManifest:
    return MANIFEST


@hookimpl
def register_event_types() -> list[EventType]:
    # The contract other modules build on; general affairs publishes it when a trip is settled.
    return [EventType("ga.travel_settled", Text(
        "A business trip's actual costs were settled. Payload: travel_request_id, traveller (a User id), "
        "destination, settled_on (YYYY-MM-DD), currency, actual_cost and advance_paid (decimal strings).",
        "Biaya aktual perjalanan dinas diselesaikan. Isi: travel_request_id, traveller (id User), destination, "
        "settled_on (YYYY-MM-DD), currency, actual_cost dan advance_paid (string desimal)."))]


@hookimpl
def register_piccolo_app() -> AppConfig:
    from .facilities.tables import Booking, Resource
    from .travel.tables import TravelRequest

    return AppConfig(app_name="ga", migrations_folder_path=str(Path(__file__).parent / "migrations"),
                     table_classes=[Resource, Booking, TravelRequest])


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
    from .facilities.graphql import FacilitiesMutation, FacilitiesQuery
    from .travel.graphql import TravelMutation, TravelQuery

    return GraphQLContribution(queries=(FacilitiesQuery, TravelQuery), mutations=(FacilitiesMutation, TravelMutation))


@hookimpl
def register_ui() -> UiMetadata:
    return UiMetadata(navigation=(
        NavItem(key="me.bookings", label=Text("Book a room or car", "Pesan ruangan atau mobil"), path="/me/bookings",
                icon="calendar"),
        NavItem(key="me.travel", label=Text("My trips", "Perjalanan saya"), path="/me/travel", icon="plane"),
        NavItem(key="ga.travel", label=Text("Travel requests", "Permintaan perjalanan"), path="/ga/travel",
                icon="plane", permission="ga.travel.approve"),
    ))
