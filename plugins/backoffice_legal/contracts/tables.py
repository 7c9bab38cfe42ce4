from decimal import Decimal

from piccolo.columns import BigInt, Bytea, Date, Integer, Numeric, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class Contract(TenantTable, tablename="legal_contracts"):
    title = Varchar(length=200)
    counterparty = Varchar(length=200)
    kind = Varchar(length=16, default="service")
    value = Numeric(digits=(20, 2), default=Decimal(0))
    currency = Varchar(length=3, default="IDR")
    start_date = Date(null=True, default=None)
    end_date = Date(null=True, default=None)
    renewal_terms = Text(default="")
    notice_days = Integer(default=30)
    owner_user_id = BigInt(null=True, default=None)
    status = Varchar(length=16, default="draft")
    reminded_for = Date(null=True, default=None)
    expiry_reminded_for = Date(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class ContractVersion(TenantTable, tablename="legal_contract_versions"):
    contract_id = BigInt()
    version = Integer()
    name = Varchar(length=200)
    content_type = Varchar(length=100)
    content = Bytea()
    uploaded_by = BigInt(null=True, default=None)
    uploaded_at = Timestamptz(default=TimestamptzNow())


class ContractReview(TenantTable, tablename="legal_contract_reviews"):
    contract_id = BigInt()
    reviewer_user_id = BigInt()
    decision = Varchar(length=16, default="pending")  # pending | approved | changes
    comment = Text(default="")
    decided_at = Timestamptz(null=True, default=None)
