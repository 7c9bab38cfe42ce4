"""Indexes of the approval tables (raw DDL runs before the tables of its own migration, hence a
migration of its own)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-01T22:31:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "approval indexes"

STATEMENTS = [
    # A rule is its steps in order; one position per step.
    "CREATE UNIQUE INDEX approval_rule_steps_kind ON approval_rule_steps (tenant_id, kind, position)",
    # One decision per step of a round still in progress: of two people deciding the same step at
    # once, the second is refused.
    "CREATE UNIQUE INDEX approval_decisions_open_step ON approval_decisions "
    "(tenant_id, kind, record_id, step) WHERE NOT closed",
    "CREATE INDEX approval_decisions_record ON approval_decisions (tenant_id, kind, record_id)",
    # Someone's history, newest first, as decider or as the person stood in for.
    "CREATE INDEX approval_decisions_decider ON approval_decisions (tenant_id, decided_by, id)",
    "CREATE INDEX approval_decisions_behalf ON approval_decisions (tenant_id, on_behalf_of, id) "
    "WHERE on_behalf_of IS NOT NULL",
    "CREATE INDEX approval_delegations_to ON approval_delegations (tenant_id, to_user_id, ends_on)",
    "CREATE INDEX approval_delegations_from ON approval_delegations (tenant_id, from_user_id, ends_on)",
]


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)
    for statement in STATEMENTS:
        manager.add_raw(_runner(statement))
    return manager


def _runner(statement: str):  # noqa: ANN202
    async def run() -> None:
        from piccolo.engine.finder import engine_finder

        await engine_finder().run_ddl(statement)

    return run
