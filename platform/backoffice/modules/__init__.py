"""The plugin manager: hookspecs, discovery through entry points, validation, per-tenant enablement."""
