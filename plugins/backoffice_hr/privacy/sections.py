"""What HR holds about one person, as the sections of their personal data export.

Only the person's own records: references to colleagues (their manager, who approved a
request, who wrote a review) are left out, since those are the colleagues' data.
"""

from __future__ import annotations

import json
from typing import Any

from backoffice.sdk import PersonalDataFile, PersonalDataSection, Text, encode_id

from ..leave.tables import LeaveBalance, LeaveRequest, LeaveType
from ..payroll.tables import Payslip, SalaryStructure
from ..people.tables import Department, EmergencyContact, Employee, EmployeeDocument, Position
from ..performance.tables import Goal, Review, ReviewCycle
from ..policies.tables import Policy, PolicyAcknowledgement, PolicyVersion
from ..recruitment.tables import Applicant, ApplicantNote, JobOpening
from ..requests.tables import HrRequest
from ..training.tables import Certificate, Enrolment, TrainingProgramme, TrainingSession


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


async def _names(table: Any, column: Any, ids: set[int]) -> dict[int, str]:
    ids.discard(None)  # type: ignore[arg-type]
    if not ids:
        return {}
    return {r["id"]: r[column._meta.name] for r in await table.select(table.id, column).where(
        table.id.is_in(list(ids)))}


def _section(key: str, en: str, id_: str, rows: list[dict[str, Any]],
             files: tuple[PersonalDataFile, ...] = ()) -> PersonalDataSection:
    return PersonalDataSection(key=f"hr.{key}", title=Text(en, id_), rows=tuple(rows), files=files)


