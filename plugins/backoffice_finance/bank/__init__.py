"""The bank: statement import from CSV, suggested matches, and reconciliation."""
