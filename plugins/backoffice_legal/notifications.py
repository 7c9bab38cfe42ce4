"""What legal tells people (``sdk.notify``) and which of its records take comments: a contract
near its notice deadline or its end (its owner and the legal team), a permit about to expire
(its responsible person and whoever keeps permits). Sent by the daily legal watch, once per
deadline, alongside the ``legal.deadline_due`` event."""

from __future__ import annotations

from datetime import date
from typing import Any

from backoffice.sdk import Commentable, NotificationKind, Text, encode_id, notify

from .compliance.tables import Permit
from .contracts.tables import Contract
from .matters.tables import Matter

KINDS = [
    NotificationKind("legal.contract_deadline", Text("A contract near its notice deadline or end",
                                                     "Kontrak mendekati batas pemberitahuan atau akhirnya"),
                     email_default=True),
    NotificationKind("legal.permit_expiring", Text("A permit about to expire", "Izin yang akan kedaluwarsa"),
                     email_default=True),
]


def _exists(table: Any) -> Any:
    async def exists(pk: int) -> bool:
        return await table.exists().where(table.id == pk)

    return exists


COMMENTABLES = [
    Commentable("Contract", "legal.contract.read", _exists(Contract), link="/legal/contracts/{id}"),
    Commentable("LegalMatter", "legal.matter.read", _exists(Matter), link="/legal/matters/{id}"),
    Commentable("Permit", "legal.permit.manage", _exists(Permit), link="/legal/compliance"),
]


async def contract_deadline(contract: dict[str, Any], kind: str, due: date) -> None:
    """``kind`` is ``contract_notice`` (the last day to give notice) or ``contract_expiry``."""
    title, day = contract["title"], due.isoformat()
    if kind == "contract_notice":
        text = (f"Notice for “{title}” is due by {day}", f"Pemberitahuan untuk “{title}” paling lambat {day}")
        body = ("Give notice by then, or the contract runs on under its renewal terms.",
                "Sampaikan pemberitahuan sebelum itu, atau kontrak berlanjut sesuai ketentuan perpanjangannya.")
    else:
        text = (f"“{title}” ends on {day}", f"“{title}” berakhir pada {day}")
        body = ("Renew it or let it end.", "Perpanjang atau biarkan berakhir.")
    await notify("legal.contract_deadline", title=text, body=body,
                 link=f"/legal/contracts/{encode_id('Contract', contract['id'])}",
                 users=[contract["owner_user_id"]], permission="legal.contract.manage")


async def permit_expiring(permit: dict[str, Any]) -> None:
    name, day = permit["name"], permit["expires_on"].isoformat()
    await notify("legal.permit_expiring",
                 title=(f"Permit “{name}” expires on {day}", f"Izin “{name}” kedaluwarsa pada {day}"),
                 body=("Start its renewal in time.", "Mulai perpanjangannya tepat waktu."),
                 link="/legal/compliance", users=[permit.get("responsible_user_id")],
                 permission="legal.permit.manage")
