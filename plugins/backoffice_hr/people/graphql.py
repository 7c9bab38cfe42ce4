"""GraphQL of the organisation: departments, positions, employees, emergency contacts."""

from __future__ import annotations

import base64 as base64_module
import dataclasses
import enum
from datetime import date, datetime
from typing import Any

import strawberry

from backoffice import sdk

from . import services
from .tables import Department as DepartmentTable
from .tables import EmergencyContact as ContactTable
from .tables import Employee as EmployeeTable
from .tables import Position as PositionTable

SENSITIVE = "hr.employee.read_sensitive"


# -- loaders (one query per request per kind, whatever the number of rows) -----------------------

async def load_departments(keys: list[int]) -> list[dict[str, Any] | None]:
    return await sdk.rows_by_id(DepartmentTable, keys)


async def load_positions(keys: list[int]) -> list[dict[str, Any] | None]:
    return await sdk.rows_by_id(PositionTable, keys)


async def load_employees(keys: list[int]) -> list[dict[str, Any] | None]:
    return await sdk.rows_by_id(EmployeeTable, keys)


async def load_headcounts(keys: list[int]) -> list[int]:
    rows = await EmployeeTable.select(EmployeeTable.department_id).where(
        EmployeeTable.department_id.is_in(list(set(keys))) & (EmployeeTable.status != "terminated"))
    counts: dict[int, int] = {}
    for r in rows:
        counts[r["department_id"]] = counts.get(r["department_id"], 0) + 1
    return [counts.get(k, 0) for k in keys]


