"""The tenants table: global (a tenant is not owned by a tenant), read at the edge."""

from piccolo.columns import JSON, BigInt, Boolean, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.db.tables import GlobalTable


class Tenant(GlobalTable, tablename="tenants"):
    slug = Varchar(length=63, unique=True)
    name = Varchar(length=200)
    status = Varchar(length=16, default="active")  # active | suspended
    locale = Varchar(length=8, default="en")
    base_currency = Varchar(length=3, default="IDR")
    # Enabled optional modules, as a JSON list of keys; core modules are always on.
    enabled_modules = JSON(default=[])
    # Set while the tenant has jobs or events waiting, so a sweeper finds them without
    # reading across tenants.
    pending_work_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    owner_user_id = BigInt(null=True, default=None)
    # The company's logo as a data URL (PNG or JPEG, at most 256 KB), shown in the web app.
    logo = Text(default="")
    # Owners must use two-factor authentication: an owner without it gets a session that can
    # only set it up (backoffice.identity.two_factor).
    require_two_factor_for_owners = Boolean(default=False)
