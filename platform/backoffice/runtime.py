"""Process-wide singletons: settings, the validated module registry, and the engine.

Built once, on first use, so that the app, the CLI, the worker and Piccolo's configuration
module all share one registry per process.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

os.environ.setdefault("PICCOLO_CONF", "backoffice.db.piccolo_conf")

from backoffice.modules.manager import ModuleRegistry, load_registry  # noqa: E402

_registry: ModuleRegistry | None = None
_extra_plugins: list[Any] = []


def configure_plugins(extra: Iterable[Any]) -> None:
    """Register plugins that are not installed through entry points (tests, embedding).

    Must be called before the registry is first used.
    """
    global _registry
    _extra_plugins[:] = list(extra)
    _registry = None


def get_registry() -> ModuleRegistry:
    global _registry
    if _registry is None:
        import importlib  # noqa: PLC0415

        from backoffice.modules.manager import PluginError  # noqa: PLC0415
        from backoffice.settings import get_settings  # noqa: PLC0415

        extra = list(_extra_plugins)
        for path in get_settings().extra_plugins:
            try:
                extra.append(importlib.import_module(path))
            except ImportError as exc:
                raise PluginError(path, f"cannot be imported: {exc}") from exc
        _registry = load_registry(extra, exclude=get_settings().exclude_plugins)
    return _registry


def get_engine() -> Any:
    from piccolo.engine.finder import engine_finder  # noqa: PLC0415

    engine = engine_finder()
    if engine is None:
        raise RuntimeError("No database engine configured")
    return engine
