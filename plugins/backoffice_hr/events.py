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
]
