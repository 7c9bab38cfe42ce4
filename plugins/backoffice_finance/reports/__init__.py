"""Financial statements computed from the ledger: profit and loss, balance sheet."""
