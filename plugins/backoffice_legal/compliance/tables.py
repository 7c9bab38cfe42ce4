from piccolo.columns import BigInt, Bytea, Date, Integer, Text, Varchar

from backoffice.sdk import TenantTable


class Permit(TenantTable, tablename="legal_permits"):
    name = Varchar(length=200)  # NIB, izin usaha, izin lingkungan ...
    number = Varchar(length=100, default="")
    authority = Varchar(length=200, default="")
    issued_on = Date(null=True, default=None)
    expires_on = Date(null=True, default=None)
    responsible_user_id = BigInt(null=True, default=None)
    reminded_for = Date(null=True, default=None)


class Obligation(TenantTable, tablename="legal_obligations"):
    name = Varchar(length=200)
    authority = Varchar(length=200, default="")
    frequency = Varchar(length=16)  # monthly | quarterly | yearly
    due_day = Integer(default=15)  # day of the month after the period


class Filing(TenantTable, tablename="legal_filings"):
    obligation_id = BigInt()
    period = Varchar(length=16)  # 2026-05, 2026-Q2, 2026
    due_date = Date()
    status = Varchar(length=16, default="pending")  # pending | filed
    filed_on = Date(null=True, default=None)
    evidence = Text(default="")


class PermitTask(TenantTable, tablename="legal_permit_tasks"):
    """A step towards renewing a permit (collect documents, submit, pay the fee)."""

    permit_id = BigInt()
    title = Varchar(length=200)
    due_date = Date(null=True, default=None)
    done = Integer(default=0)


class LegalDocument(TenantTable, tablename="legal_documents"):
    """A file kept with a matter or a filing (evidence)."""

    owner_kind = Varchar(length=16)  # matter | filing
    owner_id = BigInt()
    name = Varchar(length=200)
    content_type = Varchar(length=100)
    content = Bytea()
