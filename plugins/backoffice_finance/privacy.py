"""What finance holds about one person (UU PDP): their expense claims with the receipts, for
their export; and what anonymising a former employee removes here.

A claim is bookkeeping: its date, amount, account, description (the ledger entry's memo) and
receipt are the evidence behind journal entries, kept 10 years under KUP, so they stay. The
approver's note about the claim goes. Journal entries and their amounts are never touched.
"""

from __future__ import annotations

from backoffice.sdk import PersonalDataFile, PersonalDataSection, Text, encode_id

from .purchases.tables import ExpenseClaim


async def export(user_id: int | None) -> list[PersonalDataSection]:
    if user_id is None:
        return []
    claims = await ExpenseClaim.select().where(ExpenseClaim.claimant_user_id == user_id).order_by(ExpenseClaim.id)
    return [PersonalDataSection(
        "finance.expense_claims", Text("Your expense claims", "Klaim biaya Anda"), rows=tuple(
            {"description": c["description"], "expense_date": c["expense_date"], "amount": c["amount"],
             "status": c["status"], "decision_note": c["decision_note"], "submitted_at": c["submitted_at"],
             "receipt": c["receipt_name"]} for c in claims),
        files=tuple(PersonalDataFile(c["receipt_name"] or f"receipt-{c['id']}", c["receipt_type"],
                                     bytes(c["receipt"])) for c in claims if c["receipt"] is not None))]


async def anonymise(user_id: int | None) -> list[str]:
    if user_id is None:
        return []
    claims = [r["id"] for r in await ExpenseClaim.select(ExpenseClaim.id).where(
        ExpenseClaim.claimant_user_id == user_id)]
    if claims:
        await ExpenseClaim.update({ExpenseClaim.decision_note: ""}).where(ExpenseClaim.id.is_in(claims))
    return [encode_id("ExpenseClaim", i) for i in claims]
