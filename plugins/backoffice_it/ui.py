"""Navigation and resource metadata of the IT module for the web app.

The helpdesk has a screen of its own in the web app (the ticket conversation, registered by
path); the ``tickets`` resources are the generic fallback. Assets, licences and the knowledge
base open as generic lists and forms.
"""

from backoffice.sdk import NavItem, Text, UiColumn, UiFormField, UiMetadata, UiResource

TICKET_STATUSES = (
    ("new", Text("New", "Baru")),
    ("in_progress", Text("In progress", "Dikerjakan")),
    ("waiting", Text("Waiting", "Menunggu")),
    ("resolved", Text("Resolved", "Selesai")),
    ("closed", Text("Closed", "Ditutup")),
)

PRIORITIES = (
    ("low", Text("Low", "Rendah")),
    ("medium", Text("Medium", "Sedang")),
    ("high", Text("High", "Tinggi")),
    ("urgent", Text("Urgent", "Mendesak")),
)

CATEGORIES = (
    ("problem", Text("Problem", "Masalah")),
    ("request", Text("Request", "Permintaan")),
    ("access", Text("Access", "Akses")),
    ("equipment", Text("Equipment", "Perangkat")),
    ("onboarding", Text("Onboarding", "Karyawan baru")),
    ("offboarding", Text("Offboarding", "Karyawan keluar")),
)

IMPACTS = (
    ("single", Text("Just me", "Hanya saya")),
    ("team", Text("My team", "Tim saya")),
    ("company", Text("The whole company", "Seluruh perusahaan")),
)

ASSET_KINDS = (
    ("laptop", Text("Laptop", "Laptop")),
    ("phone", Text("Phone", "Ponsel")),
    ("network", Text("Network", "Jaringan")),
    ("server", Text("Server", "Server")),
    ("other", Text("Other", "Lainnya")),
)

ASSET_STATUSES = (
    ("in_stock", Text("In stock", "Tersedia")),
    ("assigned", Text("Assigned", "Dipakai")),
    ("repair", Text("In repair", "Diperbaiki")),
    ("retired", Text("Retired", "Dihapus")),
)

TICKET_COLUMNS = (
    UiColumn("number", Text("No.", "No."), sortable=True, kind="number"),
    UiColumn("subject", Text("Subject", "Perihal"), sortable=True),
    UiColumn("category", Text("Category", "Kategori"), kind="enum"),
    UiColumn("priority", Text("Priority", "Prioritas"), sortable=True, kind="enum"),
    UiColumn("status", Text("Status", "Status"), sortable=True, kind="enum"),
    UiColumn("resolutionDueAt", Text("Due", "Batas waktu"), sortable=True, kind="datetime"),
    UiColumn("breached", Text("SLA breached", "SLA terlewati"), kind="boolean"),
)

TICKET_FORM = (
    UiFormField("subject", Text("Subject", "Perihal"), required=True),
    UiFormField("description", Text("What happened", "Apa yang terjadi"), kind="textarea"),
    UiFormField("category", Text("Category", "Kategori"), kind="select", options=CATEGORIES),
    UiFormField("priority", Text("Priority", "Prioritas"), kind="select", options=PRIORITIES),
    UiFormField("impact", Text("Who is affected", "Siapa yang terdampak"), kind="select", options=IMPACTS),
)

