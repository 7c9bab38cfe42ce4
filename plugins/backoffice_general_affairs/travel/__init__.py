"""Business travel: requests with a cash advance, approval, and settlement of actual costs,
which tells finance (``ga.travel_settled``)."""
