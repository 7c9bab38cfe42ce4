"""Assets: hardware with serials, warranty and location, assigned to members; software
licences with seats; the assignment history; renewal and warranty reminders."""
