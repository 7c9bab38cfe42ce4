"""Office inventory: furniture and equipment with their place (building, floor, room), a
custodian and a status."""
