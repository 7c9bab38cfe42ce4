"""Piccolo's configuration module (``PICCOLO_CONF=backoffice.db.piccolo_conf``).

``DB`` is the engine every table uses; ``APP_REGISTRY`` holds the core's and every plugin's
Piccolo app, from the ``register_piccolo_app`` hook. A process started for migrations
(``BACKOFFICE_DB_ROLE=owner``, set by ``backoffice migrate``) connects as the owner role;
every other process connects as the application role.
"""

from __future__ import annotations

import os
import sys
import types

from piccolo.conf.apps import AppRegistry

from backoffice.db.engine import build_engine
from backoffice.settings import get_settings

_settings = get_settings()
_url = _settings.owner_url if os.environ.get("BACKOFFICE_DB_ROLE") == "owner" else _settings.database_url

DB = build_engine(_url, connect_timeout=_settings.database_connect_timeout_seconds,
                  pool_timeout=_settings.database_pool_timeout_seconds)


def _registry() -> AppRegistry:
    """Piccolo finds apps by importing a module path with an ``APP_CONFIG``; plugins hand
    their ``AppConfig`` over through a hook, so each one is given such a module here."""
    from backoffice.runtime import get_registry  # noqa: PLC0415

    paths = []
    for module in get_registry():
        app = module.piccolo_app
        if app is None:
            continue
        path = f"backoffice.db._piccolo_apps.{app.app_name}"
        holder = types.ModuleType(path)
        holder.APP_CONFIG = app  # type: ignore[attr-defined]
        sys.modules[path] = holder
        paths.append(path)
    return AppRegistry(apps=paths)


APP_REGISTRY = _registry()
