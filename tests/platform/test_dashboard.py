"""The operations dashboard: the figures of the enabled modules the caller may see, live values
that match the data, trends from the daily snapshots (a core cron job), and a statement count
that does not grow with the rows behind the figures."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest

from helpers import QueryCounter, add_member, disable, enable, eventually

DASHBOARD = """query($d: Date, $n: Int) { dashboard(asOf: $d, trendDays: $n) { asOf currency
  indicators { key module label value unit good link trend { day value } } } }"""
MODULES = ("hr", "finance", "it", "legal", "logistics", "ga")


@pytest.fixture(scope="module", autouse=True)
async def job_worker(app):  # type: ignore[no-untyped-def]
    """With Redis configured, jobs go to arq: run a worker in this event loop meanwhile."""
    from backoffice.jobs import worker
    from backoffice.settings import get_settings

    if not get_settings().redis_url:
        yield None
        return
    async with worker.embedded(get_settings()) as running:
        yield running


def today() -> date:
    return datetime.now(UTC).date()


async def figures(api, as_of: date | None = None, days: int = 14, headers=None):  # type: ignore[no-untyped-def]
    data = await api.data(DASHBOARD, {"d": as_of.isoformat() if as_of else None, "n": days}, headers)
    return {i["key"]: i for i in data["dashboard"]["indicators"]}


def tenant_of(company):  # type: ignore[no-untyped-def]
    from backoffice.graphql.ids import decode_id

    return decode_id(company.tenant_id, "Tenant")


async def grow(company, n: int, start: int) -> None:  # type: ignore[no-untyped-def]
    """``n`` rows behind every figure of every module, numbered from ``start``, written straight
    into the company's tables."""
    from backoffice.db import scope
    from backoffice.sdk import transaction
    from backoffice_finance.ledger.tables import Account, JournalLine
    from backoffice_finance.sales.tables import Invoice
    from backoffice_general_affairs.company_events.tables import CompanyEvent
    from backoffice_general_affairs.travel.tables import TravelRequest
    from backoffice_hr.people.tables import Employee
    from backoffice_hr.recruitment.tables import JobOpening
    from backoffice_it.helpdesk.tables import Ticket
    from backoffice_legal.contracts.tables import Contract
    from backoffice_logistics.stock.tables import Item, StockLevel

    day, now = today(), datetime.now(UTC)
    with scope.scoped(tenant_id=tenant_of(company)):
        async with transaction():
            cash = (await Account.select(Account.id).where(Account.code == "1110").first())["id"]
            for i in range(start, start + n):
                late = i % 2 == 0  # every other ticket is past its response target
                await Ticket.insert(Ticket(
                    number=i, subject=f"Ticket {i}", response_due_at=now + timedelta(hours=-1 if late else 4),
                    resolution_due_at=now + timedelta(days=2)))
                await Employee.insert(Employee(employee_number=f"E{i}", full_name=f"Employee {i}",
                                               start_date=day - timedelta(days=30)))
                await JobOpening.insert(JobOpening(title=f"Opening {i}", headcount=2))
                await Invoice.insert(Invoice(customer_id=1, status="issued", due_date=day - timedelta(days=1),
                                             total=Decimal("100.50"), amount_paid=Decimal("0.25")))
                await JournalLine.insert(JournalLine(entry_id=1, account_id=cash, base_debit=Decimal("1000.10"),
                                                     debit=Decimal("1000.10"), entry_date=day))
                await Contract.insert(Contract(title=f"Contract {i}", counterparty="PT Mitra", status="active",
                                               end_date=day + timedelta(days=10)))
                item = (await Item.insert(Item(sku=f"SKU-{i}", name=f"Item {i}", reorder_point=Decimal(5))))[0]["id"]
                await StockLevel.insert(StockLevel(item_id=item, location_id=1, quantity=Decimal(1)))
                await TravelRequest.insert(TravelRequest(
                    traveller_user_id=1, destination="Surabaya", departs_on=day + timedelta(days=5),
                    returns_on=day + timedelta(days=6), status="approved"))
                await CompanyEvent.insert(CompanyEvent(name=f"Event {i}", starts_at=now + timedelta(days=2),
                                                       ends_at=now + timedelta(days=2, hours=2)))


