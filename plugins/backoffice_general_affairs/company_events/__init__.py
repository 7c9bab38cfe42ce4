"""Company events: dates, a venue booked as a room (so bookings never clash), a budget,
participants who answer the invitation, and a checklist of tasks with owners."""
