"""Outbound shipments: carrier, tracking, packages, a status from planned to delivered (or
returned), proof of delivery; shipping takes the goods out of stock, a return brings them back."""
