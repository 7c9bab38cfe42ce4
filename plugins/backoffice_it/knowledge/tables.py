from piccolo.columns import BigInt, Boolean, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class Article(TenantTable, tablename="it_articles"):
    title = Varchar(length=200)
    body = Text()
    published = Boolean(default=True)
    updated_at = Timestamptz(default=TimestamptzNow())


class TicketArticle(TenantTable, tablename="it_ticket_articles"):
    ticket_id = BigInt()
    article_id = BigInt()