async def load_contacts(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(ContactTable, ContactTable.employee_id, keys, order_by=ContactTable.id)


# -- types ---------------------------------------------------------------------------------------

@strawberry.type
class Department:
    id: strawberry.ID
    name: str
    code: str
    _pk: strawberry.Private[int]
    _parent_id: strawberry.Private[int | None]

    @classmethod
    def of(cls, row: dict[str, Any]) -> Department:
        return cls(id=sdk.encode_id("Department", row["id"]), name=row["name"], code=row["code"],
                   _pk=row["id"], _parent_id=row["parent_id"])

    @strawberry.field
    async def parent(self, info: sdk.Info) -> Department | None:
        if self._parent_id is None:
            return None
        row = await sdk.loader(info, load_departments).load(self._parent_id)
        return Department.of(row) if row else None

    @strawberry.field(description="Employees in the department who have not left.")
    async def headcount(self, info: sdk.Info) -> int:
        return await sdk.loader(info, load_headcounts).load(self._pk)


@strawberry.type
class Position:
    id: strawberry.ID
    title: str
    grade: str
    _department_id: strawberry.Private[int | None]

    @classmethod
    def of(cls, row: dict[str, Any]) -> Position:
        return cls(id=sdk.encode_id("Position", row["id"]), title=row["title"], grade=row["grade"],
                   _department_id=row["department_id"])

    @strawberry.field
    async def department(self, info: sdk.Info) -> Department | None:
        if self._department_id is None:
            return None
        row = await sdk.loader(info, load_departments).load(self._department_id)
        return Department.of(row) if row else None


@strawberry.type
class EmergencyContact:
    id: strawberry.ID
    name: str
    relationship: str
    phone: str


@strawberry.type(description="A person employed by the company.")
class Employee:
    id: strawberry.ID
    employee_number: str
    full_name: str
    work_email: str
    phone: str
    employment_type: str
    status: str
    start_date: date
    end_date: date | None
    _row: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, row: dict[str, Any]) -> Employee:
        return cls(id=sdk.encode_id("Employee", row["id"]), employee_number=row["employee_number"],
                   full_name=row["full_name"], work_email=row["work_email"], phone=row["phone"],
                   employment_type=row["employment_type"], status=row["status"],
                   start_date=row["start_date"], end_date=row["end_date"], _row=row)

    async def _may_see_sensitive(self, info: sdk.Info) -> bool:
        actor = info.context.actor
        if actor.user_id is not None and self._row["user_id"] == actor.user_id:
            return True  # your own record
        return await sdk.has_permission(info, SENSITIVE)

    async def _sensitive(self, info: sdk.Info, key: str) -> str | None:
        return self._row[key] if await self._may_see_sensitive(info) else None

    @strawberry.field
    async def department(self, info: sdk.Info) -> Department | None:
        pk = self._row["department_id"]
        row = await sdk.loader(info, load_departments).load(pk) if pk else None
        return Department.of(row) if row else None

    @strawberry.field
    async def position(self, info: sdk.Info) -> Position | None:
        pk = self._row["position_id"]
        row = await sdk.loader(info, load_positions).load(pk) if pk else None
        return Position.of(row) if row else None

    @strawberry.field
    async def manager(self, info: sdk.Info) -> Employee | None:
        pk = self._row["manager_id"]
        row = await sdk.loader(info, load_employees).load(pk) if pk else None
        return Employee.of(row) if row else None

    @strawberry.field(description="Sensitive: null without hr.employee.read_sensitive.")
    async def national_id(self, info: sdk.Info) -> str | None:
        return await self._sensitive(info, "national_id")

    @strawberry.field(description="NPWP. Sensitive: null without hr.employee.read_sensitive.")
    async def tax_id(self, info: sdk.Info) -> str | None:
        return await self._sensitive(info, "tax_id")

    @strawberry.field(description="Sensitive: null without hr.employee.read_sensitive.")
    async def bank_name(self, info: sdk.Info) -> str | None:
        return await self._sensitive(info, "bank_name")

    @strawberry.field(description="Sensitive: null without hr.employee.read_sensitive.")
    async def bank_account(self, info: sdk.Info) -> str | None:
        return await self._sensitive(info, "bank_account")

    @strawberry.field(description="PTKP status for PPh 21 (TK/0 ... K/3). Sensitive.")
    async def ptkp_status(self, info: sdk.Info) -> str | None:
        return await self._sensitive(info, "ptkp_status")

    @strawberry.field(description="Sensitive.")
    async def birth_date(self, info: sdk.Info) -> date | None:
        return self._row["birth_date"] if await self._may_see_sensitive(info) else None

    @strawberry.field(description="Sensitive.")
    async def address(self, info: sdk.Info) -> str | None:
        return await self._sensitive(info, "address")

    @strawberry.field(description="Sensitive.")
    async def emergency_contacts(self, info: sdk.Info) -> list[EmergencyContact] | None:
        if not await self._may_see_sensitive(info):
            return None
        rows = await sdk.loader(info, load_contacts).load(self._row["id"])
        return [EmergencyContact(id=sdk.encode_id("EmergencyContact", r["id"]), name=r["name"],
                                 relationship=r["relationship"], phone=r["phone"]) for r in rows]

    @strawberry.field(description="Documents kept with the record. Sensitive.")
    async def documents(self, info: sdk.Info) -> list[EmployeeDocument] | None:
        if not await self._may_see_sensitive(info):
            return None
        return [EmployeeDocument.of(r) for r in await sdk.loader(info, load_documents).load(self._row["id"])]

    @strawberry.field(description="Whether the employee is linked to a user of the company.")
    def has_user(self) -> bool:
        return self._row["user_id"] is not None

    @strawberry.field(description="Whether this former employee's personal data was anonymised "
                                  "(UU PDP): the record keeps only what the law requires.")
    def anonymised(self) -> bool:
        return self._row.get("anonymised_at") is not None


# -- filters and ordering --------------------------------------------------------------------------

@strawberry.enum
class EmployeeOrderField(enum.Enum):
    NAME = "full_name"
    EMPLOYEE_NUMBER = "employee_number"
    START_DATE = "start_date"


@strawberry.enum
class OrderDirection(enum.Enum):
    ASC = "asc"
    DESC = "desc"


@strawberry.input
class EmployeeOrder:
    field: EmployeeOrderField = EmployeeOrderField.NAME
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input
class EmployeeFilter:
    search: str | None = strawberry.field(default=None,
                                          description="Part of the name, number or work email.")
    department_id: strawberry.ID | None = None
    position_id: strawberry.ID | None = None
    manager_id: strawberry.ID | None = None
    status: str | None = None
    employment_type: str | None = None


