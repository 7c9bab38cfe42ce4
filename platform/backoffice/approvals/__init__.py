"""The approvals inbox: one place where everything waiting for a person's decision shows up,
whatever module it comes from, decided step by step by the tenant's approval rules, with
stand-ins while someone is away. Modules take part through the ``register_approvables`` hook."""
