"""Placeholder replaced by the OAuth token endpoint."""


def route_handlers():  # noqa: ANN201
    return []
