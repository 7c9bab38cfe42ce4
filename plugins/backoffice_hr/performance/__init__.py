"""Performance: review cycles, weighted goals, self and manager reviews, and a summary per
department."""
