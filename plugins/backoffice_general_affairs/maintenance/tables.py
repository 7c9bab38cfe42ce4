from piccolo.columns import BigInt, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class MaintenanceRequest(TenantTable, tablename="ga_maintenance_requests"):
    """Something to fix: in a building, on a floor, in a room, or an inventory item."""

    number = Integer()  # per company: MR-00001
    building_id = BigInt(null=True, default=None)
    floor_id = BigInt(null=True, default=None)
    room_id = BigInt(null=True, default=None)  # a room resource
    asset_id = BigInt(null=True, default=None)  # an office asset
    description = Text()
    priority = Varchar(length=8, default="medium")  # low | medium | high | urgent
    status = Varchar(length=16, default="open")  # open | in_progress | done | cancelled
    reported_by = BigInt(null=True, default=None)
    assignee_user_id = BigInt(null=True, default=None)
    resolution = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())
    started_at = Timestamptz(null=True, default=None)
    done_at = Timestamptz(null=True, default=None)
    cancelled_at = Timestamptz(null=True, default=None)
