"""Permissions and role templates of the finance module."""

from backoffice.sdk import Permission, RoleTemplate, Text


def _p(key: str, en: str, id_: str) -> Permission:
    return Permission(key, Text(en, id_))


PERMISSIONS = [
    _p("finance.account.read", "See the chart of accounts", "Melihat bagan akun"),
    _p("finance.account.manage", "Change the chart of accounts and finance settings",
       "Mengubah bagan akun dan pengaturan keuangan"),
    _p("finance.journal.read", "See journal entries and ledgers", "Melihat jurnal dan buku besar"),
    _p("finance.journal.post", "Post and reverse journal entries", "Memposting dan membalik jurnal"),
    _p("finance.period.manage", "Close and reopen accounting periods",
       "Menutup dan membuka kembali periode akuntansi"),
    _p("finance.report.read", "See financial reports", "Melihat laporan keuangan"),
    _p("finance.invoice.read", "See customers and invoices", "Melihat pelanggan dan faktur"),
    _p("finance.invoice.manage", "Write, issue and void invoices", "Membuat, menerbitkan, dan membatalkan faktur"),
    _p("finance.payment.record", "Record payments received and made", "Mencatat pembayaran masuk dan keluar"),
    _p("finance.bill.read", "See suppliers and bills", "Melihat pemasok dan tagihan"),
    _p("finance.bill.manage", "Record suppliers and bills", "Mencatat pemasok dan tagihan"),
    _p("finance.expense.approve", "Approve or reject expense claims", "Menyetujui atau menolak klaim biaya"),
]

ROLE_TEMPLATES = [
    RoleTemplate(key="finance_manager", name=Text("Finance manager", "Manajer keuangan"),
                 description=Text("Everything in finance.", "Semua akses keuangan."),
                 permissions=tuple(p.key for p in PERMISSIONS)),
    RoleTemplate(key="accountant", name=Text("Accountant", "Akuntan"),
                 description=Text("Keeps the books; does not close periods.",
                                  "Mengelola pembukuan; tidak menutup periode."),
                 permissions=("finance.account.read", "finance.account.manage", "finance.journal.read",
                              "finance.journal.post", "finance.report.read", "finance.invoice.read",
                              "finance.invoice.manage", "finance.payment.record", "finance.bill.read",
                              "finance.bill.manage", "finance.expense.approve")),
    RoleTemplate(key="finance_assistant", name=Text("Finance assistant", "Asisten keuangan"),
                 description=Text("Records entries.", "Mencatat jurnal."),
                 permissions=("finance.account.read", "finance.journal.read", "finance.journal.post",
                              "finance.invoice.read", "finance.invoice.manage", "finance.payment.record",
                              "finance.bill.read", "finance.bill.manage")),
    RoleTemplate(key="analyst", name=Text("Financial analyst", "Analis keuangan"),
                 description=Text("Reads the books and reports.", "Membaca pembukuan dan laporan."),
                 permissions=("finance.account.read", "finance.journal.read", "finance.report.read",
                              "finance.invoice.read", "finance.bill.read")),
]
