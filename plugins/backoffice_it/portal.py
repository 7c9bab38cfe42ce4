"""What members ask IT for in the service portal: equipment, access to a system, help with a
problem. Accepting a request opens a helpdesk ticket for the requester (their own ticket, on
their "IT help" page), with the SLA of its priority."""

from __future__ import annotations

from backoffice.sdk import RequestType, ServiceRequestContext, Text, UiFormField, encode_id

from .helpdesk import services

HANDLE = "it.ticket.handle"

URGENCY = (("low", Text("Low: whenever convenient", "Rendah: kapan saja")),
           ("medium", Text("Medium: this week", "Sedang: minggu ini")),
           ("high", Text("High: it blocks my work", "Tinggi: menghambat pekerjaan saya")),
           ("urgent", Text("Urgent: many people are stopped", "Mendesak: banyak orang terhenti")))
IMPACT = (("single", Text("Only me", "Hanya saya")), ("team", Text("My team", "Tim saya")),
          ("company", Text("The whole company", "Seluruh perusahaan")))
ACCESS_LEVELS = (("read", Text("Read only", "Hanya baca")), ("write", Text("Read and write", "Baca dan tulis")),
                 ("admin", Text("Administrator", "Administrator")))


def _describe(lines: list[tuple[str, object]]) -> str:
    shown = [f"{label}: {value}" for label, value in lines if value not in (None, "")]
    return "\n".join([*shown, "(Asked through the service portal.)"])


async def _ticket(ctx: ServiceRequestContext, *, category: str, priority: str, impact: str,
                  description: str) -> str:
    pk = await services.open_ticket(subject=ctx.title, description=description, category=category,
                                    priority=priority, impact=impact, requester=ctx.requester_user_id,
                                    source_key=f"portal:{ctx.request_id}")
    return encode_id("Ticket", pk)


async def accept_equipment(ctx: ServiceRequestContext) -> str:
    v = ctx.values
    return await _ticket(ctx, category="equipment", priority="medium", impact="single", description=_describe(
        [("Item", v.get("item")), ("Why", v.get("reason")), ("Needed by", v.get("neededBy"))]))


async def accept_access(ctx: ServiceRequestContext) -> str:
    v = ctx.values
    return await _ticket(ctx, category="access", priority="medium", impact="single", description=_describe(
        [("System", v.get("system")), ("Access", v.get("level")), ("Why", v.get("reason"))]))


async def accept_problem(ctx: ServiceRequestContext) -> str:
    v = ctx.values
    return await _ticket(ctx, category="problem", priority=v.get("urgency") or "medium",
                         impact=v.get("impact") or "single",
                         description=_describe([("Problem", v.get("description"))]))


REQUEST_TYPES = [
    RequestType(
        key="it.equipment", label=Text("IT equipment", "Perangkat TI"),
        description=Text("A laptop, a monitor, a headset, a phone ...", "Laptop, monitor, headset, telepon ..."),
        fields=(UiFormField("item", Text("What do you need?", "Apa yang Anda perlukan?"), required=True),
                UiFormField("reason", Text("What is it for?", "Untuk apa?"), kind="textarea", required=True),
                UiFormField("neededBy", Text("Needed by", "Diperlukan sebelum"), kind="date")),
        handler_permission=HANDLE, accept=accept_equipment, response_hours=24, link="/me/tickets"),
    RequestType(
        key="it.access", label=Text("Access to a system", "Akses ke sistem"),
        description=Text("An account or more rights in an application, a shared drive or the VPN.",
                         "Akun atau hak tambahan di aplikasi, drive bersama, atau VPN."),
        fields=(UiFormField("system", Text("Which system?", "Sistem apa?"), required=True),
                UiFormField("level", Text("Access", "Akses"), kind="select", required=True, options=ACCESS_LEVELS),
                UiFormField("reason", Text("What is it for?", "Untuk apa?"), kind="textarea", required=True)),
        handler_permission=HANDLE, accept=accept_access, response_hours=8, link="/me/tickets"),
    RequestType(
        key="it.problem", label=Text("A problem with IT", "Masalah TI"),
        description=Text("Something does not work: a computer, an application, the network, a printer.",
                         "Ada yang tidak berfungsi: komputer, aplikasi, jaringan, printer."),
        fields=(UiFormField("description", Text("What happens?", "Apa yang terjadi?"), kind="textarea",
                            required=True),
                UiFormField("urgency", Text("How urgent?", "Seberapa mendesak?"), kind="select", required=True,
                            options=URGENCY),
                UiFormField("impact", Text("Who is affected?", "Siapa yang terdampak?"), kind="select",
                            options=IMPACT)),
        handler_permission=HANDLE, accept=accept_problem, response_hours=4, link="/me/tickets"),
]
