"""Personal data of one person under UU PDP: the export HR or the person asks for, and the
anonymisation of a former employee, across HR, IT, general affairs and finance."""

from __future__ import annotations

import base64
import io
import json
import zipfile
from decimal import Decimal as D

import pytest

from backoffice.graphql.ids import decode_id, encode_id
from helpers import add_member, enable, eventually

PDF = "JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PD4+CmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0YK"

SITI = {"fullName": "Siti Nurhaliza Rahayu", "workEmail": "siti.rahayu@contoh.co.id",
        "phone": "+62811000111", "birthDate": "1990-04-17", "gender": "female",
        "address": "Jl. Melati No. 7, Bandung", "nationalId": "3273015704900001",
        "taxId": "091234567428000", "bankName": "Bank Cendana", "bankAccount": "7712345678",
        "ptkpStatus": "K/1", "startDate": "2021-02-01"}
BAMBANG = {"fullName": "Bambang Wijayakusuma", "workEmail": "bambang.w@contoh.co.id",
           "phone": "+62822333444", "address": "Jl. Kenanga 12, Depok", "nationalId": "3276010101800002",
           "taxId": "081111222333000", "bankAccount": "9988776655", "startDate": "2020-01-06"}
ELSEWHERE = {"fullName": "Siti di Perusahaan Lain", "nationalId": "3171999999990009",
             "taxId": "077777777777000", "address": "Jl. Lain 99, Jakarta", "startDate": "2019-03-01"}
CONTACT = {"name": "Ahmad Rahayu Saputra", "relationship": "spouse", "phone": "+62812999888"}
LEAVE_REASON = "Menemani ibu operasi di RS Hasan Sadikin"
REVIEW_COMMENT = "Siti sering izin karena kondisi kesehatan keluarga"
TRAVEL_PURPOSE = "Audit gudang Surabaya bersama Siti"
PERSONAL = [SITI["fullName"], SITI["workEmail"], SITI["phone"], SITI["address"], SITI["nationalId"],
            SITI["taxId"], SITI["bankAccount"], CONTACT["name"], CONTACT["phone"], LEAVE_REASON,
            REVIEW_COMMENT, TRAVEL_PURPOSE, "kontrak-siti.pdf"]

CREATE = "mutation($i: EmployeeInput!) { createEmployee(input: $i) { employee { id } userErrors { field code } } }"
EXPORT = """mutation($i: ExportEmployeePersonalDataInput!) { exportEmployeePersonalData(input: $i) {
  export { id status } userErrors { code field } } }"""
EXPORT_READ = """query($id: ID!) { personalDataExport(id: $id) { status records file { filename contentType base64 } } }"""
MY_EXPORT = "mutation { exportMyPersonalData { export { id status } userErrors { code } } }"
MY_EXPORT_READ = """query($id: ID!) { myPersonalDataExport(id: $id) { status file { filename base64 } } }"""
ANONYMISE = """mutation($i: AnonymiseEmployeeInput!) { anonymiseEmployee(input: $i) {
  employee { id fullName anonymised } userErrors { code field message } } }"""
EMPLOYEE = """query($id: ID!) { employee(id: $id) { fullName workEmail phone status anonymised nationalId taxId
  bankName bankAccount birthDate address ptkpStatus hasUser emergencyContacts { name phone }
  documents { id name } } }"""
TB = "query($d: Date!) { trialBalance(asOf: $d) { totalDebit totalCredit lines { account { code } balance } } }"
PAYSLIPS = """query($id: ID!) { payrollRun(id: $id) { totals { gross netPay pph21 }
  payslips(first: 50) { nodes { baseSalary grossForTax pph21 bpjsEmployee netPay employee { id } } } } }"""


async def _ok(api, query, variables, name):  # type: ignore[no-untyped-def]
    data = (await api.data(query, variables))[name]
    assert not data.get("userErrors"), data
    return data


async def _join(company, user_id: int) -> None:  # type: ignore[no-untyped-def]
    """Make an existing user a member of ``company`` too (the same person in two companies)."""
    from backoffice.db import scope
    from backoffice.db.engine import write_transaction
    from backoffice.identity.tables import Membership
    from backoffice.runtime import get_engine

    with scope.scoped(tenant_id=decode_id(company.tenant_id, "Tenant")):
        async with write_transaction(get_engine()):
            await Membership.insert(Membership(user_id=user_id))


