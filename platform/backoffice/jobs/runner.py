"""Placeholder replaced by the jobs runner."""


async def start(settings):  # noqa: ANN001, ANN201
    return None


async def stop():  # noqa: ANN201
    return None
