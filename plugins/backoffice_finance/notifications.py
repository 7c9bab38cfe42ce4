"""What finance tells people (``sdk.notify``) and which of its records take comments: the
claimant hears when their expense claim is approved or rejected."""

from __future__ import annotations

from typing import Any

from backoffice.sdk import Commentable, NotificationKind, Text, notify

from .purchases.tables import Bill, ExpenseClaim
from .sales.tables import Invoice

KINDS = [
    NotificationKind("finance.expense_claim_decided", Text("My expense claim approved or rejected",
                                                           "Klaim biaya saya disetujui atau ditolak"),
                     email_default=True),
]


def _exists(table: Any) -> Any:
    async def exists(pk: int) -> bool:
        return await table.exists().where(table.id == pk)

    return exists


COMMENTABLES = [
    Commentable("Invoice", "finance.invoice.read", _exists(Invoice), link="/finance/invoices/{id}"),
    Commentable("Bill", "finance.bill.read", _exists(Bill), link="/finance/bills/{id}"),
    Commentable("ExpenseClaim", "finance.expense.approve", _exists(ExpenseClaim),
                link="/finance/expense-claims/{id}"),
]


async def expense_claim_decided(claim_id: int, decided_by: int | None) -> None:
    claim = await ExpenseClaim.select().where(ExpenseClaim.id == claim_id).first()
    what = claim["description"][:80]
    if claim["status"] == "approved":
        title = (f"Your expense claim “{what}” is approved", f"Klaim biaya Anda “{what}” disetujui")
    else:
        title = (f"Your expense claim “{what}” is rejected", f"Klaim biaya Anda “{what}” ditolak")
    note = claim["decision_note"]
    await notify("finance.expense_claim_decided", title=title, body=(note, note) if note else "",
                 link="/me/expenses", users=[claim["claimant_user_id"]], exclude=[decided_by])
