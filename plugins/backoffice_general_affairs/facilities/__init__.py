"""Facilities: rooms and vehicles, booked without overlaps (the database refuses an overlap on
PostgreSQL; SQLite checks inside its serialised write transaction)."""
