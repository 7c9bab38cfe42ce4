"""Human resources module of Backoffice (backoffice_hr).

The manifest and the hook implementations live here: thin wiring only. The areas live in
sub-packages of their own: ``people`` (departments, positions, employees) and ``leave``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from piccolo.conf.apps import AppConfig

from backoffice.sdk import (
    Approvable,
    Commentable,
    CronJob,
    EventType,
    GraphQLContribution,
    Indicator,
    ModuleManifest,
    NotificationKind,
    Permission,
    RequestType,
    RoleTemplate,
    Text,
    UiMetadata,
    hookimpl,
)

MANIFEST = ModuleManifest(
    key="hr",
    name=Text("Human resources", "Sumber daya manusia"),
    description=Text(
        "Employees and departments, recruitment, training, leave, performance reviews, payroll with Indonesian tax and BPJS rules, and company policies.",
        "Karyawan dan departemen, rekrutmen, pelatihan, cuti, penilaian kinerja, penggajian dengan aturan pajak dan BPJS Indonesia, serta kebijakan perusahaan.",
    ),
    version="0.1.0",
)


@hookimpl
def register_module() -> ModuleManifest:
    return MANIFEST


@hookimpl
def register_piccolo_app() -> AppConfig:
    from .leave.tables import LeaveBalance, LeaveRequest, LeaveType
    from .people.tables import Department, EmergencyContact, Employee, EmployeeDocument, Position
    from .payroll.tables import PayrollRun, Payslip, SalaryStructure
    from .recruitment.tables import Applicant, ApplicantNote, JobOpening
    from .performance.tables import Goal, Review, ReviewCycle
    from .policies.tables import Policy, PolicyAcknowledgement, PolicyVersion
    from .privacy.tables import PersonalDataExport
    from .requests.tables import HrRequest
    from .training.tables import Certificate, Enrolment, TrainingProgramme, TrainingSession

    return AppConfig(
        app_name="hr",
        migrations_folder_path=str(Path(__file__).parent / "migrations"),
        table_classes=[Department, Position, Employee, EmergencyContact, EmployeeDocument, LeaveType, LeaveBalance,
                       LeaveRequest, JobOpening, Applicant, ApplicantNote, SalaryStructure,
                       PayrollRun, Payslip, TrainingProgramme, TrainingSession, Enrolment,
                       Certificate, ReviewCycle, Goal, Review, Policy, PolicyVersion,
                       PolicyAcknowledgement, HrRequest, PersonalDataExport],
    )


@hookimpl
def register_permissions() -> list[Permission]:
    from .permissions import PERMISSIONS

    return PERMISSIONS


@hookimpl
def register_role_templates() -> list[RoleTemplate]:
    from .permissions import ROLE_TEMPLATES

    return ROLE_TEMPLATES


@hookimpl
def register_graphql() -> GraphQLContribution:
    from .leave.graphql import LeaveExportQuery, LeaveMutation, LeaveQuery
    from .people.graphql import (
        DocumentMutation,
        DocumentQuery,
        ImportExportQuery,
        ImportMutation,
        PeopleMutation,
        PeopleQuery,
    )
    from .payroll.graphql import PayrollExportQuery, PayrollMutation, PayrollQuery
    from .recruitment.graphql import RecruitmentMutation, RecruitmentQuery
    from .performance.graphql import PerformanceMutation, PerformanceQuery
    from .policies.graphql import PolicyMutation, PolicyQuery
    from .privacy.graphql import PersonalDataMutation, PersonalDataQuery
    from .requests.graphql import HrRequestMutation, HrRequestQuery
    from .training.graphql import TrainingMutation, TrainingQuery

    return GraphQLContribution(
        queries=(PeopleQuery, ImportExportQuery, DocumentQuery, LeaveQuery, RecruitmentQuery, TrainingQuery, PerformanceQuery,
                 PolicyQuery, PayrollQuery, LeaveExportQuery, PayrollExportQuery, HrRequestQuery,
                 PersonalDataQuery),
        mutations=(PeopleMutation, ImportMutation, DocumentMutation, LeaveMutation, RecruitmentMutation, TrainingMutation,
                   PerformanceMutation, PolicyMutation, PayrollMutation, HrRequestMutation,
                   PersonalDataMutation))


@hookimpl
def register_jobs() -> list[Any]:
    from .payroll.jobs import run_payroll
    from .privacy.jobs import build_personal_data_export
    from .training.jobs import remind_expiring_certificates

    return [run_payroll, remind_expiring_certificates, build_personal_data_export]


@hookimpl
def register_cron_jobs() -> list[CronJob]:
    from .training.jobs import remind_expiring_certificates

    return [CronJob(name="hr.certificate_expiry", job=remind_expiring_certificates,
                    hour=6, minute=0)]


@hookimpl
def register_event_types() -> list[EventType]:
    from .events import EVENT_TYPES

    return EVENT_TYPES


@hookimpl
def register_approvables() -> list[Approvable]:
    from .approvals import APPROVABLES

    return APPROVABLES


@hookimpl
async def find_managers(user_ids: list[int]) -> dict[int, int]:
    from .approvals import managers_of

    return await managers_of(user_ids)


@hookimpl
def register_ui() -> UiMetadata:
    from .ui import UI

    return UI


@hookimpl
async def on_module_enabled(tenant_id: int) -> None:
    from .leave.services import seed_default_types

    await seed_default_types()


@hookimpl
async def seed_demo(tenant_id: int) -> None:
    from .demo import seed

    await seed()


@hookimpl
def register_request_types() -> list[RequestType]:
    from .portal import REQUEST_TYPES

    return REQUEST_TYPES


@hookimpl
def register_indicators() -> list[Indicator]:
    from .indicators import INDICATORS

    return INDICATORS


@hookimpl
def register_notification_kinds() -> list[NotificationKind]:
    from .notifications import KINDS

    return KINDS


@hookimpl
def register_commentables() -> list[Commentable]:
    from .notifications import COMMENTABLES

    return COMMENTABLES


@hookimpl
async def personal_data_export(employee_id: int | None, user_id: int | None) -> Any:
    from .people.services import employee_of_user
    from .privacy.sections import employee_sections, user_sections

    if employee_id is None and user_id is not None:
        employee_id = ((await employee_of_user(user_id)) or {}).get("id")
    sections = await employee_sections(employee_id) if employee_id is not None else []
    return sections + (await user_sections(user_id) if user_id is not None else [])


@hookimpl
async def personal_data_anonymise(employee_id: int | None, user_id: int | None, label: str) -> Any:
    from .privacy.services import anonymise_hr

    return await anonymise_hr(employee_id, user_id, label)
