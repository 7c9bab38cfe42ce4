"""Domain events the HR module publishes, for the other departments to act on."""

from backoffice.sdk import EventType, Text

EVENT_TYPES = [
    EventType("hr.employee_hired", Text(
        "An applicant was hired. Payload: employee_id, employee_number, full_name, work_email, "
        "department_id, position_id, start_date, employment_type.",
        "Pelamar direkrut. Isi: employee_id, employee_number, full_name, work_email, "
        "department_id, position_id, start_date, employment_type.")),
    EventType("hr.employee_terminated", Text(
        "An employee leaves. Payload: employee_id, full_name, end_date.",
        "Karyawan keluar. Isi: employee_id, full_name, end_date.")),
    EventType("hr.employee_anonymised", Text(
        "A former employee's personal data was anonymised (UU PDP); modules that copied it "
        "elsewhere should remove it too. Payload: employee_id.",
        "Data pribadi mantan karyawan telah dianonimkan (UU PDP); modul yang menyalinnya ke "
        "tempat lain sebaiknya juga menghapusnya. Isi: employee_id.")),
    EventType("hr.certificate_expiring", Text(
        "A certificate expires within 30 days. Payload: certificate_id, employee_id, name, expires_on.",
        "Sertifikat kedaluwarsa dalam 30 hari. Isi: certificate_id, employee_id, name, expires_on.")),
    EventType("hr.payroll_approved", Text(
        "A payroll run was approved. Payload: payroll_run_id, period, employee_count, currency, "
        "gross, net_pay, pph21, bpjs_employee, bpjs_employer, thr, jht_employer, jp_employer, "
        "jkk_employer, jkm_employer, health_employer (decimal strings, rupiah).",
        "Penggajian disetujui. Isi: payroll_run_id, period, employee_count, currency, gross, "
        "net_pay, pph21, bpjs_employee, bpjs_employer, thr, jht_employer, jp_employer, "
        "jkk_employer, jkm_employer, health_employer (string desimal, rupiah).")),
]
