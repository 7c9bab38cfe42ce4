"""Training and development: programmes, sessions with capacity, enrolments and completions,
and certificates with expiry dates watched by a daily job."""
