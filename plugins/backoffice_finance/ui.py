"""Navigation and resource metadata of the finance module for the web app.

Reports, the cash forecast, budgets and the bank have screens of their own in the web app
(registered by path); the rest opens as generic lists and forms built from the resources below.
"""

from backoffice.sdk import NavItem, Text, UiColumn, UiFormField, UiMetadata, UiResource

ACCOUNT_KINDS = (
    ("asset", Text("Asset", "Aset")),
    ("liability", Text("Liability", "Liabilitas")),
    ("equity", Text("Equity", "Ekuitas")),
    ("income", Text("Income", "Pendapatan")),
    ("expense", Text("Expense", "Beban")),
)

INVOICE_STATUSES = (
    ("draft", Text("Draft", "Draf")),
    ("issued", Text("Issued", "Diterbitkan")),
    ("partly_paid", Text("Partly paid", "Dibayar sebagian")),
    ("paid", Text("Paid", "Lunas")),
    ("void", Text("Void", "Batal")),
)

BILL_STATUSES = (
    ("posted", Text("Posted", "Dibukukan")),
    ("partly_paid", Text("Partly paid", "Dibayar sebagian")),
    ("paid", Text("Paid", "Lunas")),
    ("void", Text("Void", "Batal")),
)

CLAIM_STATUSES = (
    ("submitted", Text("Submitted", "Diajukan")),
    ("approved", Text("Approved", "Disetujui")),
    ("rejected", Text("Rejected", "Ditolak")),
    ("paid", Text("Paid", "Dibayar")),
)

TAX_CODES = (
    ("PPN", Text("PPN (VAT)", "PPN")),
    ("PPNBM", Text("PPnBM (luxury goods)", "PPnBM (barang mewah)")),
)

ENTRY_SOURCES = (
    ("manual", Text("Manual", "Manual")),
    ("finance.invoice", Text("Sales invoice", "Faktur penjualan")),
    ("finance.payment", Text("Payment received", "Penerimaan pembayaran")),
    ("finance.bill", Text("Supplier bill", "Tagihan pemasok")),
    ("finance.bill_payment", Text("Bill payment", "Pembayaran tagihan")),
    ("finance.expense_claim", Text("Expense claim", "Klaim biaya")),
    ("finance.reimbursement", Text("Reimbursement", "Penggantian biaya")),
    ("hr.payroll", Text("Payroll", "Penggajian")),
    ("ga.travel", Text("Business travel", "Perjalanan dinas")),
    ("logistics.stock", Text("Stock", "Persediaan")),
    ("reversal", Text("Reversal", "Pembalikan")),
    ("demo", Text("Demo data", "Data contoh")),
)