async def _wait_file(api, query, export_id):  # type: ignore[no-untyped-def]
    async def ready():  # type: ignore[no-untyped-def]
        body = (await api.data(query, {"id": export_id}))
        found = next(iter(body.values()))
        return found if found["status"] == "ready" else None

    found = await eventually(ready)
    assert found["file"]["filename"].endswith(".zip")
    return zipfile.ZipFile(io.BytesIO(base64.b64decode(found["file"]["base64"])))


def _text(archive: zipfile.ZipFile) -> str:
    """Every file of the archive as text (binary files as they are, decoded leniently)."""
    return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())


@pytest.fixture
async def world(company, other_company, new_client, job_worker):  # type: ignore[no-untyped-def]
    api = company.api
    for key in ("hr", "finance", "ga", "it"):
        await enable(api, key)
    person = await add_member(company, new_client, name="Siti Member")
    user_gid = encode_id("User", person.extra["user_id"])
    siti = (await _ok(api, CREATE, {"i": {**SITI, "userId": user_gid}}, "createEmployee"))["employee"]["id"]
    bambang = (await _ok(api, CREATE, {"i": BAMBANG}, "createEmployee"))["employee"]["id"]
    for employee in (siti, bambang):
        await _ok(api, "mutation($i: SalaryStructureInput!) { setSalaryStructure(input: $i) { userErrors { code } } }",
                  {"i": {"employeeId": employee, "baseSalary": "12000000"}}, "setSalaryStructure")
    await _ok(api, "mutation($i: EmergencyContactInput!) { addEmergencyContact(input: $i) { userErrors { code } } }",
              {"i": {"employeeId": siti, **CONTACT}}, "addEmergencyContact")
    await _ok(api, "mutation($i: EmergencyContactInput!) { addEmergencyContact(input: $i) { userErrors { code } } }",
              {"i": {"employeeId": bambang, "name": "Wati Bambang", "phone": "+62813777666"}}, "addEmergencyContact")
    doc = (await _ok(api, """mutation($i: EmployeeDocumentInput!) { addEmployeeDocument(input: $i) {
        document { id } userErrors { code } } }""", {"i": {"employeeId": siti, "name": "kontrak-siti.pdf",
                                                            "file": PDF}}, "addEmployeeDocument"))["document"]["id"]
    # Her own leave request, a review of her, a trip, an expense claim and a laptop.
    leave_type = (await api.data("{ leaveTypes { nodes { id code } } }"))["leaveTypes"]["nodes"][0]["id"]
    await _ok(person.api, "mutation($i: RequestLeaveInput!) { requestLeave(input: $i) { userErrors { code field } } }",
              {"i": {"leaveTypeId": leave_type, "startDate": "2026-03-02", "endDate": "2026-03-03",
                     "reason": LEAVE_REASON}}, "requestLeave")
    cycle = (await _ok(api, "mutation($i: ReviewCycleInput!) { createReviewCycle(input: $i) { reviewCycle { id } userErrors { code } } }",
                       {"i": {"name": "2026 H1", "startsOn": "2026-01-01", "endsOn": "2026-06-30"}},
                       "createReviewCycle"))["reviewCycle"]["id"]
    await _ok(api, "mutation($i: ReviewInput!) { submitManagerReview(input: $i) { userErrors { code } } }",
              {"i": {"cycleId": cycle, "employeeId": siti, "rating": 3, "comments": REVIEW_COMMENT}},
              "submitManagerReview")
    await _ok(api, "mutation($i: ReviewInput!) { submitManagerReview(input: $i) { userErrors { code } } }",
              {"i": {"cycleId": cycle, "employeeId": bambang, "rating": 4, "comments": "Bambang memimpin proyek gudang"}},
              "submitManagerReview")
    trip = (await _ok(person.api, """mutation($i: TravelRequestInput!) { requestTravel(input: $i) {
        travelRequest { id } userErrors { code field } } }""", {"i": {
        "destinations": ["Surabaya"], "departsOn": "2026-04-06", "returnsOn": "2026-04-08",
        "purpose": TRAVEL_PURPOSE, "estimatedCost": "4500000", "advance": "0"}}, "requestTravel"))["travelRequest"]["id"]
    accounts = {a["code"]: a["id"] for a in (await api.data("{ accounts(first: 100) { nodes { id code } } }"))[
        "accounts"]["nodes"]}
    claim = (await _ok(person.api, """mutation($i: ExpenseClaimInput!) { submitExpenseClaim(input: $i) {
        expenseClaim { id } userErrors { code field } } }""", {"i": {
        "description": "Taksi ke gudang", "expenseDate": "2026-04-07", "amount": "185000",
        "accountId": accounts["6400"], "receipt": PDF, "receiptName": "taksi.pdf"}}, "submitExpenseClaim"))[
        "expenseClaim"]["id"]
    await _ok(api, "mutation($i: DecideClaimInput!) { approveExpenseClaim(input: $i) { userErrors { code } } }",
              {"i": {"id": claim, "note": "Disetujui untuk Siti"}}, "approveExpenseClaim")
    asset = (await _ok(api, "mutation($i: AssetInput!) { createAsset(input: $i) { asset { id } userErrors { code } } }",
                       {"i": {"tag": "LT-0042", "kind": "laptop", "name": "ThinkPad T14", "serialNumber": "PF3SITI"}},
                       "createAsset"))["asset"]["id"]
    await _ok(api, "mutation($i: AssignAssetInput!) { assignAsset(input: $i) { userErrors { code } } }",
              {"i": {"id": asset, "userId": user_gid}}, "assignAsset")
    # A payroll with both of them, approved and posted to the books.
    run = (await _ok(api, 'mutation { createPayrollRun(input: {period: "2026-05"}) { payrollRun { id jobId } userErrors { code } } }',
                     None, "createPayrollRun"))["payrollRun"]

    async def calculated():  # type: ignore[no-untyped-def]
        return (await api.data("query($id: ID!) { job(id: $id) { status } }", {"id": run["jobId"]}))["job"]["status"] == "succeeded"

    await eventually(calculated)
    await _ok(api, "mutation($i: PayrollRunIdInput!) { approvePayrollRun(input: $i) { userErrors { code } } }",
              {"i": {"id": run["id"]}}, "approvePayrollRun")

    async def posted():  # type: ignore[no-untyped-def]
        return (await api.data('{ journalEntries(source: "hr.payroll") { nodes { id } } }'))["journalEntries"]["nodes"]

    await eventually(posted)
    # The same person in another company, with a record there that is none of this company's business.
    await enable(other_company.api, "hr")
    await _join(other_company, person.extra["user_id"])
    await _ok(other_company.api, CREATE, {"i": {**ELSEWHERE, "userId": user_gid}}, "createEmployee")
    return {"company": company, "other": other_company, "person": person, "siti": siti, "bambang": bambang,
            "doc": doc, "run": run["id"], "trip": trip, "claim": claim, "user": user_gid}


