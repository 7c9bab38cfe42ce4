"""The per-request GraphQL context: the actor (fixed at the edge) and per-request DataLoaders."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import msgspec
from strawberry.dataloader import DataLoader
from strawberry.litestar import BaseContext

from backoffice.identity.actor import Actor


class Context(BaseContext, kw_only=True):
    actor: Actor
    loaders: dict[Any, DataLoader[Any, Any]] = msgspec.field(default_factory=dict)
    # The operation's cost and rate limit budget (set before execution, read by ``rateLimit``).
    rate: Any = None

    def loader(self, batch: Callable[[list[Any]], Awaitable[list[Any]]]) -> DataLoader[Any, Any]:
        """The request's DataLoader for ``batch`` (created on first use, never shared)."""
        existing = self.loaders.get(batch)
        if existing is None:
            existing = DataLoader(load_fn=batch)
            self.loaders[batch] = existing
        return existing

    @property
    def client_ip(self) -> str:
        return self.actor.ip
