"""Contract rules. Who sees a contract: legal roles, its owner and its reviewers, nobody else
(not even its existence). The workflow: draft → in review → approved (every reviewer agreed) or
back to draft (a reviewer asked for changes) → signed → active → expired or terminated."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, Forbidden, NotFound, checked_upload, encode_id, publish, safe_filename

from .. import notifications
from .tables import Contract, ContractReview, ContractVersion

KINDS = ("sales", "purchase", "employment", "nda", "lease", "service", "other")
REMIND_DAYS = 30


async def visible_ids(user_id: int | None) -> list[int]:
    """Contracts a member without legal roles may see: those they own or review."""
    if user_id is None:
        return []
    owned = [r["id"] for r in await Contract.select(Contract.id).where(Contract.owner_user_id == user_id)]
    reviewing = [r["contract_id"] for r in await ContractReview.select(ContractReview.contract_id).where(
        ContractReview.reviewer_user_id == user_id)]
    return sorted(set(owned) | set(reviewing))


async def get(pk: int, *, user_id: int | None, legal: bool) -> dict[str, Any]:
    row = await Contract.select().where(Contract.id == pk).first()
    if row is None or not (legal or pk in await visible_ids(user_id)):
        raise NotFound()
    return row


async def create(data: dict[str, Any]) -> int:
    if not str(data.get("title", "")).strip() or not str(data.get("counterparty", "")).strip():
        raise BadUserInput(("Give the contract a title and a counterparty.",
                            "Beri kontrak judul dan pihak lawan."), field="title")
    if data.get("kind") not in KINDS:
        raise BadUserInput((f"Choose one of: {', '.join(KINDS)}.", f"Pilih salah satu: {', '.join(KINDS)}."), field="kind")
    if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
        raise BadUserInput(("It ends before it starts.", "Berakhir sebelum dimulai."), field="endDate")
    result = await Contract.insert(Contract(**data))
    return result[0]["id"]


async def add_version(pk: int, name: str, content_base64: str, user_id: int | None) -> int:
    contract = await Contract.select().where(Contract.id == pk).first()
    if contract is None:
        raise NotFound()
    if contract["status"] in ("signed", "active", "expired", "terminated"):
        raise Conflict(("A signed contract's document cannot change.", "Dokumen kontrak yang ditandatangani tidak dapat diubah."))
    content, content_type = checked_upload(content_base64)
    last = await ContractVersion.select(ContractVersion.version).where(ContractVersion.contract_id == pk).order_by(
        ContractVersion.version, ascending=False).first()
    result = await ContractVersion.insert(ContractVersion(contract_id=pk, version=(last["version"] + 1) if last else 1,
                                                          name=safe_filename(name, "contract"), content_type=content_type,
                                                          content=content, uploaded_by=user_id))
    return result[0]["id"]


async def request_review(pk: int, reviewers: list[int]) -> None:
    contract = await Contract.select().where(Contract.id == pk).first()
    if contract is None:
        raise NotFound()
    if contract["status"] != "draft":
        raise Conflict(("Only a draft goes to review.", "Hanya draf yang dapat ditinjau."))
    if not reviewers:
        raise BadUserInput(("Name at least one reviewer.", "Sebutkan minimal satu peninjau."), field="reviewerIds")
    await ContractReview.delete().where(ContractReview.contract_id == pk)
    await ContractReview.insert(*[ContractReview(contract_id=pk, reviewer_user_id=r) for r in sorted(set(reviewers))])
    await Contract.update({Contract.status: "in_review"}).where(Contract.id == pk)


async def decide(pk: int, user_id: int | None, approve: bool, comment: str) -> None:
    review = await ContractReview.select().where((ContractReview.contract_id == pk)
                                                 & (ContractReview.reviewer_user_id == (user_id or 0))).first()
    if review is None:
        raise Forbidden()
    contract = await Contract.select().where(Contract.id == pk).first()
    if contract["status"] != "in_review" or review["decision"] != "pending":
        raise Conflict(("There is nothing for you to decide here.", "Tidak ada yang perlu Anda putuskan di sini."))
    if not approve and not comment.strip():
        raise BadUserInput(("Say what must change.", "Sebutkan apa yang harus diubah."), field="comment")
    await ContractReview.update({ContractReview.decision: "approved" if approve else "changes",
                                 ContractReview.comment: comment, ContractReview.decided_at: datetime.now(UTC)}).where(
        ContractReview.id == review["id"])
    if not approve:
        await Contract.update({Contract.status: "draft"}).where(Contract.id == pk)
    elif not await ContractReview.exists().where((ContractReview.contract_id == pk) & (ContractReview.decision != "approved")):
        await Contract.update({Contract.status: "approved"}).where(Contract.id == pk)


async def move(pk: int, status: str) -> None:
    contract = await Contract.select().where(Contract.id == pk).first()
    if contract is None:
        raise NotFound()
    allowed = {"approved": {"signed"}, "signed": {"active", "terminated"}, "active": {"terminated", "expired"}}
    if status not in allowed.get(contract["status"], set()):
        raise Conflict((f"A {contract['status']} contract cannot become {status}.",
                        f"Kontrak {contract['status']} tidak dapat menjadi {status}."), field="status")
    await Contract.update({Contract.status: status}).where(Contract.id == pk)


async def remind_and_expire(today: date | None = None) -> tuple[int, int]:
    """Publish ``legal.deadline_due`` once before each contract's notice deadline (or end), and
    expire active contracts past their end. Returns ``(announced, expired)``."""
    today = today or date.today()
    announced = 0
    for c in await Contract.select().where(Contract.status.is_in(["signed", "active"]) & Contract.end_date.is_not_null()):
        notice = c["end_date"] - timedelta(days=c["notice_days"] or 0)
        if today <= notice <= today + timedelta(days=REMIND_DAYS) and c["reminded_for"] != notice:
            await publish("legal.deadline_due", {"kind": "contract_notice", "id": encode_id("Contract", c["id"]),
                                                 "title": c["title"], "due": notice.isoformat()})
            await Contract.update({Contract.reminded_for: notice}).where(Contract.id == c["id"])
            await notifications.contract_deadline(c, "contract_notice", notice)
            announced += 1
        end = c["end_date"]
        if today <= end <= today + timedelta(days=REMIND_DAYS) and c["expiry_reminded_for"] != end:
            await publish("legal.deadline_due", {"kind": "contract_expiry", "id": encode_id("Contract", c["id"]),
                                                 "title": c["title"], "due": end.isoformat()})
            await Contract.update({Contract.expiry_reminded_for: end}).where(Contract.id == c["id"])
            await notifications.contract_deadline(c, "contract_expiry", end)
            announced += 1
    expired = await Contract.select(Contract.id).where((Contract.status == "active") & (Contract.end_date < today))
    if expired:
        await Contract.update({Contract.status: "expired"}).where(Contract.id.is_in([r["id"] for r in expired]))
    return announced, len(expired)
