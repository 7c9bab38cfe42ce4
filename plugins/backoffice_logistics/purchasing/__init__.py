"""Purchase receipts: deliveries expected from suppliers (what, how many, at what cost) and the
receipts recorded against them, partial or whole, each posting stock receipts."""
