"""GraphQL of legal matters and advice requests. A member sees only their own advice requests;
legal roles see everything."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry

from backoffice import sdk

from .tables import Matter as MatterTable

READ = "legal.matter.read"
MANAGE = "legal.matter.manage"


@strawberry.type
class LegalMatter:
    id: strawberry.ID
    title: str
    kind: str
    counterparty: str
    counsel: str
    description: str
    status: str
    deadline: date | None
    answer: str
    created_at: datetime

    @classmethod
    def of(cls, r: dict[str, Any]) -> LegalMatter:
        return cls(id=sdk.encode_id("LegalMatter", r["id"]), title=r["title"], kind=r["kind"],
                   counterparty=r["counterparty"], counsel=r["counsel"], description=r["description"],
                   status=r["status"], deadline=r["deadline"], answer=r["answer"], created_at=r["created_at"])


@strawberry.input
class MatterInput:
    title: str
    kind: str = "dispute"
    counterparty: str = ""
    counsel: str = ""
    description: str = ""
    deadline: date | None = None


@strawberry.input
class AdviceRequestInput:
    title: str
    description: str


@strawberry.input
class AnswerAdviceInput:
    id: strawberry.ID
    answer: str


@strawberry.type
class MatterPayload(sdk.Payload):
    matter: LegalMatter | None = None


async def _get(pk: int) -> dict[str, Any]:
    row = await MatterTable.select().where(MatterTable.id == pk).first()
    if row is None:
        raise sdk.NotFound()
    return row


@strawberry.type
class MatterQuery:
    @sdk.field(READ)
    async def legal_matters(self, first: int | None = 20, after: str | None = None, kind: str | None = None,
                            status: str | None = None) -> sdk.Connection[LegalMatter]:
        where = sdk.all_of(MatterTable.kind == kind if kind else None, MatterTable.status == status if status else None)
        return await sdk.paginate(MatterTable, node=LegalMatter.of, first=first, after=after, where=where, descending=True)

    @sdk.field(self_service=True, description="Your own advice requests and their answers.")
    async def my_advice_requests(self, info: sdk.Info) -> list[LegalMatter]:
        rows = await MatterTable.select().where((MatterTable.kind == "advice")
                                                & (MatterTable.requester_user_id == (info.context.actor.user_id or 0)))
        return [LegalMatter.of(r) for r in rows]


@strawberry.type
class MatterMutation:
    @sdk.mutation(MANAGE)
    async def create_legal_matter(self, input: MatterInput) -> MatterPayload:
        if not input.title.strip() or input.kind not in ("dispute", "case", "advice"):
            raise sdk.BadUserInput(("Give a title and a kind: dispute, case or advice.",
                                    "Beri judul dan jenis: dispute, case, atau advice."), field="title")
        result = await MatterTable.insert(MatterTable(title=input.title.strip()[:200], kind=input.kind,
                                                      counterparty=input.counterparty, counsel=input.counsel,
                                                      description=input.description, deadline=input.deadline))
        return MatterPayload(matter=LegalMatter.of(await _get(result[0]["id"])))

    @sdk.mutation(self_service=True, description="Ask the legal team for advice.")
    async def request_legal_advice(self, info: sdk.Info, input: AdviceRequestInput) -> MatterPayload:
        if not input.title.strip():
            raise sdk.BadUserInput(("Say what you need advice on.", "Sebutkan hal yang perlu dinasihati."), field="title")
        result = await MatterTable.insert(MatterTable(title=input.title.strip()[:200], kind="advice",
                                                      description=input.description,
                                                      requester_user_id=info.context.actor.user_id))
        return MatterPayload(matter=LegalMatter.of(await _get(result[0]["id"])))

    @sdk.mutation(MANAGE, description="Answer an advice request; it closes.")
    async def answer_legal_advice(self, input: AnswerAdviceInput) -> MatterPayload:
        pk = sdk.decode_id(input.id, "LegalMatter")
        row = await _get(pk)
        if row["kind"] != "advice":
            raise sdk.Conflict(("This is not an advice request.", "Ini bukan permintaan nasihat."))
        await MatterTable.update({MatterTable.answer: input.answer, MatterTable.status: "closed"}).where(MatterTable.id == pk)
        return MatterPayload(matter=LegalMatter.of(await _get(pk)))
