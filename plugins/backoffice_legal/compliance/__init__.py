"""Compliance: permits and licences with expiry warnings, and recurring regulatory filings
generated ahead of their due dates, with overdue ones flagged."""