def _opt_id(value: strawberry.ID | None, type_name: str) -> int | None:
    return sdk.decode_id(value, type_name) if value else None


def employee_where(f: EmployeeFilter | None) -> Any:
    if f is None:
        return None
    clauses = []
    if f.search:
        term = f"%{f.search.strip()}%"
        clauses.append(EmployeeTable.full_name.ilike(term) | EmployeeTable.employee_number.ilike(term)
                       | EmployeeTable.work_email.ilike(term))
    for value, type_name, column in ((f.department_id, "Department", EmployeeTable.department_id),
                                     (f.position_id, "Position", EmployeeTable.position_id),
                                     (f.manager_id, "Employee", EmployeeTable.manager_id)):
        if value:
            clauses.append(column == sdk.decode_id(value, type_name))
    if f.status:
        clauses.append(EmployeeTable.status == f.status)
    if f.employment_type:
        clauses.append(EmployeeTable.employment_type == f.employment_type)
    where = sdk.all_of(*clauses)
    return where


# -- inputs and payloads -----------------------------------------------------------------------------

@strawberry.input
class DepartmentInput:
    name: str
    code: str | None = None
    parent_id: strawberry.ID | None = None


@strawberry.input
class UpdateDepartmentInput:
    id: strawberry.ID
    name: str | None = None
    code: str | None = None
    parent_id: strawberry.ID | None = strawberry.UNSET


@strawberry.input
class PositionInput:
    title: str
    grade: str | None = None
    department_id: strawberry.ID | None = None


@strawberry.input
class UpdatePositionInput:
    id: strawberry.ID
    title: str | None = None
    grade: str | None = None
    department_id: strawberry.ID | None = strawberry.UNSET


@strawberry.input
class IdInput:
    id: strawberry.ID


@strawberry.input
class EmployeeInput:
    full_name: str
    start_date: date
    employee_number: str | None = None
    work_email: str | None = None
    phone: str | None = None
    employment_type: str = "permanent"
    department_id: strawberry.ID | None = None
    position_id: strawberry.ID | None = None
    manager_id: strawberry.ID | None = None
    user_id: strawberry.ID | None = None
    birth_date: date | None = None
    gender: str | None = None
    address: str | None = None
    national_id: str | None = None
    tax_id: str | None = None
    bank_name: str | None = None
    bank_account: str | None = None
    ptkp_status: str | None = None
    end_date: date | None = None


@strawberry.input
class UpdateEmployeeInput:
    id: strawberry.ID
    full_name: str | None = strawberry.UNSET
    start_date: date | None = strawberry.UNSET
    employee_number: str | None = strawberry.UNSET
    work_email: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    employment_type: str | None = strawberry.UNSET
    department_id: strawberry.ID | None = strawberry.UNSET
    position_id: strawberry.ID | None = strawberry.UNSET
    manager_id: strawberry.ID | None = strawberry.UNSET
    user_id: strawberry.ID | None = strawberry.UNSET
    birth_date: date | None = strawberry.UNSET
    gender: str | None = strawberry.UNSET
    address: str | None = strawberry.UNSET
    national_id: str | None = strawberry.UNSET
    tax_id: str | None = strawberry.UNSET
    bank_name: str | None = strawberry.UNSET
    bank_account: str | None = strawberry.UNSET
    ptkp_status: str | None = strawberry.UNSET
    end_date: date | None = strawberry.UNSET


@strawberry.input
class TerminateEmployeeInput:
    id: strawberry.ID
    end_date: date


@strawberry.input
class EmergencyContactInput:
    employee_id: strawberry.ID
    name: str
    phone: str
    relationship: str = ""


@strawberry.type
class DepartmentPayload(sdk.Payload):
    department: Department | None = None


@strawberry.type
class PositionPayload(sdk.Payload):
    position: Position | None = None


@strawberry.type
class EmployeePayload(sdk.Payload):
    employee: Employee | None = None


@strawberry.type
class DeletePayload(sdk.Payload):
    deleted_id: strawberry.ID | None = None


