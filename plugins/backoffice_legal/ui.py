"""Navigation and resource metadata of the legal module for the web app.

Contracts (versions, review and workflow), advice requests and filings have screens of their own
in the web app (registered by path); the ``contracts`` resource is the generic fallback. Matters
and permits open as generic lists and forms.
"""

from backoffice.sdk import NavItem, Text, UiColumn, UiFormField, UiMetadata, UiResource

CONTRACT_KINDS = (
    ("sales", Text("Sales", "Penjualan")),
    ("purchase", Text("Purchase", "Pembelian")),
    ("employment", Text("Employment", "Ketenagakerjaan")),
    ("nda", Text("Non-disclosure", "Kerahasiaan (NDA)")),
    ("lease", Text("Lease", "Sewa")),
    ("service", Text("Service", "Jasa")),
    ("other", Text("Other", "Lainnya")),
)

CONTRACT_STATUSES = (
    ("draft", Text("Draft", "Draf")),
    ("in_review", Text("In review", "Ditinjau")),
    ("approved", Text("Approved", "Disetujui")),
    ("signed", Text("Signed", "Ditandatangani")),
    ("active", Text("Active", "Berlaku")),
    ("expired", Text("Expired", "Kedaluwarsa")),
    ("terminated", Text("Terminated", "Diakhiri")),
)

MATTER_KINDS = (
    ("dispute", Text("Dispute", "Sengketa")),
    ("case", Text("Case", "Perkara")),
    ("advice", Text("Advice", "Nasihat")),
)

MATTER_STATUSES = (
    ("open", Text("Open", "Terbuka")),
    ("closed", Text("Closed", "Ditutup")),
)

UI = UiMetadata(
    navigation=(
        NavItem(key="me.legal", label=Text("Legal advice", "Nasihat hukum"), path="/me/legal", icon="scale"),
        NavItem(key="legal", label=Text("Legal", "Hukum"), path="/legal", icon="scale", children=(
            NavItem(key="legal.contracts", label=Text("Contracts", "Kontrak"), path="/legal/contracts",
                    resource="contracts"),
            NavItem(key="legal.matters", label=Text("Matters", "Perkara"), path="/legal/matters",
                    permission="legal.matter.read", resource="matters"),
            NavItem(key="legal.compliance", label=Text("Permits", "Izin"), path="/legal/compliance",
                    permission="legal.permit.manage", resource="permits"),
            NavItem(key="legal.filings", label=Text("Regulatory filings", "Pelaporan wajib"), path="/legal/filings",
                    permission="legal.permit.manage"),
        )),
    ),
    resources=(
        UiResource(
            key="contracts", label=Text("Contracts", "Kontrak"), query="contracts", create_mutation="createContract",
            detail_query="contract",
            filters=(UiFormField("status", Text("Status", "Status"), kind="select", options=CONTRACT_STATUSES),),
            columns=(UiColumn("title", Text("Title", "Judul"), sortable=True),
                     UiColumn("counterparty", Text("Counterparty", "Pihak lawan"), sortable=True),
                     UiColumn("kind", Text("Kind", "Jenis"), kind="enum"),
                     UiColumn("value", Text("Value", "Nilai"), sortable=True, kind="money"),
                     UiColumn("status", Text("Status", "Status"), sortable=True, kind="enum"),
                     UiColumn("endDate", Text("Ends", "Berakhir"), sortable=True, kind="date"),
                     UiColumn("noticeDeadline", Text("Notice by", "Batas pemberitahuan"), sortable=True, kind="date")),
            form=(UiFormField("title", Text("Title", "Judul"), required=True),
                  UiFormField("counterparty", Text("Counterparty", "Pihak lawan"), required=True),
                  UiFormField("kind", Text("Kind", "Jenis"), kind="select", options=CONTRACT_KINDS),
                  UiFormField("value", Text("Value", "Nilai"), kind="money"),
                  UiFormField("currency", Text("Currency", "Mata uang")),
                  UiFormField("startDate", Text("Starts", "Mulai"), kind="date"),
                  UiFormField("endDate", Text("Ends", "Berakhir"), kind="date"),
                  UiFormField("noticeDays", Text("Notice (days)", "Pemberitahuan (hari)"), kind="number"),
                  UiFormField("renewalTerms", Text("Renewal terms", "Ketentuan perpanjangan"), kind="textarea")),
        ),
        UiResource(
            key="matters", label=Text("Matters", "Perkara"), query="legalMatters", permission="legal.matter.read",
            create_mutation="createLegalMatter",
            filters=(UiFormField("kind", Text("Kind", "Jenis"), kind="select", options=MATTER_KINDS),
                     UiFormField("status", Text("Status", "Status"), kind="select", options=MATTER_STATUSES)),
            columns=(UiColumn("title", Text("Title", "Judul"), sortable=True),
                     UiColumn("kind", Text("Kind", "Jenis"), sortable=True, kind="enum"),
                     UiColumn("counterparty", Text("Counterparty", "Pihak lawan")),
                     UiColumn("counsel", Text("Counsel", "Kuasa hukum")),
                     UiColumn("deadline", Text("Deadline", "Tenggat"), sortable=True, kind="date"),
                     UiColumn("status", Text("Status", "Status"), sortable=True, kind="enum")),
            form=(UiFormField("title", Text("Title", "Judul"), required=True),
                  UiFormField("kind", Text("Kind", "Jenis"), kind="select", options=MATTER_KINDS),
                  UiFormField("counterparty", Text("Counterparty", "Pihak lawan")),
                  UiFormField("counsel", Text("Counsel", "Kuasa hukum")),
                  UiFormField("deadline", Text("Deadline", "Tenggat"), kind="date"),
                  UiFormField("description", Text("Description", "Uraian"), kind="textarea")),
        ),
        UiResource(
            key="permits", label=Text("Permits", "Izin"), query="permits", permission="legal.permit.manage",
            create_mutation="createPermit",
            columns=(UiColumn("name", Text("Name", "Nama"), sortable=True),
                     UiColumn("number", Text("Number", "Nomor")),
                     UiColumn("authority", Text("Issued by", "Penerbit"), sortable=True),
                     UiColumn("issuedOn", Text("Issued", "Terbit"), sortable=True, kind="date"),
                     UiColumn("expiresOn", Text("Expires", "Berlaku sampai"), sortable=True, kind="date")),
            form=(UiFormField("name", Text("Name", "Nama"), required=True),
                  UiFormField("number", Text("Number", "Nomor")),
                  UiFormField("authority", Text("Issued by", "Penerbit")),
                  UiFormField("issuedOn", Text("Issued", "Terbit"), kind="date"),
                  UiFormField("expiresOn", Text("Expires", "Berlaku sampai"), kind="date"),
                  UiFormField("responsibleId", Text("Responsible", "Penanggung jawab"), kind="ref:User")),
        ),
    ),
)
