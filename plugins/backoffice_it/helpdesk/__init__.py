"""The helpdesk: tickets from any member, replies and internal notes, SLA targets with breach
detection, satisfaction on close, and onboarding and offboarding checklists from HR."""