ID_FIELDS = {"department_id": "Department", "position_id": "Position", "manager_id": "Employee",
             "user_id": "User"}


def employee_values(data: Any) -> dict[str, Any]:
    """Input fields that were given, with global ids turned into keys."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(data):
        value = getattr(data, f.name)
        if f.name == "id" or value is strawberry.UNSET:
            continue
        if f.name in ID_FIELDS and value is not None:
            value = sdk.decode_id(value, ID_FIELDS[f.name])
        values[f.name] = value
    return values


async def _employee(pk: int) -> Employee:
    return Employee.of(await services.get_employee(pk))


# -- root fields --------------------------------------------------------------------------------------

@strawberry.type
class PeopleQuery:
    @sdk.field("hr.organisation.read", description="The company's departments.")
    async def departments(self, first: int | None = 50, after: str | None = None,
                          search: str | None = None) -> sdk.Connection[Department]:
        where = DepartmentTable.name.ilike(f"%{search.strip()}%") if search else None
        return await sdk.paginate(DepartmentTable, node=Department.of, first=first, after=after,
                                  where=where, order_by=DepartmentTable.name)

    @sdk.field("hr.organisation.read")
    async def department(self, id: strawberry.ID) -> Department:
        return Department.of(await services.get_department(sdk.decode_id(id, "Department")))

    @sdk.field("hr.organisation.read", description="The company's positions.")
    async def positions(self, first: int | None = 50, after: str | None = None,
                        department_id: strawberry.ID | None = None) -> sdk.Connection[Position]:
        where = (PositionTable.department_id == sdk.decode_id(department_id, "Department")
                 if department_id else None)
        return await sdk.paginate(PositionTable, node=Position.of, first=first, after=after,
                                  where=where, order_by=PositionTable.title)

    @sdk.field("hr.employee.read", description="Employees, with filters and ordering.")
    async def employees(self, first: int | None = 20, after: str | None = None,
                        filter: EmployeeFilter | None = None,
                        order_by: EmployeeOrder | None = None) -> sdk.Connection[Employee]:
        order = order_by or EmployeeOrder()
        column = getattr(EmployeeTable, order.field.value)
        return await sdk.paginate(EmployeeTable, node=Employee.of, first=first, after=after,
                                  where=employee_where(filter), order_by=column,
                                  descending=order.direction == OrderDirection.DESC)

    @sdk.field("hr.employee.read")
    async def employee(self, id: strawberry.ID) -> Employee:
        return await _employee(sdk.decode_id(id, "Employee"))

    @sdk.field(self_service=True,
               description="Your own employee record (self-service); null if you have none.")
    async def my_employee(self, info: sdk.Info) -> Employee | None:
        user_id = info.context.actor.user_id
        row = await services.employee_of_user(user_id) if user_id else None
        return Employee.of(row) if row else None


@strawberry.type
class PeopleMutation:
    @sdk.mutation("hr.organisation.manage")
    async def create_department(self, input: DepartmentInput) -> DepartmentPayload:
        pk = await services.save_department(None, name=input.name, code=input.code,
                                            parent_id=_opt_id(input.parent_id, "Department"),
                                            set_parent=True)
        return DepartmentPayload(department=Department.of(await services.get_department(pk)))

    @sdk.mutation("hr.organisation.manage")
    async def update_department(self, input: UpdateDepartmentInput) -> DepartmentPayload:
        pk = sdk.decode_id(input.id, "Department")
        set_parent = input.parent_id is not strawberry.UNSET
        await services.save_department(
            pk, name=input.name, code=input.code, set_parent=set_parent,
            parent_id=_opt_id(input.parent_id, "Department") if set_parent else None)
        return DepartmentPayload(department=Department.of(await services.get_department(pk)))

    @sdk.mutation("hr.organisation.manage")
    async def delete_department(self, input: IdInput) -> DeletePayload:
        await services.delete_department(sdk.decode_id(input.id, "Department"))
        return DeletePayload(deleted_id=input.id)

    @sdk.mutation("hr.organisation.manage")
    async def create_position(self, input: PositionInput) -> PositionPayload:
        pk = await services.save_position(None, title=input.title, grade=input.grade,
                                          department_id=_opt_id(input.department_id, "Department"),
                                          set_department=True)
        return PositionPayload(position=Position.of(await services.get_position(pk)))

    @sdk.mutation("hr.organisation.manage")
    async def update_position(self, input: UpdatePositionInput) -> PositionPayload:
        pk = sdk.decode_id(input.id, "Position")
        set_department = input.department_id is not strawberry.UNSET
        await services.save_position(
            pk, title=input.title, grade=input.grade, set_department=set_department,
            department_id=_opt_id(input.department_id, "Department") if set_department else None)
        return PositionPayload(position=Position.of(await services.get_position(pk)))

    @sdk.mutation("hr.organisation.manage")
    async def delete_position(self, input: IdInput) -> DeletePayload:
        await services.delete_position(sdk.decode_id(input.id, "Position"))
        return DeletePayload(deleted_id=input.id)

    @sdk.mutation("hr.employee.manage")
    async def create_employee(self, input: EmployeeInput) -> EmployeePayload:
        pk = await services.save_employee(None, employee_values(input))
        return EmployeePayload(employee=await _employee(pk))

    @sdk.mutation("hr.employee.manage")
    async def update_employee(self, input: UpdateEmployeeInput) -> EmployeePayload:
        pk = sdk.decode_id(input.id, "Employee")
        await services.save_employee(pk, employee_values(input))
        return EmployeePayload(employee=await _employee(pk))

    @sdk.mutation("hr.employee.manage", description="Record that an employee leaves.")
    async def terminate_employee(self, input: TerminateEmployeeInput) -> EmployeePayload:
        pk = sdk.decode_id(input.id, "Employee")
        await services.terminate_employee(pk, input.end_date)
        return EmployeePayload(employee=await _employee(pk))

    @sdk.mutation("hr.employee.manage")
    async def add_emergency_contact(self, input: EmergencyContactInput) -> EmployeePayload:
        pk = sdk.decode_id(input.employee_id, "Employee")
        await services.add_emergency_contact(pk, input.name, input.relationship, input.phone)
        return EmployeePayload(employee=await _employee(pk))

    @sdk.mutation("hr.employee.manage")
    async def remove_emergency_contact(self, input: IdInput) -> EmployeePayload:
        employee_id = await services.remove_emergency_contact(
            sdk.decode_id(input.id, "EmergencyContact"))
        return EmployeePayload(employee=await _employee(employee_id))


# -- import and export -------------------------------------------------------------------------------

@strawberry.type
class ImportRowErrors:
    row: int
    errors: list[sdk.UserError]


@strawberry.input
class ImportEmployeesInput:
    file: str = strawberry.field(description="The file's content, base64-encoded.")
    format: sdk.FileFormat = sdk.FileFormat.CSV
    dry_run: bool = True


@strawberry.type
class ImportEmployeesPayload(sdk.Payload):
    dry_run: bool = True
    valid_rows: int = 0
    created: int = 0
    rows_with_errors: list[ImportRowErrors] = dataclasses.field(default_factory=list)
    _rollback: strawberry.Private[bool] = False


@strawberry.type
class ImportExportQuery:
    @sdk.field("hr.employee.read", description="The employee list as CSV or XLSX.")
    async def export_employees(self, info: sdk.Info, format: sdk.FileFormat = sdk.FileFormat.XLSX,
                               filter: EmployeeFilter | None = None) -> sdk.ExportFile:
        from .imports import export_rows

        query = EmployeeTable.select().order_by(EmployeeTable.employee_number)
        where = employee_where(filter)
        if where is not None:
            query = query.where(where)
        rows = await query
        names = {
            "department": {r["id"]: r["name"] for r in await DepartmentTable.select(DepartmentTable.id, DepartmentTable.name)},
            "position": {r["id"]: r["title"] for r in await PositionTable.select(PositionTable.id, PositionTable.title)},
            "manager": {r["id"]: r["employee_number"] for r in await EmployeeTable.select(
                EmployeeTable.id, EmployeeTable.employee_number)},
        }
        headers, data = export_rows(rows, names, await sdk.has_permission(info, SENSITIVE))
        return sdk.export_file("employees", headers, data, format)


@strawberry.type
class ImportMutation:
    @sdk.mutation("hr.employee.manage",
                  description="Import employees from CSV or XLSX. A dry run (the default) only reports "
                              "each row's errors; nothing is written unless every row is valid.")
    async def import_employees(self, input: ImportEmployeesInput) -> ImportEmployeesPayload:
        from .imports import import_rows

        rows = sdk.read_rows(input.file, input.format)
        created, problems = await import_rows(rows)
        report = [ImportRowErrors(row=number, errors=[
            sdk.UserError(field=["input", "file", str(number), f] if f else ["input", "file", str(number)],
                          message=m, code=c) for f, m, c in errors]) for number, errors in problems]
        valid = len(rows) - len(problems)
        if problems or input.dry_run:
            return ImportEmployeesPayload(dry_run=input.dry_run, valid_rows=valid, created=0,
                                          rows_with_errors=report, _rollback=True)
        return ImportEmployeesPayload(dry_run=False, valid_rows=valid, created=created)


# -- documents ------------------------------------------------------------------------------------------

async def load_documents(keys: list[int]) -> list[list[dict[str, Any]]]:
    from .tables import EmployeeDocument as DocumentTable

    rows = await DocumentTable.select(DocumentTable.id, DocumentTable.employee_id, DocumentTable.name,
                                      DocumentTable.content_type, DocumentTable.size,
                                      DocumentTable.uploaded_at).where(
        DocumentTable.employee_id.is_in(list(set(keys)))).order_by(DocumentTable.id)
    grouped: dict[int, list[dict[str, Any]]] = {}
    for r in rows:
        grouped.setdefault(r["employee_id"], []).append(r)
    return [grouped.get(k, []) for k in keys]


@strawberry.type
class EmployeeDocument:
    id: strawberry.ID
    name: str
    content_type: str
    size: int
    uploaded_at: datetime
    _row: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, r: dict[str, Any]) -> EmployeeDocument:
        return cls(id=sdk.encode_id("EmployeeDocument", r["id"]), name=r["name"],
                   content_type=r["content_type"], size=r["size"], uploaded_at=r["uploaded_at"], _row=r)

    @strawberry.field(description="The file, base64-encoded; only when asked for one document.")
    def base64(self) -> str | None:
        content = self._row.get("content")
        return base64_module.b64encode(bytes(content)).decode() if content is not None else None


@strawberry.input
class EmployeeDocumentInput:
    employee_id: strawberry.ID
    name: str
    file: str = strawberry.field(description="PDF, PNG or JPEG, base64-encoded, at most 5 MB.")


@strawberry.type
class EmployeeDocumentPayload(sdk.Payload):
    document: EmployeeDocument | None = None


@strawberry.type
class DocumentQuery:
    @sdk.field(SENSITIVE, description="One employee document with its content.")
    async def employee_document(self, id: strawberry.ID) -> EmployeeDocument:
        from . import documents

        return EmployeeDocument.of(await documents.get(sdk.decode_id(id, "EmployeeDocument"), with_content=True))


@strawberry.type
class DocumentMutation:
    @sdk.mutation("hr.employee.manage", description="Keep a document with an employee's record.")
    async def add_employee_document(self, info: sdk.Info, input: EmployeeDocumentInput) -> EmployeeDocumentPayload:
        from . import documents

        pk = await documents.add(sdk.decode_id(input.employee_id, "Employee"), input.name, input.file,
                                 info.context.actor.user_id)
        return EmployeeDocumentPayload(document=EmployeeDocument.of(await documents.get(pk)))

    @sdk.mutation("hr.employee.manage")
    async def remove_employee_document(self, input: IdInput) -> EmployeePayload:
        from . import documents

        employee_id = await documents.remove(sdk.decode_id(input.id, "EmployeeDocument"))
        return EmployeePayload(employee=await _employee(employee_id))
