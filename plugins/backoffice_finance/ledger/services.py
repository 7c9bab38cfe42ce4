"""Ledger rules. An entry always balances in the base currency, posts only into an open
month, is never edited (only reversed), gets a gap-free number per year, and an idempotency
key makes a retried post return the first result instead of posting twice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, NotFound

from .tables import Account, EntryCounter, ExchangeRate, FinanceSetting, JournalEntry, JournalLine, Period

KINDS = ("asset", "liability", "equity", "income", "expense")
CENT = Decimal("0.01")
ZERO = Decimal(0)


def money(value: Decimal) -> Decimal:
    """Rounded to the cent, half up, as accountants expect (IDR amounts are whole anyway)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def _pg() -> bool:
    return JournalEntry._meta.db.engine_type == "postgres"


@dataclass
class Line:
    account_id: int
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    description: str = ""


async def base_currency() -> str:
    row = await FinanceSetting.select(FinanceSetting.value).where(FinanceSetting.key == "base_currency").first()
    return row["value"] if row else "IDR"


async def get_account(pk: int) -> dict[str, Any]:
    row = await Account.select().where(Account.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def account_by_code(code: str) -> dict[str, Any]:
    row = await Account.select().where(Account.code == code).first()
    if row is None:
        raise BadUserInput((f"There is no account {code}.", f"Tidak ada akun {code}."), field="accountCode")
    return row


async def create_account(code: str, name: str, name_id: str, kind: str, parent_id: int | None) -> int:
    code = code.strip()
    if not code or not name.strip():
        raise BadUserInput(("Give the account a code and a name.", "Beri akun kode dan nama."), field="code")
    if kind not in KINDS:
        raise BadUserInput((f"Choose one of: {', '.join(KINDS)}.", f"Pilih salah satu: {', '.join(KINDS)}."),
                           field="kind")
    if await Account.exists().where(Account.code == code):
        raise Conflict((f"Account code {code} is taken.", f"Kode akun {code} sudah dipakai."), field="code")
    if parent_id is not None:
        parent = await get_account(parent_id)
        if parent["kind"] != kind:
            raise BadUserInput(("A sub-account has the kind of its parent.",
                                "Sub-akun memiliki jenis yang sama dengan induknya."), field="parentId")
    result = await Account.insert(Account(code=code, name=name.strip()[:200], name_id=(name_id or "").strip()[:200],
                                          kind=kind, parent_id=parent_id))
    return result[0]["id"]


async def rate_on(currency: str, day: date) -> Decimal:
    if currency == await base_currency():
        return Decimal(1)
    row = await ExchangeRate.select(ExchangeRate.rate).where(
        (ExchangeRate.currency == currency) & (ExchangeRate.valid_from <= day)).order_by(
        ExchangeRate.valid_from, ascending=False).first()
    if row is None:
        raise BadUserInput((f"There is no {currency} rate on or before {day}.",
                            f"Tidak ada kurs {currency} pada atau sebelum {day}."), field="currency")
    return Decimal(row["rate"])


async def set_rate(currency: str, valid_from: date, rate: Decimal) -> None:
    currency = currency.strip().upper()
    if len(currency) != 3 or rate <= 0:
        raise BadUserInput(("Give a three-letter currency and a positive rate.",
                            "Beri kode mata uang tiga huruf dan kurs positif."), field="rate")
    where = (ExchangeRate.currency == currency) & (ExchangeRate.valid_from == valid_from)
    if await ExchangeRate.exists().where(where):
        await ExchangeRate.update({ExchangeRate.rate: rate}).where(where)
    else:
        await ExchangeRate.insert(ExchangeRate(currency=currency, valid_from=valid_from, rate=rate))


async def is_closed(day: date) -> bool:
    return await Period.exists().where((Period.year == day.year) & (Period.month == day.month))


async def close_period(year: int, month: int, user_id: int | None) -> None:
    if not 1 <= month <= 12:
        raise BadUserInput(("A month is 1 to 12.", "Bulan adalah 1 sampai 12."), field="month")
    if await is_closed(date(year, month, 1)):
        raise Conflict(("This month is already closed.", "Bulan ini sudah ditutup."))
    await Period.insert(Period(year=year, month=month, closed_by=user_id))


async def reopen_period(year: int, month: int) -> None:
    where = (Period.year == year) & (Period.month == month)
    if not await Period.exists().where(where):
        raise Conflict(("This month is open.", "Bulan ini masih terbuka."))
    await Period.delete().where(where)


async def _lock_counter(year: int) -> int:
    """The year's last entry number, with the counter row locked until the posting
    transaction ends: numbers never gap (a rolled-back post gives its number back), never
    repeat, and two posts with one idempotency key queue here, so the second sees the first."""
    where = EntryCounter.year == year
    if _pg():
        await EntryCounter.raw("INSERT INTO finance_entry_counters (tenant_id, year, last) "
                               "VALUES ({}, {}, 0) ON CONFLICT DO NOTHING", _tenant(), year)
        rows = await EntryCounter.select(EntryCounter.last).where(where).lock_rows("UPDATE")
        return rows[0]["last"]
    row = await EntryCounter.select(EntryCounter.last).where(where).first()
    if row is None:
        await EntryCounter.insert(EntryCounter(year=year, last=0))
        return 0
    return row["last"]


def _tenant() -> int:
    from backoffice.sdk import current_tenant_id  # noqa: PLC0415

    return current_tenant_id()


async def entry_by_key(key: str) -> dict[str, Any] | None:
    return await JournalEntry.select().where(JournalEntry.idempotency_key == key).first()


async def post(*, entry_date: date, memo: str, lines: list[Line], currency: str | None = None,
               idempotency_key: str | None = None, source: str = "manual",
               user_id: int | None = None, reversal_of: int | None = None) -> tuple[int, bool]:
    """Post an entry. Returns ``(entry id, created)``; with a key seen before, the first
    entry and ``False``."""
    if idempotency_key:
        existing = await entry_by_key(idempotency_key)
        if existing is not None:
            return existing["id"], False
    if len(lines) < 2:
        raise BadUserInput(("An entry needs at least two lines.", "Jurnal membutuhkan minimal dua baris."),
                           field="lines")
    if await is_closed(entry_date):
        raise Conflict((f"{entry_date:%B %Y} is closed.", f"Periode {entry_date:%m/%Y} sudah ditutup."),
                       field="entryDate")
    currency = (currency or await base_currency()).upper()
    rate = await rate_on(currency, entry_date)
    accounts = {a["id"]: a for a in await Account.select().where(
        Account.id.is_in(list({line.account_id for line in lines})))}
    rows: list[JournalLine] = []
    total_debit = total_credit = ZERO
    for i, line in enumerate(lines):
        debit, credit = money(line.debit), money(line.credit)
        if line.account_id not in accounts:
            raise NotFound()
        if not accounts[line.account_id]["active"]:
            raise BadUserInput(("This account is closed.", "Akun ini sudah ditutup."), field=f"lines.{i}.accountId")
        if debit < 0 or credit < 0 or (debit == 0) == (credit == 0):
            raise BadUserInput(("Each line has either a debit or a credit, not negative.",
                                "Setiap baris berisi debit atau kredit, tidak negatif."), field=f"lines.{i}")
        rows.append(JournalLine(account_id=line.account_id, description=line.description, debit=debit,
                                credit=credit, base_debit=money(debit * rate), base_credit=money(credit * rate),
                                entry_date=entry_date))
        total_debit += rows[-1].base_debit
        total_credit += rows[-1].base_credit
    if sum((r.debit for r in rows), ZERO) != sum((r.credit for r in rows), ZERO):
        raise BadUserInput(("Debits and credits must be equal.", "Total debit dan kredit harus sama."),
                           field="lines")
    last = await _lock_counter(entry_date.year)
    if idempotency_key:
        existing = await entry_by_key(idempotency_key)
        if existing is not None:
            return existing["id"], False
    if total_debit != total_credit:
        # Rounding after conversion may leave a cent: it goes on the largest line.
        largest = max(rows, key=lambda r: r.base_debit + r.base_credit)
        gap = total_debit - total_credit
        if largest.base_debit:
            largest.base_debit -= gap
        else:
            largest.base_credit += gap
    await EntryCounter.update({EntryCounter.last: last + 1}).where(EntryCounter.year == entry_date.year)
    number = f"JE-{entry_date.year}-{last + 1:06d}"
    result = await JournalEntry.insert(JournalEntry(
        number=number, entry_date=entry_date, memo=memo or "", currency=currency, exchange_rate=rate,
        source=source, idempotency_key=idempotency_key, posted_by=user_id, reversal_of=reversal_of))
    entry_id = result[0]["id"]
    for r in rows:
        r.entry_id = entry_id
    await JournalLine.insert(*rows)
    return entry_id, True


async def get_entry(pk: int) -> dict[str, Any]:
    row = await JournalEntry.select().where(JournalEntry.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def reverse(pk: int, on: date, user_id: int | None) -> int:
    entry = await get_entry(pk)
    if entry["reversed_by"] is not None or entry["reversal_of"] is not None:
        raise Conflict(("This entry is already reversed, or is itself a reversal.",
                        "Jurnal ini sudah dibalik, atau merupakan jurnal pembalik."))
    lines = await JournalLine.select().where(JournalLine.entry_id == pk)
    new_id, _ = await post(entry_date=on, memo=f"Reversal of {entry['number']}", currency=entry["currency"],
                           lines=[Line(account_id=r["account_id"], debit=Decimal(r["credit"]),
                                       credit=Decimal(r["debit"]), description=r["description"]) for r in lines],
                           source="reversal", user_id=user_id, reversal_of=pk)
    await JournalEntry.update({JournalEntry.reversed_by: new_id}).where(JournalEntry.id == pk)
    return new_id


async def trial_balance(until: date) -> list[dict[str, Any]]:
    lines = await JournalLine.select(JournalLine.account_id, JournalLine.base_debit, JournalLine.base_credit).where(
        JournalLine.entry_date <= until)
    sums: dict[int, list[Decimal]] = {}
    for r in lines:
        s = sums.setdefault(r["account_id"], [ZERO, ZERO])
        s[0] += Decimal(r["base_debit"])
        s[1] += Decimal(r["base_credit"])
    accounts = await Account.select().order_by(Account.code)
    return [{"account": a, "debit": sums.get(a["id"], [ZERO, ZERO])[0],
             "credit": sums.get(a["id"], [ZERO, ZERO])[1]} for a in accounts if a["id"] in sums]


async def setting(key: str, default: str) -> str:
    row = await FinanceSetting.select(FinanceSetting.value).where(FinanceSetting.key == key).first()
    return row["value"] if row else default


async def set_setting(key: str, value: str) -> None:
    if await FinanceSetting.exists().where(FinanceSetting.key == key):
        await FinanceSetting.update({FinanceSetting.value: value}).where(FinanceSetting.key == key)
    else:
        await FinanceSetting.insert(FinanceSetting(key=key, value=value))