UI = UiMetadata(
    navigation=(
        NavItem(key="me.tickets", label=Text("IT help", "Bantuan TI"), path="/me/tickets", icon="lifebuoy",
                resource="my_tickets"),
        NavItem(key="it", label=Text("IT support", "Dukungan TI"), path="/it", icon="laptop", children=(
            NavItem(key="it.tickets", label=Text("Tickets", "Tiket"), path="/it/tickets",
                    permission="it.ticket.handle", resource="tickets"),
            NavItem(key="it.assets", label=Text("Assets", "Aset"), path="/it/assets",
                    permission="it.asset.read", resource="assets"),
            NavItem(key="it.licenses", label=Text("Licences", "Lisensi"), path="/it/licenses",
                    permission="it.asset.read", resource="licenses"),
            NavItem(key="it.articles", label=Text("Knowledge base", "Basis pengetahuan"), path="/it/articles",
                    resource="articles"),
        )),
    ),
    resources=(
        UiResource(
            key="tickets", label=Text("Tickets", "Tiket"), query="tickets", permission="it.ticket.handle",
            create_mutation="createTicket", detail_query="ticket",
            filters=(UiFormField("status", Text("Status", "Status"), kind="select", options=TICKET_STATUSES),),
            columns=TICKET_COLUMNS, form=TICKET_FORM,
        ),
        UiResource(
            key="my_tickets", label=Text("My tickets", "Tiket saya"), query="myTickets",
            create_mutation="createTicket", detail_query="ticket",
            columns=TICKET_COLUMNS, form=TICKET_FORM,
        ),
        UiResource(
            key="assets", label=Text("Assets", "Aset"), query="assets", permission="it.asset.read",
            create_mutation="createAsset", search="search",
            filters=(UiFormField("kind", Text("Kind", "Jenis"), kind="select", options=ASSET_KINDS),
                     UiFormField("status", Text("Status", "Status"), kind="select", options=ASSET_STATUSES)),
            columns=(UiColumn("tag", Text("Tag", "Label"), sortable=True),
                     UiColumn("name", Text("Name", "Nama"), sortable=True),
                     UiColumn("kind", Text("Kind", "Jenis"), sortable=True, kind="enum"),
                     UiColumn("serialNumber", Text("Serial number", "Nomor seri")),
                     UiColumn("location", Text("Location", "Lokasi")),
                     UiColumn("warrantyEnd", Text("Warranty until", "Garansi sampai"), sortable=True, kind="date"),
                     UiColumn("purchasePrice", Text("Price", "Harga"), kind="money"),
                     UiColumn("status", Text("Status", "Status"), sortable=True, kind="enum")),
            form=(UiFormField("tag", Text("Tag", "Label"), required=True),
                  UiFormField("name", Text("Name", "Nama"), required=True),
                  UiFormField("kind", Text("Kind", "Jenis"), kind="select", required=True, options=ASSET_KINDS),
                  UiFormField("serialNumber", Text("Serial number", "Nomor seri")),
                  UiFormField("purchaseDate", Text("Bought on", "Tanggal beli"), kind="date"),
                  UiFormField("purchasePrice", Text("Price", "Harga"), kind="money"),
                  UiFormField("warrantyEnd", Text("Warranty until", "Garansi sampai"), kind="date"),
                  UiFormField("location", Text("Location", "Lokasi"))),
        ),
        UiResource(
            key="licenses", label=Text("Licences", "Lisensi"), query="licenses", permission="it.asset.read",
            create_mutation="createLicense",
            columns=(UiColumn("product", Text("Product", "Produk"), sortable=True),
                     UiColumn("vendor", Text("Vendor", "Vendor"), sortable=True),
                     UiColumn("seats", Text("Seats", "Kursi"), kind="number"),
                     UiColumn("seatsUsed", Text("In use", "Terpakai"), kind="number"),
                     UiColumn("overAssigned", Text("Over-assigned", "Melebihi kursi"), kind="boolean"),
                     UiColumn("renewalDate", Text("Renews on", "Diperpanjang"), sortable=True, kind="date")),
            form=(UiFormField("product", Text("Product", "Produk"), required=True),
                  UiFormField("vendor", Text("Vendor", "Vendor")),
                  UiFormField("seats", Text("Seats", "Kursi"), kind="number", required=True),
                  UiFormField("renewalDate", Text("Renews on", "Diperpanjang"), kind="date")),
        ),
        UiResource(
            key="articles", label=Text("Knowledge base", "Basis pengetahuan"), query="articles",
            create_mutation="createArticle", search="search",
            columns=(UiColumn("title", Text("Title", "Judul"), sortable=True),
                     UiColumn("body", Text("Text", "Isi")),
                     UiColumn("updatedAt", Text("Updated", "Diperbarui"), sortable=True, kind="datetime")),
            form=(UiFormField("title", Text("Title", "Judul"), required=True),
                  UiFormField("body", Text("Text", "Isi"), kind="textarea", required=True),
                  UiFormField("published", Text("Published", "Diterbitkan"), kind="boolean")),
        ),
    ),
)
