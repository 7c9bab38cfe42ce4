"""Permissions and role templates of the HR module."""

from backoffice.sdk import Permission, RoleTemplate, Text


def _p(key: str, en: str, id_: str) -> Permission:
    return Permission(key, Text(en, id_))


PERMISSIONS = [
    _p("hr.organisation.read", "See departments and positions", "Melihat departemen dan jabatan"),
    _p("hr.organisation.manage", "Change departments and positions",
       "Mengubah departemen dan jabatan"),
    _p("hr.employee.read", "See employees", "Melihat karyawan"),
    _p("hr.employee.read_sensitive",
       "See national id, tax id, bank account and salary of employees",
       "Melihat NIK, NPWP, rekening bank, dan gaji karyawan"),
    _p("hr.employee.manage", "Add, change and terminate employees",
       "Menambah, mengubah, dan memberhentikan karyawan"),
    _p("hr.recruitment.read", "See job openings and applicants",
       "Melihat lowongan dan pelamar"),
    _p("hr.recruitment.manage", "Run recruitment: openings, applicants, hiring",
       "Menjalankan rekrutmen: lowongan, pelamar, perekrutan"),
    _p("hr.training.read", "See training programmes and certificates",
       "Melihat program pelatihan dan sertifikat"),
    _p("hr.training.manage", "Run training: programmes, sessions, enrolments, certificates",
       "Mengelola pelatihan: program, sesi, pendaftaran, sertifikat"),
    _p("hr.performance.read", "See review cycles, goals and ratings",
       "Melihat siklus penilaian, sasaran, dan nilai"),
    _p("hr.performance.manage", "Run performance reviews", "Mengelola penilaian kinerja"),
    _p("hr.policy.read", "See company policies and acknowledgements",
       "Melihat kebijakan perusahaan dan persetujuannya"),
    _p("hr.policy.manage", "Write and publish company policies",
       "Menulis dan menerbitkan kebijakan perusahaan"),
    _p("hr.payroll.read", "See salaries, payroll runs and payslips",
       "Melihat gaji, penggajian, dan slip gaji"),
    _p("hr.payroll.manage", "Set salaries and run payroll", "Mengatur gaji dan menjalankan penggajian"),
    _p("hr.payroll.approve", "Approve payroll runs", "Menyetujui penggajian"),
    _p("hr.leave.read", "See everyone's leave", "Melihat cuti semua karyawan"),
    _p("hr.leave.manage", "Set leave types and balances", "Mengatur jenis dan saldo cuti"),
    _p("hr.leave.approve", "Approve or reject anyone's leave requests",
       "Menyetujui atau menolak permintaan cuti siapa pun"),
    _p("hr.personal_data.manage",
       "Export a person's personal data and anonymise former employees (UU PDP)",
       "Mengekspor data pribadi seseorang dan menganonimkan mantan karyawan (UU PDP)"),
    _p("hr.request.handle", "Answer employees' requests to HR: employment letters and questions",
       "Menjawab permintaan karyawan kepada SDM: surat keterangan kerja dan pertanyaan"),
]

READ = ["hr.organisation.read", "hr.employee.read", "hr.leave.read", "hr.recruitment.read",
        "hr.training.read", "hr.performance.read", "hr.policy.read"]

ROLE_TEMPLATES = [
    RoleTemplate(
        key="manager", name=Text("HR manager", "Manajer SDM"),
        description=Text("Everything in HR, including sensitive data.",
                         "Semua akses SDM, termasuk data sensitif."),
        permissions=tuple(p.key for p in PERMISSIONS),
    ),
    RoleTemplate(
        key="staff", name=Text("HR staff", "Staf SDM"),
        description=Text("Day-to-day HR work, without sensitive data.",
                         "Pekerjaan SDM sehari-hari, tanpa data sensitif."),
        permissions=(*READ, "hr.employee.manage", "hr.leave.manage", "hr.leave.approve",
                     "hr.recruitment.manage", "hr.training.manage", "hr.performance.manage",
                     "hr.policy.manage", "hr.request.handle"),
    ),
    RoleTemplate(
        key="self_service", name=Text("Employee self-service", "Layanan mandiri karyawan"),
        description=Text("Your own record and leave; the organisation chart.",
                         "Data dan cuti Anda sendiri; struktur organisasi."),
        permissions=("hr.organisation.read", "hr.policy.read"),
    ),
]