async def _audit_log(api):  # type: ignore[no-untyped-def]
    entries, after = [], None
    while True:
        page = (await api.data("""query($after: String) { auditLog(first: 100, after: $after) {
            nodes { operation targetIds changes } pageInfo { hasNextPage endCursor } } }""",
                               {"after": after}))["auditLog"]
        entries += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return entries
        after = page["pageInfo"]["endCursor"]


async def _terminate(api, employee):  # type: ignore[no-untyped-def]
    await _ok(api, "mutation($i: TerminateEmployeeInput!) { terminateEmployee(input: $i) { userErrors { code } } }",
              {"i": {"id": employee, "endDate": "2026-06-30"}}, "terminateEmployee")


async def test_export_holds_the_persons_data_from_every_module_and_nobody_elses(world):
    api = world["company"].api
    started = await _ok(api, EXPORT, {"i": {"employeeId": world["siti"]}}, "exportEmployeePersonalData")
    assert started["export"]["status"] == "building"
    archive = await _wait_file(api, EXPORT_READ, started["export"]["id"])
    manifest = json.loads(archive.read("manifest.json"))
    sections = {s["section"]: s for s in manifest["sections"]}
    for key in ("hr.employee", "hr.emergency_contacts", "hr.documents", "hr.leave_requests", "hr.payslips",
                "hr.salary", "hr.reviews", "core.account", "core.membership", "it.assets", "ga.travel",
                "finance.expense_claims"):
        assert sections[key]["records"] >= 1, key
    record = json.loads(archive.read("hr.employee.json"))[0]
    assert {k: record[k] for k in ("national_id", "tax_id", "bank_account", "birth_date", "address")} == {
        "national_id": SITI["nationalId"], "tax_id": SITI["taxId"], "bank_account": SITI["bankAccount"],
        "birth_date": SITI["birthDate"], "address": SITI["address"]}
    assert "Siti Nurhaliza Rahayu" in archive.read("hr.employee.csv").decode("utf-8-sig")
    assert archive.read("files/hr.documents/kontrak-siti.pdf") == base64.b64decode(PDF)
    assert archive.read("files/finance.expense_claims/taksi.pdf") == base64.b64decode(PDF)
    assert json.loads(archive.read("hr.leave_requests.json"))[0]["reason"] == LEAVE_REASON
    assert json.loads(archive.read("it.assets.json"))[0]["serial_number"] == "PF3SITI"
    assert json.loads(archive.read("ga.travel.json"))[0]["purpose"] == TRAVEL_PURPOSE
    assert D(json.loads(archive.read("finance.expense_claims.json"))[0]["amount"]) == D("185000")
    payslip = json.loads(archive.read("hr.payslips.json"))
    assert [p["period"] for p in payslip] == ["2026-05"] and D(payslip[0]["base_salary"]) == D("12000000")
    account = json.loads(archive.read("core.account.json"))[0]
    assert account["email"] == world["person"].email
    assert len(json.loads(archive.read("core.membership.json"))) == 1  # this company's only
    assert "README.txt" in archive.namelist()
    everything = _text(archive)
    # Nothing of a colleague, nor of the same person's record in another company.
    for foreign in (*BAMBANG.values(), "Wati Bambang", "Bambang memimpin proyek gudang",
                    *[v for k, v in ELSEWHERE.items() if k != "startDate"]):
        if foreign not in SITI.values():
            assert foreign not in everything, foreign


