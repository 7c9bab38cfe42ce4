"""The bulk operations of a company and the stored parts of their result files (tenant data).

The result is kept in the database, one part per page of the root connection, rather than on
a local disk: every process is stateless apart from PostgreSQL and Redis, so a file written
by a worker on one machine must be readable by the API on another (the same reason the
modules keep uploaded documents in ``Bytea`` columns).
"""

from piccolo.columns import BigInt, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.db.tables import TenantTable


class BulkOperation(TenantTable, tablename="bulk_operations"):
    """One bulk query and what became of it.

    ``status``: created -> running -> completed | failed | canceled. ``actor_key`` names who
    started it (``user:<id>`` for a person, ``client:<client id>`` for an integration's token)
    and carries the one-running-operation-per-actor rule (a partial unique index)."""

    actor_key = Varchar(length=200)
    user_id = BigInt(null=True, default=None)
    oauth_client_id = Varchar(length=100, null=True, default=None)
    # The token's scopes (JSON list) for a token; null for a session.
    scopes = Text(null=True, default=None)
    locale = Varchar(length=8, default="en")
    query = Text()
    root_field = Varchar(length=100, default="")
    status = Varchar(length=16, default="created")
    object_count = BigInt(default=0)
    root_object_count = BigInt(default=0)
    total_count = BigInt(null=True, default=None)  # the root connection's size at the start
    progress = Integer(default=0)  # percent of the root connection written
    file_size = BigInt(default=0)  # bytes of the result file
    parts = Integer(default=0)  # stored parts of the result file
    error_code = Varchar(length=64, null=True, default=None)
    error_message = Text(null=True, default=None)
    job_id = BigInt(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    started_at = Timestamptz(null=True, default=None)
    completed_at = Timestamptz(null=True, default=None)
    file_expires_at = Timestamptz(null=True, default=None)  # the file is deleted after this


class BulkOperationPart(TenantTable, tablename="bulk_operation_parts"):
    """A piece of a result file: JSON Lines, each line ending with a newline."""

    operation_id = BigInt()
    seq = Integer()
    content = Text(default="")
