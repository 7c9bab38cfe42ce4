"""An approved payroll in HR becomes one salary entry in finance, exactly once."""

from __future__ import annotations

from decimal import Decimal as D

from helpers import enable, eventually

EMP = """mutation($i: EmployeeInput!) { createEmployee(input: $i) { employee { id } } }"""
SALARY = """mutation($i: SalaryStructureInput!) { setSalaryStructure(input: $i) { userErrors { code } } }"""


async def test_payroll_becomes_a_salary_entry_once(company, job_worker):
    from backoffice.db import scope
    from backoffice.events import dispatch
    from backoffice.graphql.ids import decode_id

    api = company.api
    await enable(api, "hr")
    await enable(api, "finance")
    for name, base in (("Ani", 9_000_000), ("Budi", 21_000_000)):
        emp = (await api.data(EMP, {"i": {"fullName": name, "startDate": "2022-01-03", "ptkpStatus": "K/1"}}))
        await api.data(SALARY, {"i": {"employeeId": emp["createEmployee"]["employee"]["id"], "baseSalary": str(base)}})
    run = (await api.data('mutation { createPayrollRun(input: {period: "2026-04"}) { payrollRun { id jobId } } }'))[
        "createPayrollRun"]["payrollRun"]

    async def calculated():  # type: ignore[no-untyped-def]
        job = (await api.data("query($id: ID!) { job(id: $id) { status } }", {"id": run["jobId"]}))["job"]
        return job["status"] == "succeeded"

    await eventually(calculated)
    await api.data("mutation($i: PayrollRunIdInput!) { approvePayrollRun(input: $i) { userErrors { code } } }",
                   {"i": {"id": run["id"]}})

    async def posted():  # type: ignore[no-untyped-def]
        data = await api.data('{ journalEntries(source: "hr.payroll") { nodes { id memo lines { account { code } debit credit } } } }')
        return data["journalEntries"]["nodes"]

    entries = await eventually(posted)
    assert len(entries) == 1 and entries[0]["memo"] == "Payroll 2026-04"
    lines = entries[0]["lines"]
    assert sum(D(x["debit"]) for x in lines) == sum(D(x["credit"]) for x in lines)
    totals = (await api.data("query($id: ID!) { payrollRun(id: $id) { totals { gross netPay pph21 } } }",
                             {"id": run["id"]}))["payrollRun"]["totals"]
    by_code = {x["account"]["code"]: x for x in lines}
    assert D(by_code["6100"]["debit"]) == D(totals["gross"])
    assert D(by_code["2310"]["credit"]) == D(totals["pph21"])
    # Delivering the event again (a retried dispatch) posts nothing more.
    with scope.scoped(tenant_id=decode_id(company.tenant_id, "Tenant")):
        from backoffice.events.tables import EventDelivery, OutboxEvent

        event = await OutboxEvent.select().where(OutboxEvent.event_type == "hr.payroll_approved").first()
        await EventDelivery.delete().where(EventDelivery.event_id == event["id"])
        await OutboxEvent.update({OutboxEvent.dispatched_at: None}).where(OutboxEvent.id == event["id"])
    await dispatch.dispatch_events(decode_id(company.tenant_id, "Tenant"))
    assert len(await posted()) == 1