async def noise(company) -> None:  # type: ignore[no-untyped-def]
    """Rows that no figure counts: closed, paid, far off, out of stock's way, other accounts."""
    from backoffice.db import scope
    from backoffice.sdk import transaction
    from backoffice_finance.ledger.tables import Account, JournalLine
    from backoffice_finance.sales.tables import Invoice
    from backoffice_general_affairs.company_events.tables import CompanyEvent
    from backoffice_general_affairs.travel.tables import TravelRequest
    from backoffice_hr.people.tables import Employee
    from backoffice_hr.recruitment.tables import JobOpening
    from backoffice_it.helpdesk.tables import Ticket
    from backoffice_legal.contracts.tables import Contract
    from backoffice_logistics.stock.tables import Item, StockLevel

    day, now = today(), datetime.now(UTC)
    with scope.scoped(tenant_id=tenant_of(company)):
        async with transaction():
            await Ticket.insert(Ticket(number=9000, subject="Done", status="resolved", response_due_at=now - timedelta(days=3),
                                       resolution_due_at=now - timedelta(days=2)))
            await Employee.insert(Employee(employee_number="X1", full_name="Left", start_date=day - timedelta(days=400),
                                           end_date=day - timedelta(days=1), status="terminated"),
                                  Employee(employee_number="X2", full_name="Starts later",
                                           start_date=day + timedelta(days=10)))
            await JobOpening.insert(JobOpening(title="Filled", headcount=3, status="closed"))
            await Invoice.insert(Invoice(customer_id=1, status="paid", due_date=day - timedelta(days=9), total=Decimal(70)),
                                 Invoice(customer_id=1, status="issued", due_date=day + timedelta(days=9),
                                         total=Decimal(70)),
                                 Invoice(customer_id=1, status="draft", due_date=day - timedelta(days=9),
                                         total=Decimal(70)))
            cash = (await Account.select(Account.id).where(Account.code == "1110").first())["id"]
            sales = (await Account.select(Account.id).where(Account.code == "4100").first())["id"]
            await JournalLine.insert(JournalLine(entry_id=1, account_id=cash, base_credit=Decimal("0.10"),
                                                 credit=Decimal("0.10"), entry_date=day),
                                     JournalLine(entry_id=1, account_id=sales, base_debit=Decimal(500),
                                                 entry_date=day),
                                     JournalLine(entry_id=1, account_id=cash, base_debit=Decimal(500),
                                                 entry_date=day + timedelta(days=1)))
            await Contract.insert(Contract(title="Later", counterparty="PT Jauh", status="active",
                                           end_date=day + timedelta(days=90)),
                                  Contract(title="Draft", counterparty="PT Baru", status="draft",
                                           end_date=day + timedelta(days=10)))
            full = (await Item.insert(Item(sku="FULL", name="Well stocked", reorder_point=Decimal(5))))[0]["id"]
            await StockLevel.insert(StockLevel(item_id=full, location_id=1, quantity=Decimal(4)),
                                    StockLevel(item_id=full, location_id=2, quantity=Decimal(4)))
            await Item.insert(Item(sku="OLD", name="Retired", reorder_point=Decimal(5), active=False),
                              Item(sku="NOPOINT", name="No reorder point"))
            await TravelRequest.insert(
                TravelRequest(traveller_user_id=1, destination="Medan", departs_on=day + timedelta(days=5),
                              returns_on=day + timedelta(days=6), status="submitted"),
                TravelRequest(traveller_user_id=1, destination="Bali", departs_on=day + timedelta(days=40),
                              returns_on=day + timedelta(days=41), status="approved"))
            await CompanyEvent.insert(CompanyEvent(name="Called off", starts_at=now + timedelta(days=2),
                                                   ends_at=now + timedelta(days=2, hours=1), status="cancelled"))