async def employee_sections(pk: int) -> list[PersonalDataSection]:
    e = await Employee.select().where(Employee.id == pk).first()
    if e is None:
        return []
    department = await _names(Department, Department.name, {e["department_id"]})
    position = await _names(Position, Position.title, {e["position_id"]})
    record = {
        "id": encode_id("Employee", pk), "employee_number": e["employee_number"],
        "full_name": e["full_name"], "work_email": e["work_email"], "phone": e["phone"],
        "birth_date": e["birth_date"], "gender": e["gender"], "address": e["address"],
        "national_id": e["national_id"], "tax_id": e["tax_id"], "bank_name": e["bank_name"],
        "bank_account": e["bank_account"], "ptkp_status": e["ptkp_status"],
        "department": department.get(e["department_id"], ""),
        "position": position.get(e["position_id"], ""), "employment_type": e["employment_type"],
        "status": e["status"], "start_date": e["start_date"], "end_date": e["end_date"],
    }
    sections = [_section("employee", "Your employee record", "Data kepegawaian Anda", [record])]

    contacts = await EmergencyContact.select(
        EmergencyContact.name, EmergencyContact.relationship, EmergencyContact.phone).where(
        EmergencyContact.employee_id == pk).order_by(EmergencyContact.id)
    sections.append(_section("emergency_contacts", "Emergency contacts", "Kontak darurat", contacts))

    documents = await EmployeeDocument.select().where(
        EmployeeDocument.employee_id == pk).order_by(EmployeeDocument.id)
    sections.append(_section(
        "documents", "Documents kept with your record", "Dokumen pada data Anda",
        [{"name": d["name"], "content_type": d["content_type"], "size": d["size"],
          "uploaded_at": d["uploaded_at"]} for d in documents],
        tuple(PersonalDataFile(d["name"], d["content_type"], bytes(d["content"])) for d in documents)))

    types = {r["id"]: r for r in await LeaveType.select(LeaveType.id, LeaveType.code, LeaveType.name)}
    balances = await LeaveBalance.select().where(LeaveBalance.employee_id == pk).order_by(LeaveBalance.id)
    sections.append(_section("leave_balances", "Leave entitlements set for you", "Hak cuti yang ditetapkan", [
        {"leave_type": types.get(b["leave_type_id"], {}).get("name", ""), "year": b["year"],
         "entitled": b["entitled"]} for b in balances]))
    requests = await LeaveRequest.select().where(LeaveRequest.employee_id == pk).order_by(LeaveRequest.id)
    sections.append(_section("leave_requests", "Leave requests", "Permintaan cuti", [
        {"leave_type": types.get(r["leave_type_id"], {}).get("name", ""), "start_date": r["start_date"],
         "end_date": r["end_date"], "days": r["days"], "reason": r["reason"], "status": r["status"],
         "decided_at": r["decided_at"], "decision_note": r["decision_note"],
         "created_at": r["created_at"]} for r in requests]))

    structure = await SalaryStructure.select().where(SalaryStructure.employee_id == pk)
    sections.append(_section("salary", "Salary", "Gaji", [
        {"base_salary": s["base_salary"], "fixed_allowances": s["fixed_allowances"],
         "other_deductions": s["other_deductions"], "jkk_class": s["jkk_class"],
         "updated_at": s["updated_at"]} for s in structure]))
    payslips = await Payslip.select().where(Payslip.employee_id == pk).order_by(Payslip.period)
    sections.append(_section("payslips", "Payslips", "Slip gaji", [
        {"period": p["period"], "base_salary": p["base_salary"], "fixed_allowances": p["fixed_allowances"],
         "irregular": p["irregular"], "other_deductions": p["other_deductions"],
         "gross_for_tax": p["gross_for_tax"], "pph21": p["pph21"], "bpjs_employee": p["bpjs_employee"],
         "bpjs_employer": p["bpjs_employer"], "employee_pension": p["employee_pension"],
         "net_pay": p["net_pay"], "ter_category": p["ter_category"], "ptkp_status": p["ptkp_status"],
         "lines": (_json(p["details"]) or {}).get("lines", []),
         "contributions": (_json(p["details"]) or {}).get("contributions", {})} for p in payslips]))

    enrolments = await Enrolment.select().where(Enrolment.employee_id == pk).order_by(Enrolment.id)
    sessions = {r["id"]: r for r in await TrainingSession.select().where(
        TrainingSession.id.is_in([r["session_id"] for r in enrolments] or [0]))}
    programmes = await _names(TrainingProgramme, TrainingProgramme.title,
                              {s["programme_id"] for s in sessions.values()})
    training = [{"programme": programmes.get(sessions.get(r["session_id"], {}).get("programme_id"), ""),
                 "starts_on": sessions.get(r["session_id"], {}).get("starts_on"),
                 "ends_on": sessions.get(r["session_id"], {}).get("ends_on"),
                 "status": r["status"], "completed_on": r["completed_on"]} for r in enrolments]
    sections.append(_section("training", "Training", "Pelatihan", training))
    certificates = await Certificate.select(Certificate.name, Certificate.issuer, Certificate.issued_on,
                                            Certificate.expires_on).where(
        Certificate.employee_id == pk).order_by(Certificate.id)
    sections.append(_section("certificates", "Certificates", "Sertifikat", certificates))

    goals = await Goal.select().where(Goal.employee_id == pk).order_by(Goal.id)
    reviews = await Review.select().where(Review.employee_id == pk).order_by(Review.id)
    cycles = await _names(ReviewCycle, ReviewCycle.name,
                          {g["cycle_id"] for g in goals} | {r["cycle_id"] for r in reviews})
    sections.append(_section("goals", "Performance goals", "Sasaran kinerja", [
        {"cycle": cycles.get(g["cycle_id"], ""), "title": g["title"], "weight": g["weight"]} for g in goals]))
    sections.append(_section("reviews", "Performance reviews", "Penilaian kinerja", [
        {"cycle": cycles.get(r["cycle_id"], ""), "kind": r["kind"], "rating": r["rating"],
         "comments": r["comments"], "submitted_at": r["submitted_at"]} for r in reviews]))

    acks = await PolicyAcknowledgement.select().where(PolicyAcknowledgement.employee_id == pk)
    versions = {r["id"]: r for r in await PolicyVersion.select(
        PolicyVersion.id, PolicyVersion.policy_id, PolicyVersion.version).where(
        PolicyVersion.id.is_in([a["version_id"] for a in acks] or [0]))}
    policies = await _names(Policy, Policy.title, {v["policy_id"] for v in versions.values()})
    sections.append(_section("policy_acknowledgements", "Policies you acknowledged",
                             "Kebijakan yang Anda setujui", [
        {"policy": policies.get(versions.get(a["version_id"], {}).get("policy_id"), ""),
         "version": versions.get(a["version_id"], {}).get("version"),
         "acknowledged_at": a["acknowledged_at"]} for a in acks]))

    applicants = await Applicant.select().where(Applicant.employee_id == pk).order_by(Applicant.id)
    openings = await _names(JobOpening, JobOpening.title, {a["opening_id"] for a in applicants})
    notes = await ApplicantNote.select().where(
        ApplicantNote.applicant_id.is_in([a["id"] for a in applicants] or [0])).order_by(ApplicantNote.id)
    sections.append(_section("application", "Your job application", "Lamaran kerja Anda", [
        {"opening": openings.get(a["opening_id"], ""), "full_name": a["full_name"], "email": a["email"],
         "phone": a["phone"], "source": a["source"], "stage": a["stage"], "applied_at": a["created_at"],
         "notes": [n["body"] for n in notes if n["applicant_id"] == a["id"]]} for a in applicants]))
    return sections


async def user_sections(user_id: int) -> list[PersonalDataSection]:
    requests = await HrRequest.select().where(HrRequest.requester_user_id == user_id).order_by(HrRequest.id)
    return [_section("requests", "Your requests to HR", "Permintaan Anda kepada SDM", [
        {"number": f"HRQ-{r['number']:05d}", "kind": r["kind"], "subject": r["subject"],
         "details": r["details"], "status": r["status"], "answer": r["answer"],
         "created_at": r["created_at"], "done_at": r["done_at"]} for r in requests])]
