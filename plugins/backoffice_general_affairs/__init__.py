"""General affairs module of Backoffice (backoffice_general_affairs).

The manifest and the hook implementations live here: thin wiring only. The module's areas
(tables, services, GraphQL, jobs, events) live in sub-packages of their own.
"""

from backoffice.sdk import EventType, ModuleManifest, Text, hookimpl

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
        "A business trip's actual costs were settled. Payload: travel_request_id, traveller, settled_on "
        "(YYYY-MM-DD), currency, actual_cost and advance_paid (decimal strings).",
        "Biaya aktual perjalanan dinas diselesaikan. Isi: travel_request_id, traveller, settled_on "
        "(YYYY-MM-DD), currency, actual_cost dan advance_paid (string desimal)."))]
