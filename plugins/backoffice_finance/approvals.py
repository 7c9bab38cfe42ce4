"""What finance puts in the approvals inbox: submitted expense claims, with their amount.

Deciding there does what ``approveExpenseClaim``/``rejectExpenseClaim`` do: an approved claim is
posted to the ledger (expense against reimbursements payable), a rejected one keeps its reason.
Bills are posted when recorded and wait for nobody's approval. Finance does not know the
claimant's manager: for a "manager" step the inbox asks the module that does (HR, when enabled)
and otherwise hands the step to the claims' approvers."""

from __future__ import annotations

from decimal import Decimal

from backoffice.sdk import Approvable, ApprovalItem, Text, decode_id, encode_id

from .purchases import services
from .purchases.tables import ExpenseClaim


async def pending_claims() -> list[ApprovalItem]:
    rows = await ExpenseClaim.select(
        ExpenseClaim.id, ExpenseClaim.claimant_user_id, ExpenseClaim.description,
        ExpenseClaim.expense_date, ExpenseClaim.amount, ExpenseClaim.submitted_at,
    ).where(ExpenseClaim.status == "submitted").order_by(ExpenseClaim.id)
    items = []
    for r in rows:
        gid = encode_id("ExpenseClaim", r["id"])
        items.append(ApprovalItem(
            id=gid, title=f"{r['description'][:200]} ({r['expense_date'].isoformat()})",
            requester_user_id=r["claimant_user_id"], submitted_at=r["submitted_at"],
            amount=Decimal(r["amount"]), currency="IDR", link=f"/finance/expense-claims/{gid}"))
    return items


async def decide_claim(record_id: str, approve: bool, reason: str, decided_by: int) -> None:
    await services.decide_claim(decode_id(record_id, "ExpenseClaim"), approve=approve,
                                user_id=decided_by, note=reason)


APPROVABLES = [
    Approvable(kind="finance.expense_claim", label=Text("Expense claim", "Klaim biaya"),
               permission="finance.expense.approve", pending=pending_claims, decide=decide_claim),
]