async def test_a_person_exports_their_own_data_and_only_they_read_it(world, new_client):
    person, company = world["person"], world["company"]
    started = await _ok(person.api, MY_EXPORT, None, "exportMyPersonalData")
    archive = await _wait_file(person.api, MY_EXPORT_READ, started["export"]["id"])
    assert json.loads(archive.read("hr.employee.json"))[0]["national_id"] == SITI["nationalId"]
    # Nobody else reads it through the self-service field, even HR; a member without an
    # employee record has nothing to export.
    colleague = await add_member(company, new_client, name="Colleague")
    for api in (colleague.api, company.api):
        assert await api.error_code(MY_EXPORT_READ, {"id": started["export"]["id"]}) == "NOT_FOUND"
    assert await person.api.error_code(EXPORT_READ, {"id": started["export"]["id"]}) == "FORBIDDEN"
    refused = (await colleague.api.data(MY_EXPORT))["exportMyPersonalData"]
    assert refused == {"export": None, "userErrors": [{"code": "NO_EMPLOYEE_RECORD"}]}


async def test_export_and_anonymise_need_the_permission(world, new_client):
    company = world["company"]
    await _terminate(company.api, world["siti"])
    staff = await add_member(company, new_client, role_keys=["hr.staff"], name="Staff")
    nobody = await add_member(company, new_client, name="Nobody")
    manager = await add_member(company, new_client, role_keys=["hr.manager"], name="Manager")
    started = await _ok(manager.api, EXPORT, {"i": {"employeeId": world["siti"]}}, "exportEmployeePersonalData")
    for member in (staff, nobody):
        assert await member.api.error_code(EXPORT, {"i": {"employeeId": world["siti"]}}) == "FORBIDDEN"
        assert await member.api.error_code(EXPORT_READ, {"id": started["export"]["id"]}) == "FORBIDDEN"
        assert await member.api.error_code(ANONYMISE, {"i": {"id": world["siti"], "confirm": SITI["fullName"]}}) == "FORBIDDEN"
    after = (await company.api.data(EMPLOYEE, {"id": world["siti"]}))["employee"]
    assert after["fullName"] == SITI["fullName"] and after["anonymised"] is False
    roles = {r["key"]: r["permissions"] for r in (await company.api.data(
        "{ roles(first: 100) { nodes { key permissions } } }"))["roles"]["nodes"]}
    assert "hr.personal_data.manage" in roles["hr.manager"] and "hr.personal_data.manage" not in roles["hr.staff"]


