"""Payroll: salary structures, monthly runs as jobs, payslips, and the Indonesian rules (BPJS,
PPh 21 with TER and the December recalculation, THR), kept as versioned data in ``rules``."""
