"""Domain events between modules: the outbox, written in the publishing transaction, and
at-least-once delivery to the handlers of the modules the tenant has enabled."""