async def test_another_companys_employee_reads_as_not_found(world):
    other, company = world["other"], world["company"]
    await _terminate(company.api, world["siti"])
    missing = encode_id("Employee", 987_654_321)
    for query, make in ((EXPORT, lambda i: {"i": {"employeeId": i}}),
                        (ANONYMISE, lambda i: {"i": {"id": i, "confirm": SITI["fullName"]}})):
        foreign = await other.api.gql(query, make(world["siti"]))
        absent = await other.api.gql(query, make(missing))
        assert foreign["errors"][0]["extensions"]["code"] == "NOT_FOUND"
        assert foreign["errors"][0]["message"] == absent["errors"][0]["message"]
        assert foreign["errors"][0]["extensions"] == absent["errors"][0]["extensions"]
    export = await _ok(company.api, EXPORT, {"i": {"employeeId": world["siti"]}}, "exportEmployeePersonalData")
    assert await other.api.error_code(EXPORT_READ, {"id": export["export"]["id"]}) == "NOT_FOUND"
    assert (await company.api.data(EMPLOYEE, {"id": world["siti"]}))["employee"]["anonymised"] is False


async def test_anonymising_someone_still_employed_is_refused_and_changes_nothing(world):
    api = world["company"].api
    before = (await api.data(EMPLOYEE, {"id": world["siti"]}))["employee"]
    refused = (await api.data(ANONYMISE, {"i": {"id": world["siti"], "confirm": SITI["fullName"]}}))["anonymiseEmployee"]
    assert refused["employee"] is None and [e["code"] for e in refused["userErrors"]] == ["EMPLOYEE_NOT_LEFT"]
    await _terminate(api, world["siti"])
    wrong = (await api.data(ANONYMISE, {"i": {"id": world["siti"], "confirm": "Siti"}}))["anonymiseEmployee"]
    assert [(e["code"], e["field"]) for e in wrong["userErrors"]] == [("CONFIRMATION_MISMATCH", ["input", "confirm"])]
    after = (await api.data(EMPLOYEE, {"id": world["siti"]}))["employee"]
    assert {**after, "status": before["status"]} == before
    audit = (await api.data('{ auditLog(first: 50, operation: "anonymiseEmployee") { nodes { id } } }'))["auditLog"]
    assert audit["nodes"] == []


