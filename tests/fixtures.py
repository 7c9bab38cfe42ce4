"""Fixtures shared by every suite: the app, HTTP clients and signed-up companies."""

from __future__ import annotations

from collections.abc import AsyncIterator

import secrets

import httpx
import pytest

from helpers import Api, Company, sign_up


@pytest.fixture(scope="session")
async def app():  # type: ignore[no-untyped-def]
    # The lifespan's work, run in the tests' own event loop (Litestar's test clients run
    # the lifespan in a loop of their own, where a connection pool would be unusable).
    from backoffice.app import create_app, shutdown, startup
    from backoffice.settings import get_settings

    application = create_app()
    await startup(get_settings())
    yield application
    import asyncio

    await asyncio.wait_for(shutdown(), 60)


@pytest.fixture
async def new_client(app):  # type: ignore[no-untyped-def]
    """A factory of independent browsers (each with its own cookies)."""
    clients: list[httpx.AsyncClient] = []

    async def make(**headers: str) -> Api:
        # The app's lifespan already runs (session fixture); each client is one browser.
        # Each browser comes from an address of its own, as real ones do, so that per-address
        # log-in throttling in one test does not spill into another.
        address = f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250) + 1}"
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=(address, 40000)),
                                   base_url="http://testserver")
        clients.append(client)
        return Api(client, headers)

    yield make
    for c in clients:
        await c.aclose()


@pytest.fixture
async def api(new_client) -> Api:  # type: ignore[no-untyped-def]
    return await new_client()


@pytest.fixture
async def company(new_client) -> AsyncIterator[Company]:  # type: ignore[no-untyped-def]
    """A freshly signed-up company; ``company.api`` is its owner's logged-in client."""
    yield await sign_up(await new_client())


@pytest.fixture
async def other_company(new_client) -> AsyncIterator[Company]:  # type: ignore[no-untyped-def]
    yield await sign_up(await new_client())
