"""Payroll through GraphQL: salary structures, a run as a background job with progress,
idempotent recalculation, approval publishing hr.payroll_approved, payslips and their PDF."""

from __future__ import annotations

import base64
import json
from datetime import date
from decimal import Decimal as D

import pytest

from backoffice.graphql.ids import encode_id
from backoffice_hr.payroll import calc

from helpers import add_member, enable, eventually

CREATE_EMP = """mutation($i: EmployeeInput!) { createEmployee(input: $i) { employee { id } userErrors { code } } }"""
SALARY = """mutation($i: SalaryStructureInput!) { setSalaryStructure(input: $i) {
  salaryStructure { baseSalary } userErrors { field code } } }"""
CREATE_RUN = """mutation($i: PayrollRunInput!) { createPayrollRun(input: $i) {
  payrollRun { id status jobId } userErrors { field code message } } }"""
RUN = """query($id: ID!) { payrollRun(id: $id) { period status employeeCount
  totals { gross netPay pph21 bpjsEmployee bpjsEmployer thr }
  payslips(first: 50) { nodes { id baseSalary irregular grossForTax pph21 bpjsEmployee netPay
    terCategory lastPeriod employee { fullName } lines { code amount } } } } }"""
JOB = "query($id: ID!) { job(id: $id) { status progress lastError } }"

STAFF = [("Ani", "TK/0", 8_000_000, 500_000), ("Bambang", "K/1", 15_000_000, 1_000_000),
         ("Cahya", "K/3", 25_000_000, 0)]


@pytest.fixture
async def payroll(company, job_worker):  # type: ignore[no-untyped-def]
    await enable(company.api, "hr")
    ids = {}
    for name, status, base, allowance in STAFF:
        emp = (await company.api.data(CREATE_EMP, {"i": {
            "fullName": name, "startDate": "2021-02-01", "ptkpStatus": status}}))["createEmployee"]
        ids[name] = emp["employee"]["id"]
        data = await company.api.data(SALARY, {"i": {"employeeId": ids[name], "baseSalary": str(base),
                                                     "fixedAllowances": str(allowance)}})
        assert data["setSalaryStructure"]["userErrors"] == []
    return company, ids


async def run_and_wait(api, period, **extra):  # type: ignore[no-untyped-def]
    data = await api.data(CREATE_RUN, {"i": {"period": period, **extra}})
    run = data["createPayrollRun"]["payrollRun"]
    assert data["createPayrollRun"]["userErrors"] == [], data

    async def done():  # type: ignore[no-untyped-def]
        job = (await api.data(JOB, {"id": run["jobId"]}))["job"]
        assert job["status"] != "failed", job
        return job if job["status"] == "succeeded" else None

    job = await eventually(done)
    assert job["progress"] == 100
    return run["id"]


async def test_run_computes_every_payslip_as_the_rules_say(payroll):
    company, _ = payroll
    run_id = await run_and_wait(company.api, "2026-06")
    run = (await company.api.data(RUN, {"id": run_id}))["payrollRun"]
    assert run["status"] == "calculated" and run["employeeCount"] == 3
    slips = {s["employee"]["fullName"]: s for s in run["payslips"]["nodes"]}
    for name, status, base, allowance in STAFF:
        expected = calc.payslip(base_salary=D(base), fixed_allowances=D(allowance),
                                other_deductions=D(0), irregular=D(0), ptkp_status=status,
                                period=date(2026, 6, 30), ytd=calc.YearToDate(), last_period=False)
        slip = slips[name]
        assert D(slip["pph21"]) == expected.pph21
        assert D(slip["netPay"]) == expected.net_pay
        assert D(slip["grossForTax"]) == expected.gross_for_tax
        assert slip["terCategory"] == calc.ter_category(status)
    assert D(run["totals"]["pph21"]) == sum(D(s["pph21"]) for s in slips.values())


async def test_running_again_changes_nothing(payroll):
    company, _ = payroll
    run_id = await run_and_wait(company.api, "2026-07")
    first = (await company.api.data(RUN, {"id": run_id}))["payrollRun"]
    data = await company.api.data(
        "mutation($i: PayrollRunIdInput!) { recalculatePayrollRun(input: $i) { payrollRun { jobId } userErrors { code } } }",
        {"i": {"id": run_id}})
    job_id = data["recalculatePayrollRun"]["payrollRun"]["jobId"]

    async def done():  # type: ignore[no-untyped-def]
        job = (await company.api.data(JOB, {"id": job_id}))["job"]
        return job["status"] == "succeeded"

    await eventually(done)
    second = (await company.api.data(RUN, {"id": run_id}))["payrollRun"]

    def strip(run):  # type: ignore[no-untyped-def]
        return sorted((s["employee"]["fullName"], s["netPay"], s["pph21"]) for s in run["payslips"]["nodes"])

    assert strip(first) == strip(second) and first["totals"] == second["totals"]
    assert second["employeeCount"] == 3
    duplicate = await company.api.data(CREATE_RUN, {"i": {"period": "2026-07"}})
    assert duplicate["createPayrollRun"]["userErrors"][0]["code"] == "CONFLICT"


