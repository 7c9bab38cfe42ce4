"""Policy rules: versions are append-only; an acknowledgement is of one version, once."""

from __future__ import annotations

from datetime import date
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, NotFound

from .tables import Policy, PolicyAcknowledgement, PolicyVersion


async def get_policy(pk: int) -> dict[str, Any]:
    row = await Policy.select().where(Policy.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def current_version(policy_id: int) -> dict[str, Any] | None:
    return await PolicyVersion.select().where(PolicyVersion.policy_id == policy_id).order_by(
        PolicyVersion.version, ascending=False).first()


async def create_policy(title: str, category: str, body: str, effective_from: date) -> int:
    if not title.strip():
        raise BadUserInput(("Enter the policy's title.", "Masukkan judul kebijakan."), field="title")
    result = await Policy.insert(Policy(title=title.strip()[:200], category=(category or "")[:64]))
    pk = result[0]["id"]
    await publish_version(pk, body, effective_from)
    return pk


async def publish_version(policy_id: int, body: str, effective_from: date) -> int:
    await get_policy(policy_id)
    if not body.strip():
        raise BadUserInput(("The policy text is empty.", "Teks kebijakan kosong."), field="body")
    latest = await current_version(policy_id)
    result = await PolicyVersion.insert(PolicyVersion(
        policy_id=policy_id, version=(latest["version"] + 1) if latest else 1, body=body,
        effective_from=effective_from))
    return result[0]["id"]


async def acknowledge(policy_id: int, employee_id: int) -> None:
    await get_policy(policy_id)
    version = await current_version(policy_id)
    if version is None:
        raise NotFound()
    if await PolicyAcknowledgement.exists().where(
            (PolicyAcknowledgement.version_id == version["id"])
            & (PolicyAcknowledgement.employee_id == employee_id)):
        raise Conflict(("You have already acknowledged this version.",
                        "Anda sudah menyetujui versi ini."))
    await PolicyAcknowledgement.insert(PolicyAcknowledgement(version_id=version["id"],
                                                             employee_id=employee_id))