def expected(n: int) -> dict[str, Decimal]:
    return {"hr.headcount": Decimal(n), "hr.open_positions": Decimal(2 * n),
            "finance.overdue_invoices": Decimal(n), "finance.overdue_amount": Decimal("100.25") * n,
            "finance.cash_position": Decimal("1000.10") * n - Decimal("0.10"),
            "it.open_tickets": Decimal(n), "it.sla_breaches": Decimal((n + 1) // 2),
            "legal.expiring_contracts": Decimal(n), "logistics.stock_alerts": Decimal(n),
            "ga.upcoming_travel": Decimal(n), "ga.upcoming_events": Decimal(n)}


@pytest.fixture
async def operations(company):  # type: ignore[no-untyped-def]
    for key in MODULES:
        await enable(company.api, key)
    return company


async def test_values_match_the_data_and_statements_do_not_grow(operations):
    await noise(operations)
    await grow(operations, 2, start=1)
    with QueryCounter() as few:
        small = await figures(operations.api)
    assert {k: Decimal(v["value"]) for k, v in small.items()} == expected(2)
    await grow(operations, 25, start=100)
    with QueryCounter() as many:
        large = await figures(operations.api)
    assert {k: Decimal(v["value"]) for k, v in large.items()} == expected(27)
    assert many.count == few.count, many.statements
    cash = large["finance.cash_position"]
    assert (cash["unit"], cash["good"], cash["link"], cash["module"]) == ("money", "up", "/finance/bank", "finance")
    assert large["it.sla_breaches"]["good"] == "down"


async def test_each_person_sees_the_figures_of_their_permissions(operations, new_client):
    agent = await add_member(operations, new_client, permissions=["it.ticket.handle"], name="Agent")
    clerk = await add_member(operations, new_client, permissions=["finance.invoice.read"], name="Clerk")
    member = await add_member(operations, new_client, name="Member")
    assert set(await figures(agent.api)) == {"it.open_tickets", "it.sla_breaches"}
    assert set(await figures(clerk.api)) == {"finance.overdue_invoices", "finance.overdue_amount"}
    assert await figures(member.api) == {}
    assert set(await figures(operations.api)) == set(expected(0))
    labels = await figures(agent.api, headers={"accept-language": "id"})
    assert labels["it.open_tickets"]["label"] == "Tiket TI terbuka"
    dashboard = (await operations.api.data(DASHBOARD, {}))["dashboard"]
    assert dashboard["currency"] == "IDR" and dashboard["asOf"] == today().isoformat()


async def test_disabling_a_module_removes_its_figures(operations):
    assert (await disable(operations.api, "legal"))["userErrors"] == []
    keys = set(await figures(operations.api))
    assert "legal.expiring_contracts" not in keys and "it.open_tickets" in keys


async def test_snapshots_make_the_trend(operations):
    from backoffice.dashboard import services
    from backoffice.dashboard.jobs import snapshot_indicators
    from backoffice.db import scope

    await grow(operations, 3, start=1)
    day = today()
    with scope.scoped(tenant_id=tenant_of(operations)):
        for back in (3, 1):
            assert await services.take_snapshots(day - timedelta(days=back)) == len(expected(0))
        assert await services.take_snapshots(day - timedelta(days=1)) == len(expected(0))  # again: replaced
    await grow(operations, 2, start=50)  # today's value moves on; the stored days stay as they were
    shown = await figures(operations.api, days=7)
    contracts = shown["legal.expiring_contracts"]
    assert Decimal(contracts["value"]) == 5
    assert [(p["day"], Decimal(p["value"])) for p in contracts["trend"]] == [
        ((day - timedelta(days=3)).isoformat(), Decimal(3)), ((day - timedelta(days=1)).isoformat(), Decimal(3))]
    # Figures are taken as of their day: tickets opened today were not open three days ago.
    assert [Decimal(p["value"]) for p in shown["it.open_tickets"]["trend"]] == [0, 0]
    assert [p["day"] for p in (await figures(operations.api, days=2))["legal.expiring_contracts"]["trend"]] == [
        (day - timedelta(days=1)).isoformat()]
    yesterday = await figures(operations.api, as_of=day - timedelta(days=1), days=2)
    assert Decimal(yesterday["legal.expiring_contracts"]["value"]) == 3  # the day's snapshot, not a recount (5)
    with scope.scoped(tenant_id=tenant_of(operations)):
        assert await services.compute(services.indicators(["legal"])[0][1], day - timedelta(days=1)) == 5
    # The daily job stores today's figures of every enabled module.
    with scope.scoped(tenant_id=tenant_of(operations)):
        assert await snapshot_indicators(None) == {"stored": len(expected(0))}
    assert (await figures(operations.api, days=1))["legal.expiring_contracts"]["trend"] == [
        {"day": day.isoformat(), "value": "5"}]
    assert await operations.api.error_code(DASHBOARD, {"n": 0}) == "BAD_USER_INPUT"


async def test_the_daily_snapshot_is_a_core_cron_job(company):
    """Fired by the scheduler, the job runs once per active company, in its scope."""
    from backoffice.jobs import cron
    from backoffice.jobs.tables import Job
    from backoffice.runtime import get_registry
    from backoffice.dashboard.tables import IndicatorSnapshot
    from backoffice.db import scope

    await enable(company.api, "it")
    (schedule,) = [c for c in get_registry().get("core").cron_jobs if c.name == "dashboard_snapshots"]
    minute = datetime.combine(date(2031, 1, 6), time(23, 50), tzinfo=UTC)
    assert cron.matches(schedule, minute) and not cron.matches(schedule, minute.replace(hour=5))
    assert await cron.fire("core", schedule, minute) >= 1

    async def done():  # type: ignore[no-untyped-def]
        with scope.scoped(tenant_id=tenant_of(company)):
            job = await Job.select(Job.status).where(Job.dedupe_key == "cron:core.dashboard_snapshots:2031-01-06T23:50").first()
            return job if job and job["status"] in ("succeeded", "failed") else None

    assert (await eventually(done))["status"] == "succeeded"
    with scope.scoped(tenant_id=tenant_of(company)):
        keys = {r["key"] for r in await IndicatorSnapshot.select(IndicatorSnapshot.key).where(
            IndicatorSnapshot.day == today())}
    assert keys == {"it.open_tickets", "it.sla_breaches"}
