"""Per-company ticket numbers, one ticket per HR event, and the helpdesk's indexes."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backoffice.sdk import add_raw_statements

ID = "2026-11-22T11:31:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "helpdesk keys and indexes"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="it", description=DESCRIPTION)
    add_raw_statements(
        manager,
        "CREATE UNIQUE INDEX it_tickets_number ON it_tickets (tenant_id, number)",
        "CREATE UNIQUE INDEX it_tickets_source ON it_tickets (tenant_id, source_key) WHERE source_key IS NOT NULL",
        "CREATE INDEX it_tickets_status ON it_tickets (tenant_id, status, resolution_due_at)",
        "CREATE INDEX it_tickets_requester ON it_tickets (tenant_id, requester_user_id)",
        "CREATE INDEX it_ticket_messages_ticket ON it_ticket_messages (tenant_id, ticket_id)",
        "CREATE UNIQUE INDEX it_sla_targets_priority ON it_sla_targets (tenant_id, priority)",
    )
    return manager