async def test_thr_is_paid_and_taxed_in_its_month(payroll):
    company, _ = payroll
    run_id = await run_and_wait(company.api, "2026-03", thrHoliday="2026-03-20")
    run = (await company.api.data(RUN, {"id": run_id}))["payrollRun"]
    ani = [s for s in run["payslips"]["nodes"] if s["employee"]["fullName"] == "Ani"][0]
    assert D(ani["irregular"]) == D(8_500_000)  # a full month of wage after 12 months
    assert D(run["totals"]["thr"]) == D(8_500_000 + 16_000_000 + 25_000_000)


async def test_december_recalculates_the_year(payroll):
    company, _ = payroll
    run_id = await run_and_wait(company.api, "2026-12")
    run = (await company.api.data(RUN, {"id": run_id}))["payrollRun"]
    assert all(s["lastPeriod"] for s in run["payslips"]["nodes"])


async def test_approval_publishes_totals_for_finance(payroll):
    from backoffice.db import scope
    from backoffice.events.tables import OutboxEvent
    from backoffice.graphql.ids import decode_id

    company, _ = payroll
    run_id = await run_and_wait(company.api, "2026-08")
    approve = "mutation($i: PayrollRunIdInput!) { approvePayrollRun(input: $i) { payrollRun { status } userErrors { code } } }"
    data = await company.api.data(approve, {"i": {"id": run_id}})
    assert data["approvePayrollRun"]["payrollRun"]["status"] == "approved"
    with scope.scoped(tenant_id=decode_id(company.tenant_id, "Tenant")):
        events = await OutboxEvent.select().where(OutboxEvent.event_type == "hr.payroll_approved")
    assert len(events) == 1
    payload = events[0]["payload"]
    payload = json.loads(payload) if isinstance(payload, str) else payload
    run = (await company.api.data(RUN, {"id": run_id}))["payrollRun"]
    assert payload["period"] == "2026-08" and payload["pph21"] == run["totals"]["pph21"]
    again = await company.api.data(
        "mutation($i: PayrollRunIdInput!) { recalculatePayrollRun(input: $i) { userErrors { code } } }",
        {"i": {"id": run_id}})
    assert again["recalculatePayrollRun"]["userErrors"][0]["code"] == "CONFLICT"


async def test_employee_sees_own_payslip_and_pdf(payroll, new_client):
    company, ids = payroll
    member = await add_member(company, new_client, name="Ani")
    await company.api.data(
        "mutation($i: UpdateEmployeeInput!) { updateEmployee(input: $i) { userErrors { code } } }",
        {"i": {"id": ids["Ani"], "userId": encode_id("User", member.extra["user_id"])}})
    run_id = await run_and_wait(company.api, "2026-09")
    mine = await member.api.data("{ myPayslips { nodes { period netPay } } }")
    assert mine["myPayslips"]["nodes"] == []  # not approved yet
    await company.api.data("mutation($i: PayrollRunIdInput!) { approvePayrollRun(input: $i) { userErrors { code } } }",
                           {"i": {"id": run_id}})
    mine = await member.api.data("{ myPayslips { nodes { period netPay pdfBase64 } } }")
    nodes = mine["myPayslips"]["nodes"]
    assert [n["period"] for n in nodes] == ["2026-09"]
    assert base64.b64decode(nodes[0]["pdfBase64"]).startswith(b"%PDF")
    assert await member.api.error_code(RUN, {"id": run_id}) == "FORBIDDEN"


async def test_other_company_and_unprivileged_members_are_refused(payroll, other_company, new_client):
    company, ids = payroll
    run_id = await run_and_wait(company.api, "2026-10")
    await enable(other_company.api, "hr")
    assert await other_company.api.error_code(RUN, {"id": run_id}) == "NOT_FOUND"
    assert await other_company.api.error_code(
        "query($e: ID!) { salaryStructure(employeeId: $e) { baseSalary } }", {"e": ids["Ani"]}) == "NOT_FOUND"
    reader = await add_member(company, new_client, permissions=["hr.payroll.read"])
    assert await reader.api.error_code(
        "mutation($i: PayrollRunIdInput!) { approvePayrollRun(input: $i) { userErrors { code } } }",
        {"i": {"id": run_id}}) == "FORBIDDEN"


async def test_bad_period_is_a_user_error(payroll):
    company, _ = payroll
    data = await company.api.data(CREATE_RUN, {"i": {"period": "June 2026"}})
    assert data["createPayrollRun"]["userErrors"][0]["field"] == ["input", "period"]


async def test_payslips_export_for_the_bank(payroll):
    import csv
    import io

    company, _ = payroll
    run_id = await run_and_wait(company.api, "2026-11")
    exported = (await company.api.data("query($r: ID!) { exportPayslips(runId: $r, format: CSV) { filename base64 rows } }",
                                       {"r": run_id}))["exportPayslips"]
    assert exported["filename"] == "payroll-2026-11.csv" and exported["rows"] == 3
    rows = list(csv.DictReader(io.StringIO(base64.b64decode(exported["base64"]).decode("utf-8-sig"))))
    run = (await company.api.data(RUN, {"id": run_id}))["payrollRun"]
    assert sum(D(r["net_pay"]) for r in rows) == D(run["totals"]["netPay"])
