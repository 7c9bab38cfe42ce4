"""Purchases: suppliers and their bills (with PPN input), payments to suppliers, and employees'
expense claims with approval."""