async def test_after_anonymising_no_personal_value_remains_but_the_amounts_do(world):
    api, siti = world["company"].api, world["siti"]
    await _terminate(api, siti)

    async def offboarding():  # type: ignore[no-untyped-def]
        tickets = (await api.data("{ tickets(first: 50) { nodes { subject } } }"))["tickets"]["nodes"]
        return [t for t in tickets if SITI["fullName"] in t["subject"]]

    await eventually(offboarding)  # IT opened a ticket naming her when she left
    payslips_before = (await api.data(PAYSLIPS, {"id": world["run"]}))["payrollRun"]
    books_before = (await api.data(TB, {"d": "2026-12-31"}))["trialBalance"]
    export = await _ok(api, EXPORT, {"i": {"employeeId": siti}}, "exportEmployeePersonalData")
    await _wait_file(api, EXPORT_READ, export["export"]["id"])

    done = (await api.data(ANONYMISE, {"i": {"id": siti, "confirm": "  siti nurhaliza RAHAYU "}}))["anonymiseEmployee"]
    assert done["userErrors"] == [] and done["employee"]["anonymised"] is True
    label = done["employee"]["fullName"]
    assert label == f"Former employee #{decode_id(siti, 'Employee')}"

    after = (await api.data(EMPLOYEE, {"id": siti}))["employee"]
    assert {k: after[k] for k in ("workEmail", "phone", "nationalId", "taxId", "bankName", "bankAccount",
                                  "address", "ptkpStatus")} == dict.fromkeys(
        ("workEmail", "phone", "nationalId", "taxId", "bankName", "bankAccount", "address", "ptkpStatus"), "")
    assert after["birthDate"] is None and after["hasUser"] is False
    assert after["emergencyContacts"] == [] and after["documents"] == []
    assert await api.error_code("query($id: ID!) { employeeDocument(id: $id) { name } }", {"id": world["doc"]}) == "NOT_FOUND"
    assert await api.error_code(EXPORT_READ, {"id": export["export"]["id"]}) == "NOT_FOUND"
    found = (await api.data('query($s: String!) { employees(filter: {search: $s}) { totalCount } }',
                            {"s": "Nurhaliza"}))["employees"]["totalCount"]
    assert found == 0
    # Bambang is untouched.
    colleague = (await api.data(EMPLOYEE, {"id": world["bambang"]}))["employee"]
    assert colleague["nationalId"] == BAMBANG["nationalId"] and colleague["emergencyContacts"] != []

    # The amounts the law keeps: payslips, payroll totals, the books.
    assert (await api.data(PAYSLIPS, {"id": world["run"]}))["payrollRun"] == payslips_before
    assert (await api.data(TB, {"d": "2026-12-31"}))["trialBalance"] == books_before
    claims = (await api.data("{ expenseClaims(first: 50) { nodes { id amount decisionNote } } }"))["expenseClaims"]["nodes"]
    claim = next(c for c in claims if c["id"] == world["claim"])
    assert D(claim["amount"]) == D("185000") and claim["decisionNote"] == ""
    trip = (await api.data("query($id: ID!) { travelRequest(id: $id) { purpose estimatedCost } }", {"id": world["trip"]}))
    assert trip["travelRequest"]["purpose"] == "" and D(trip["travelRequest"]["estimatedCost"]) == D("4500000")

    # Nowhere the API shows: lists of every module, the audit log, events sent to webhooks.
    seen = json.dumps([
        await api.data("{ employees(first: 100) { nodes { fullName workEmail phone } } }"),
        await api.data("{ leaveRequests(first: 100) { nodes { reason decisionNote employee { fullName } } } }"),
        await api.data("{ tickets(first: 100) { nodes { subject description } } }"),
        await api.data("{ travelRequests(first: 100) { nodes { purpose decisionNote notes bookings { reference } } } }"),
        await api.data("{ expenseClaims(first: 100) { nodes { description decisionNote } } }"),
        await api.data("{ users(first: 100, includeInactive: true) { nodes { email fullName } } }"),
        await _audit_log(api),
        await api.data("{ notifications(first: 100) { nodes { title body } } }"),
    ])
    for value in PERSONAL:
        assert value not in seen, (value, seen[max(0, seen.index(value) - 300):seen.index(value) + 100])
    assert world["person"].email not in seen
    entry = (await api.data('{ auditLog(first: 5, operation: "anonymiseEmployee") { nodes { targetIds changes } } }'))[
        "auditLog"]["nodes"]
    assert entry == [{"targetIds": [siti], "changes": entry[0]["changes"]}]
    assert set(entry[0]["changes"]) == {"records_changed"}

    # It cannot be done twice, and there is nothing left to export.
    again = (await api.data(ANONYMISE, {"i": {"id": siti, "confirm": label}}))["anonymiseEmployee"]
    assert [e["code"] for e in again["userErrors"]] == ["EMPLOYEE_ANONYMISED"]
    nothing = (await api.data(EXPORT, {"i": {"employeeId": siti}}))["exportEmployeePersonalData"]
    assert [e["code"] for e in nothing["userErrors"]] == ["EMPLOYEE_ANONYMISED"]
    # Her session in this company ended with her membership; her record elsewhere is hers.
    assert (await world["person"].api.data("{ me { id } }"))["me"] is None
    elsewhere = (await world["other"].api.data("{ employees(first: 10) { nodes { fullName nationalId } } }"))
    assert elsewhere["employees"]["nodes"] == [{"fullName": ELSEWHERE["fullName"], "nationalId": ELSEWHERE["nationalId"]}]


async def test_an_owner_of_the_company_is_not_anonymised(company):
    api = company.api
    await enable(api, "hr")
    owner = (await api.data("{ me { id } }"))["me"]["id"]
    pk = (await _ok(api, CREATE, {"i": {"fullName": "Pemilik Perusahaan", "startDate": "2020-01-06",
                                        "nationalId": "3171000000000001", "userId": owner}}, "createEmployee"))["employee"]["id"]
    await _terminate(api, pk)
    refused = (await api.data(ANONYMISE, {"i": {"id": pk, "confirm": "Pemilik Perusahaan"}}))["anonymiseEmployee"]
    assert [e["code"] for e in refused["userErrors"]] == ["PERSON_IS_OWNER"]
    after = (await api.data(EMPLOYEE, {"id": pk}))["employee"]
    assert (after["fullName"], after["nationalId"], after["anonymised"]) == ("Pemilik Perusahaan", "3171000000000001", False)
