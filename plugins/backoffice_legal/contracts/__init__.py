"""Contracts: parties, value, dates and notice, a status workflow, document versions, a review
step, and reminders before notice deadlines and expiry."""
