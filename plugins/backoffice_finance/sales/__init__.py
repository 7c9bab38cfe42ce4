"""Sales: customers, PPN rates with their effective dates, invoices issued with gap-free
numbers and posted to the ledger, and payments against them."""
