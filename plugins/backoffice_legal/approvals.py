"""What legal puts in the approvals inbox: contract reviews waiting for their reviewer.

Each reviewer a contract is sent to gets an item of their own, which the record names as its
decider: it waits for that reviewer (or whoever stands in for them while they are away) and for
nobody else, whatever the company's approval rules say. Deciding there does what
``reviewContract`` does: approving records the reviewer's agreement (the contract is approved
when every reviewer agreed); rejecting asks for changes with the reason, and the contract goes
back to draft."""

from __future__ import annotations

from decimal import Decimal

from backoffice.sdk import Approvable, ApprovalItem, NotFound, Text, decode_id, encode_id, get_locale

from .contracts import services
from .contracts.tables import Contract, ContractReview


async def pending_reviews() -> list[ApprovalItem]:
    contracts = {r["id"]: r for r in await Contract.select(
        Contract.id, Contract.title, Contract.counterparty, Contract.value, Contract.currency,
        Contract.owner_user_id, Contract.created_at).where(Contract.status == "in_review")}
    if not contracts:
        return []
    reviews = await ContractReview.select(ContractReview.id, ContractReview.contract_id,
                                          ContractReview.reviewer_user_id).where(
        ContractReview.contract_id.is_in(list(contracts)) & (ContractReview.decision == "pending")).order_by(
        ContractReview.id)
    with_ = "dengan" if get_locale() == "id" else "with"
    items = []
    for review in reviews:
        contract = contracts[review["contract_id"]]
        items.append(ApprovalItem(
            id=encode_id("ContractReview", review["id"]),
            title=f"{contract['title']} ({with_} {contract['counterparty']})",
            requester_user_id=contract["owner_user_id"], submitted_at=contract["created_at"],
            amount=Decimal(contract["value"]), currency=contract["currency"],
            link=f"/legal/contracts/{encode_id('Contract', contract['id'])}",
            decider_user_id=review["reviewer_user_id"]))
    return items


async def decide_review(record_id: str, approve: bool, reason: str, decided_by: int) -> None:
    review = await ContractReview.select(ContractReview.contract_id, ContractReview.reviewer_user_id).where(
        ContractReview.id == decode_id(record_id, "ContractReview")).first()
    if review is None:
        raise NotFound()
    # The review is the reviewer's, also when someone standing in for them decided it.
    await services.decide(review["contract_id"], review["reviewer_user_id"], approve, reason)


APPROVABLES = [
    Approvable(kind="legal.contract_review", label=Text("Contract review", "Peninjauan kontrak"),
               permission="legal.contract.manage", pending=pending_reviews, decide=decide_review),
]
