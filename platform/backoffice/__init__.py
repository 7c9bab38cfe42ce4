"""Backoffice: the core platform (tenants, identity, plugins, GraphQL, jobs, events).

Plugins import from :mod:`backoffice.sdk` only; everything else here is private to the core.
"""

__version__ = "0.1.0"
