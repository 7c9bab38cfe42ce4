"""The double-entry ledger: accounts, journal entries that always balance, periods, rates."""
