"""GraphQL of the knowledge base."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from backoffice import sdk

from .tables import Article as ArticleTable
from .tables import TicketArticle


@strawberry.type
class Article:
    id: strawberry.ID
    title: str
    body: str
    published: bool
    updated_at: datetime

    @classmethod
    def of(cls, r: dict[str, Any]) -> Article:
        return cls(id=sdk.encode_id("Article", r["id"]), title=r["title"], body=r["body"], published=r["published"],
                   updated_at=r["updated_at"])


@strawberry.input
class ArticleInput:
    title: str
    body: str
    published: bool = True


@strawberry.input
class LinkArticleInput:
    ticket_id: strawberry.ID
    article_id: strawberry.ID


@strawberry.type
class ArticlePayload(sdk.Payload):
    article: Article | None = None


@strawberry.type
class KnowledgeQuery:
    @sdk.field(self_service=True, description="Published articles, searched in title and text.")
    async def articles(self, first: int | None = 20, after: str | None = None,
                       search: str | None = None) -> sdk.Connection[Article]:
        where = sdk.all_of(ArticleTable.published == True,  # noqa: E712
                           (ArticleTable.title.ilike(f"%{search}%") | ArticleTable.body.ilike(f"%{search}%"))
                           if search else None)
        return await sdk.paginate(ArticleTable, node=Article.of, first=first, after=after, where=where,
                                  order_by=ArticleTable.title)


@strawberry.type
class KnowledgeMutation:
    @sdk.mutation("it.article.manage")
    async def create_article(self, input: ArticleInput) -> ArticlePayload:
        if not input.title.strip() or not input.body.strip():
            raise sdk.BadUserInput(("An article needs a title and text.", "Artikel membutuhkan judul dan isi."),
                                   field="title")
        result = await ArticleTable.insert(ArticleTable(title=input.title.strip()[:200], body=input.body,
                                                        published=input.published))
        row = await ArticleTable.select().where(ArticleTable.id == result[0]["id"]).first()
        return ArticlePayload(article=Article.of(row))

    @sdk.mutation("it.ticket.handle", description="Point a ticket's requester to an article.")
    async def link_article_to_ticket(self, input: LinkArticleInput) -> ArticlePayload:
        from ..helpdesk.services import get

        ticket_id = sdk.decode_id(input.ticket_id, "Ticket")
        article_id = sdk.decode_id(input.article_id, "Article")
        await get(ticket_id)
        row = await ArticleTable.select().where(ArticleTable.id == article_id).first()
        if row is None:
            raise sdk.NotFound()
        if not await TicketArticle.exists().where((TicketArticle.ticket_id == ticket_id)
                                                  & (TicketArticle.article_id == article_id)):
            await TicketArticle.insert(TicketArticle(ticket_id=ticket_id, article_id=article_id))
        return ArticlePayload(article=Article.of(row))
