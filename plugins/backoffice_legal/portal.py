"""What members ask legal for in the service portal: a contract reviewed, or advice. Accepting
a request opens an advice request for the requester (``myAdviceRequests``), which the legal team
answers in its matters."""

from __future__ import annotations

from backoffice.sdk import RequestType, ServiceRequestContext, Text, UiFormField, encode_id

from .matters.tables import Matter

HANDLE = "legal.matter.manage"


def _description(lines: list[tuple[str, object]]) -> str:
    return "\n".join(f"{label}: {value}" for label, value in lines if value not in (None, ""))


async def _advice(ctx: ServiceRequestContext, title: str, description: str, counterparty: str = "") -> str:
    rows = await Matter.insert(Matter(title=title[:200], kind="advice", counterparty=counterparty[:200],
                                      description=description, deadline=ctx.values.get("deadline"),
                                      requester_user_id=ctx.requester_user_id)).returning(Matter.id)
    return encode_id("LegalMatter", rows[0]["id"])


async def accept_contract_review(ctx: ServiceRequestContext) -> str:
    v = ctx.values
    return await _advice(ctx, f"Contract review: {ctx.title}", _description([
        ("Counterparty", v.get("counterparty")), ("Value", v.get("value")), ("What to look at", v.get("summary"))]),
        counterparty=v.get("counterparty") or "")


async def accept_advice(ctx: ServiceRequestContext) -> str:
    return await _advice(ctx, ctx.title, _description([("Question", ctx.values.get("question"))]))


REQUEST_TYPES = [
    RequestType(
        key="legal.contract_review", label=Text("Contract review", "Peninjauan kontrak"),
        description=Text("Legal reads a contract before you sign it.",
                         "Tim hukum membaca kontrak sebelum Anda menandatanganinya."),
        fields=(UiFormField("counterparty", Text("With whom?", "Dengan siapa?"), required=True),
                UiFormField("value", Text("Contract value", "Nilai kontrak"), kind="money"),
                UiFormField("deadline", Text("To sign by", "Ditandatangani sebelum"), kind="date"),
                UiFormField("summary", Text("What should legal look at?", "Apa yang perlu diperiksa tim hukum?"),
                            kind="textarea", required=True)),
        handler_permission=HANDLE, accept=accept_contract_review, response_hours=48, link="/me/legal"),
    RequestType(
        key="legal.advice", label=Text("Legal advice", "Nasihat hukum"),
        description=Text("A question about a law, a permit, a dispute or your rights.",
                         "Pertanyaan tentang hukum, izin, sengketa, atau hak Anda."),
        fields=(UiFormField("question", Text("Your question", "Pertanyaan Anda"), kind="textarea", required=True),
                UiFormField("deadline", Text("Answer needed by", "Jawaban diperlukan sebelum"), kind="date")),
        handler_permission=HANDLE, accept=accept_advice, response_hours=48, link="/me/legal"),
]
