"""What IT holds about one person (UU PDP): devices and licences assigned to them and their
helpdesk tickets, for their export; and what anonymising a former employee removes here.

Asset assignments stay (who had which device is the company's record of its equipment, and
the user id behind it no longer names anyone in the company); licence seats are freed; the
text of tickets loses the person's name, and the tickets they raised lose their description,
messages and attachments.
"""

from __future__ import annotations


from backoffice.sdk import PersonalDataFile, PersonalDataSection, Text, encode_id, replace_names

from .assets.tables import Asset, AssetAssignment, License, LicenseSeat
from .helpdesk.tables import Ticket, TicketAttachment, TicketMessage


async def export(user_id: int | None) -> list[PersonalDataSection]:
    if user_id is None:
        return []
    assignments = await AssetAssignment.select().where(AssetAssignment.user_id == user_id).order_by(
        AssetAssignment.id)
    assets = {r["id"]: r for r in await Asset.select().where(
        Asset.id.is_in([a["asset_id"] for a in assignments] or [0]) | (Asset.assigned_user_id == user_id))}
    seats = await LicenseSeat.select().where(LicenseSeat.user_id == user_id).order_by(LicenseSeat.id)
    licenses = {r["id"]: r for r in await License.select().where(
        License.id.is_in([s["license_id"] for s in seats] or [0]))}
    tickets = await Ticket.select().where(Ticket.requester_user_id == user_id).order_by(Ticket.id)
    ids = [t["id"] for t in tickets] or [0]
    messages = await TicketMessage.select().where(
        TicketMessage.ticket_id.is_in(ids) & (TicketMessage.internal == False)).order_by(TicketMessage.id)  # noqa: E712
    attachments = await TicketAttachment.select().where(TicketAttachment.ticket_id.is_in(ids))
    return [
        PersonalDataSection("it.assets", Text("Devices assigned to you", "Perangkat yang diserahkan kepada Anda"), rows=tuple(
            {"tag": assets[a["asset_id"]]["tag"], "kind": assets[a["asset_id"]]["kind"],
             "name": assets[a["asset_id"]]["name"], "serial_number": assets[a["asset_id"]]["serial_number"],
             "assigned_at": a["assigned_at"], "returned_at": a["returned_at"]}
            for a in assignments if a["asset_id"] in assets)),
        PersonalDataSection("it.licenses", Text("Software licences assigned to you", "Lisensi perangkat lunak Anda"), rows=tuple(
            {"product": licenses[s["license_id"]]["product"], "vendor": licenses[s["license_id"]]["vendor"],
             "assigned_at": s["assigned_at"]} for s in seats if s["license_id"] in licenses)),
        PersonalDataSection("it.tickets", Text("Your helpdesk tickets", "Tiket helpdesk Anda"), rows=tuple(
            {"number": t["number"], "subject": t["subject"], "description": t["description"],
             "category": t["category"], "status": t["status"], "created_at": t["created_at"],
             "resolved_at": t["resolved_at"], "satisfaction": t["satisfaction"],
             "messages": [{"at": m["created_at"], "body": m["body"]} for m in messages
                          if m["ticket_id"] == t["id"]]} for t in tickets),
            files=tuple(PersonalDataFile(a["name"], a["content_type"], bytes(a["content"])) for a in attachments)),
    ]


async def anonymise(user_id: int | None, label: str, names: list[str]) -> list[str]:
    changed: list[str] = []
    if user_id is not None:
        await LicenseSeat.delete().where(LicenseSeat.user_id == user_id)
        own = [r["id"] for r in await Ticket.select(Ticket.id).where(Ticket.requester_user_id == user_id)]
        if own:
            await Ticket.update({Ticket.description: ""}).where(Ticket.id.is_in(own))
            attachments = await TicketAttachment.select(TicketAttachment.id).where(TicketAttachment.ticket_id.is_in(own))
            await TicketAttachment.delete().where(TicketAttachment.ticket_id.is_in(own))
            changed += [encode_id("TicketAttachment", r["id"]) for r in attachments]
        written = [r["id"] for r in await TicketMessage.select(TicketMessage.id).where(
            TicketMessage.author_user_id == user_id)]
        if written:
            await TicketMessage.update({TicketMessage.body: ""}).where(TicketMessage.id.is_in(written))
        changed += [encode_id("Ticket", i) for i in own] + [encode_id("TicketMessage", i) for i in written]
    # Tickets that name the person (an onboarding or offboarding ticket opened from HR's events).
    for name in names:
        pattern = f"%{name}%"
        for t in await Ticket.select(Ticket.id, Ticket.subject, Ticket.description).where(
                Ticket.subject.ilike(pattern) | Ticket.description.ilike(pattern)):
            await Ticket.update({Ticket.subject: replace_names(t["subject"], names, label)[:300],
                                 Ticket.description: replace_names(t["description"], names, label)}).where(
                Ticket.id == t["id"])
            changed.append(encode_id("Ticket", t["id"]))
        for m in await TicketMessage.select(TicketMessage.id, TicketMessage.body).where(TicketMessage.body.ilike(pattern)):
            await TicketMessage.update({TicketMessage.body: replace_names(m["body"], names, label)}).where(
                TicketMessage.id == m["id"])
            changed.append(encode_id("TicketMessage", m["id"]))
    return changed
