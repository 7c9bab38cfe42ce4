from piccolo.columns import JSON, BigInt, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.db.tables import TenantTable


class AuditEntry(TenantTable, tablename="audit_entries"):
    at = Timestamptz(default=TimestamptzNow())
    actor_user_id = BigInt(null=True, default=None)
    actor_client_id = Varchar(length=64, null=True, default=None)
    operation = Varchar(length=100)
    target_ids = JSON(default=[])
    changes = JSON(default={})
    ip = Varchar(length=64, default="")