UI = UiMetadata(
    navigation=(
        NavItem(key="me.expenses", label=Text("My expense claims", "Klaim biaya saya"), path="/me/expenses",
                icon="receipt", resource="my_expense_claims"),
        NavItem(key="finance", label=Text("Finance", "Keuangan"), path="/finance", icon="coins", children=(
            NavItem(key="finance.reports", label=Text("Reports", "Laporan"), path="/finance/reports",
                    permission="finance.report.read"),
            NavItem(key="finance.trial_balance", label=Text("Trial balance", "Neraca saldo"),
                    path="/finance/trial-balance", permission="finance.report.read"),
            NavItem(key="finance.planning", label=Text("Budgets and forecast", "Anggaran dan proyeksi"),
                    path="/finance/planning", permission="finance.report.read"),
            NavItem(key="finance.accounts", label=Text("Chart of accounts", "Bagan akun"), path="/finance/accounts",
                    permission="finance.account.read", resource="accounts"),
            NavItem(key="finance.journal", label=Text("Journal", "Jurnal"), path="/finance/journal",
                    permission="finance.journal.read", resource="journal_entries"),
            NavItem(key="finance.invoices", label=Text("Invoices", "Faktur"), path="/finance/invoices",
                    permission="finance.invoice.read", resource="invoices"),
            NavItem(key="finance.customers", label=Text("Customers", "Pelanggan"), path="/finance/customers",
                    permission="finance.invoice.read", resource="customers"),
            NavItem(key="finance.products", label=Text("Products", "Produk"), path="/finance/products",
                    permission="finance.invoice.read", resource="products"),
            NavItem(key="finance.bills", label=Text("Bills", "Tagihan"), path="/finance/bills",
                    permission="finance.bill.read", resource="bills"),
            NavItem(key="finance.suppliers", label=Text("Suppliers", "Pemasok"), path="/finance/suppliers",
                    permission="finance.bill.read", resource="suppliers"),
            NavItem(key="finance.expense_claims", label=Text("Expense claims", "Klaim biaya"),
                    path="/finance/expense-claims", permission="finance.expense.approve", resource="expense_claims"),
            NavItem(key="finance.bank", label=Text("Bank", "Bank"), path="/finance/bank",
                    permission="finance.journal.read"),
        )),
    ),
    resources=(
        UiResource(
            key="accounts", label=Text("Chart of accounts", "Bagan akun"), query="accounts",
            permission="finance.account.read", create_mutation="createAccount",
            filters=(UiFormField("kind", Text("Kind", "Jenis"), kind="select", options=ACCOUNT_KINDS),),
            columns=(UiColumn("code", Text("Code", "Kode"), sortable=True),
                     UiColumn("name", Text("Name", "Nama"), sortable=True),
                     UiColumn("kind", Text("Kind", "Jenis"), sortable=True, kind="enum"),
                     UiColumn("parent.name", Text("Part of", "Bagian dari")),
                     UiColumn("active", Text("Active", "Aktif"), kind="boolean")),
            form=(UiFormField("code", Text("Code", "Kode"), required=True),
                  UiFormField("name", Text("Name (English)", "Nama (Inggris)"), required=True),
                  UiFormField("nameId", Text("Name (Indonesian)", "Nama (Indonesia)")),
                  UiFormField("kind", Text("Kind", "Jenis"), kind="select", required=True, options=ACCOUNT_KINDS),
                  UiFormField("parentId", Text("Sub-account of", "Sub-akun dari"), kind="ref:Account")),
        ),
        UiResource(
            key="journal_entries", label=Text("Journal entries", "Jurnal"), query="journalEntries",
            permission="finance.journal.read", detail_query="journalEntry",
            filters=(UiFormField("dateFrom", Text("From", "Dari"), kind="date"),
                     UiFormField("dateTo", Text("To", "Sampai"), kind="date"),
                     UiFormField("source", Text("Source", "Sumber"), kind="select", options=ENTRY_SOURCES)),
            columns=(UiColumn("number", Text("Number", "Nomor"), sortable=True),
                     UiColumn("entryDate", Text("Date", "Tanggal"), sortable=True, kind="date"),
                     UiColumn("memo", Text("Memo", "Keterangan")),
                     UiColumn("currency", Text("Currency", "Mata uang")),
                     UiColumn("source", Text("Source", "Sumber"), kind="enum")),
        ),
        UiResource(
            key="invoices", label=Text("Invoices", "Faktur"), query="invoices",
            permission="finance.invoice.read", detail_query="invoice",
            filters=(UiFormField("status", Text("Status", "Status"), kind="select", options=INVOICE_STATUSES),),
            columns=(UiColumn("number", Text("Number", "Nomor"), sortable=True),
                     UiColumn("customer.name", Text("Customer", "Pelanggan"), sortable=True),
                     UiColumn("issueDate", Text("Date", "Tanggal"), sortable=True, kind="date"),
                     UiColumn("dueDate", Text("Due", "Jatuh tempo"), sortable=True, kind="date"),
                     UiColumn("total", Text("Total", "Total"), sortable=True, kind="money"),
                     UiColumn("balanceDue", Text("Balance due", "Sisa tagihan"), sortable=True, kind="money"),
                     UiColumn("status", Text("Status", "Status"), kind="enum")),
        ),
        UiResource(
            key="customers", label=Text("Customers", "Pelanggan"), query="customers",
            permission="finance.invoice.read", create_mutation="createCustomer", search="search",
            columns=(UiColumn("name", Text("Name", "Nama"), sortable=True),
                     UiColumn("email", Text("Email", "Email")),
                     UiColumn("taxId", Text("NPWP", "NPWP")),
                     UiColumn("address", Text("Address", "Alamat"))),
            form=(UiFormField("name", Text("Name", "Nama"), required=True),
                  UiFormField("email", Text("Email", "Email"), kind="email"),
                  UiFormField("taxId", Text("NPWP (or NIK)", "NPWP (atau NIK)")),
                  UiFormField("address", Text("Address", "Alamat"), kind="textarea")),
        ),
        UiResource(
            key="products", label=Text("Products", "Produk"), query="products",
            permission="finance.invoice.read", create_mutation="createProduct",
            columns=(UiColumn("code", Text("Code", "Kode"), sortable=True),
                     UiColumn("name", Text("Name", "Nama"), sortable=True),
                     UiColumn("unitPrice", Text("Unit price", "Harga satuan"), sortable=True, kind="money"),
                     UiColumn("taxCode", Text("Tax", "Pajak"), kind="enum")),
            form=(UiFormField("code", Text("Code", "Kode"), required=True),
                  UiFormField("name", Text("Name", "Nama"), required=True),
                  UiFormField("unitPrice", Text("Unit price", "Harga satuan"), kind="money", required=True),
                  UiFormField("taxCode", Text("Tax", "Pajak"), kind="select", options=TAX_CODES)),
        ),
        UiResource(
            key="bills", label=Text("Bills", "Tagihan"), query="bills", permission="finance.bill.read",
            filters=(UiFormField("status", Text("Status", "Status"), kind="select", options=BILL_STATUSES),),
            columns=(UiColumn("reference", Text("Reference", "Referensi"), sortable=True),
                     UiColumn("supplier.name", Text("Supplier", "Pemasok"), sortable=True),
                     UiColumn("billDate", Text("Date", "Tanggal"), sortable=True, kind="date"),
                     UiColumn("dueDate", Text("Due", "Jatuh tempo"), sortable=True, kind="date"),
                     UiColumn("total", Text("Total", "Total"), sortable=True, kind="money"),
                     UiColumn("amountPaid", Text("Paid", "Dibayar"), kind="money"),
                     UiColumn("status", Text("Status", "Status"), kind="enum")),
        ),
        UiResource(
            key="suppliers", label=Text("Suppliers", "Pemasok"), query="suppliers",
            permission="finance.bill.read", create_mutation="createSupplier",
            columns=(UiColumn("name", Text("Name", "Nama"), sortable=True),
                     UiColumn("taxId", Text("NPWP", "NPWP")),
                     UiColumn("bankAccount", Text("Bank account", "Rekening bank"))),
            form=(UiFormField("name", Text("Name", "Nama"), required=True),
                  UiFormField("taxId", Text("NPWP", "NPWP")),
                  UiFormField("bankAccount", Text("Bank account", "Rekening bank"))),
        ),
        UiResource(
            key="expense_claims", label=Text("Expense claims", "Klaim biaya"), query="expenseClaims",
            permission="finance.expense.approve",
            filters=(UiFormField("status", Text("Status", "Status"), kind="select", options=CLAIM_STATUSES),),
            columns=(UiColumn("expenseDate", Text("Date", "Tanggal"), sortable=True, kind="date"),
                     UiColumn("description", Text("Description", "Keterangan")),
                     UiColumn("amount", Text("Amount", "Jumlah"), sortable=True, kind="money"),
                     UiColumn("status", Text("Status", "Status"), kind="enum"),
                     UiColumn("decisionNote", Text("Note", "Catatan"))),
        ),
        UiResource(
            key="my_expense_claims", label=Text("My expense claims", "Klaim biaya saya"), query="myExpenseClaims",
            create_mutation="submitExpenseClaim",
            columns=(UiColumn("expenseDate", Text("Date", "Tanggal"), sortable=True, kind="date"),
                     UiColumn("description", Text("Description", "Keterangan")),
                     UiColumn("amount", Text("Amount", "Jumlah"), sortable=True, kind="money"),
                     UiColumn("status", Text("Status", "Status"), kind="enum"),
                     UiColumn("decisionNote", Text("Note", "Catatan"))),
            form=(UiFormField("description", Text("What was it for", "Untuk keperluan apa"), required=True),
                  UiFormField("expenseDate", Text("Date", "Tanggal"), kind="date", required=True),
                  UiFormField("amount", Text("Amount", "Jumlah"), kind="money", required=True),
                  UiFormField("accountId", Text("Expense account", "Akun beban"), kind="ref:Account", required=True)),
        ),
    ),
)
