"""Navigation and resource metadata of the HR module for the web app."""

from backoffice.sdk import NavItem, Text, UiColumn, UiFormField, UiMetadata, UiResource

EMPLOYMENT_TYPES = (
    ("permanent", Text("Permanent", "Tetap")),
    ("contract", Text("Fixed-term contract", "Kontrak (PKWT)")),
    ("intern", Text("Intern", "Magang")),
    ("freelancer", Text("Freelancer", "Pekerja lepas")),
)

UI = UiMetadata(
    navigation=(
        NavItem(key="hr", label=Text("People", "SDM"), path="/hr", icon="users", children=(
            NavItem(key="hr.employees", label=Text("Employees", "Karyawan"), path="/hr/employees",
                    permission="hr.employee.read"),
            NavItem(key="hr.departments", label=Text("Departments", "Departemen"),
                    path="/hr/departments", permission="hr.organisation.read"),
            NavItem(key="hr.positions", label=Text("Positions", "Jabatan"), path="/hr/positions",
                    permission="hr.organisation.read"),
            NavItem(key="hr.leave", label=Text("Leave", "Cuti"), path="/hr/leave",
                    permission="hr.leave.read"),
        )),
        NavItem(key="me.leave", label=Text("My leave", "Cuti saya"), path="/me/leave",
                icon="calendar"),
    ),
    resources=(
        UiResource(
            key="employees", label=Text("Employees", "Karyawan"), query="employees",
            permission="hr.employee.read", create_mutation="createEmployee",
            update_mutation="updateEmployee",
            columns=(
                UiColumn("employeeNumber", Text("No.", "No."), sortable=True),
                UiColumn("fullName", Text("Name", "Nama"), sortable=True),
                UiColumn("department.name", Text("Department", "Departemen")),
                UiColumn("position.title", Text("Position", "Jabatan")),
                UiColumn("manager.fullName", Text("Manager", "Atasan")),
                UiColumn("employmentType", Text("Type", "Jenis"), kind="enum"),
                UiColumn("startDate", Text("Start date", "Tanggal mulai"), sortable=True,
                         kind="date"),
                UiColumn("status", Text("Status", "Status"), kind="enum"),
            ),
            form=(
                UiFormField("fullName", Text("Full name", "Nama lengkap"), required=True),
                UiFormField("startDate", Text("Start date", "Tanggal mulai"), kind="date",
                            required=True),
                UiFormField("employmentType", Text("Employment type", "Jenis hubungan kerja"),
                            kind="select", options=EMPLOYMENT_TYPES),
                UiFormField("departmentId", Text("Department", "Departemen"), kind="ref:Department"),
                UiFormField("positionId", Text("Position", "Jabatan"), kind="ref:Position"),
                UiFormField("managerId", Text("Manager", "Atasan"), kind="ref:Employee"),
                UiFormField("workEmail", Text("Work email", "Email kantor"), kind="email"),
                UiFormField("phone", Text("Phone", "Telepon"), kind="tel"),
                UiFormField("nationalId", Text("NIK", "NIK")),
                UiFormField("taxId", Text("NPWP", "NPWP")),
            ),
        ),
        UiResource(
            key="departments", label=Text("Departments", "Departemen"), query="departments",
            permission="hr.organisation.read", create_mutation="createDepartment",
            update_mutation="updateDepartment",
            columns=(UiColumn("name", Text("Name", "Nama"), sortable=True),
                     UiColumn("code", Text("Code", "Kode")),
                     UiColumn("parent.name", Text("Part of", "Bagian dari")),
                     UiColumn("headcount", Text("Headcount", "Jumlah karyawan"), kind="number")),
            form=(UiFormField("name", Text("Name", "Nama"), required=True),
                  UiFormField("code", Text("Code", "Kode")),
                  UiFormField("parentId", Text("Part of", "Bagian dari"), kind="ref:Department")),
        ),
    ),
)
