"""Discovers plugins, validates what they declare, and answers questions about modules.

Plugins are found through the ``backoffice.plugins`` entry-point group. Everything is
validated once at start-up; any fault stops start-up with a :class:`PluginError` naming the
plugin at fault, never at the first request.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterable
from typing import Any

import pluggy

from . import hookspecs
from .types import (
    EVENT_TYPE_RE,
    MODULE_KEY_RE,
    PERMISSION_RE,
    GraphQLContribution,
    ModuleInfo,
    ModuleManifest,
    UiMetadata,
)

ENTRY_POINT_GROUP = "backoffice.plugins"
DEFAULT_PLUGINS = ("backoffice.core",)
CORE = "core"


class PluginError(RuntimeError):
    """A plugin is broken; the message names it. Start-up stops."""

    def __init__(self, plugin: str, message: str) -> None:
        super().__init__(f"Plugin {plugin!r}: {message}")
        self.plugin = plugin


class ModuleRegistry:
    """The validated set of installed modules, in dependency order (core first)."""

    def __init__(self, modules: list[ModuleInfo], pm: pluggy.PluginManager) -> None:
        self.pm = pm
        self._modules = {m.key: m for m in modules}
        self.permissions = {p.key: p for m in modules for p in m.permissions}
        self.event_types = {e.key: e for m in modules for e in m.event_types}
        self._jobs = {
            job_name(fn): (m.key, fn) for m in modules for fn in m.jobs
        }

    # -- lookups ---------------------------------------------------------------------------

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._modules.values())

    def __contains__(self, key: object) -> bool:
        return key in self._modules

    def get(self, key: str) -> ModuleInfo:
        return self._modules[key]

    @property
    def keys(self) -> list[str]:
        return list(self._modules)

    @property
    def optional_keys(self) -> list[str]:
        return [k for k, m in self._modules.items() if not m.manifest.core]

    def job(self, name: str) -> tuple[str, Any]:
        return self._jobs[name]

    @property
    def jobs(self) -> dict[str, tuple[str, Any]]:
        return dict(self._jobs)

    def effective_enabled(self, enabled: Iterable[str]) -> frozenset[str]:
        """Core modules plus the enabled ones that are installed."""
        return frozenset(
            k for k, m in self._modules.items() if m.manifest.core or k in set(enabled)
        )

    def dependents(self, key: str) -> list[str]:
        return [k for k, m in self._modules.items() if key in m.manifest.depends_on]

    def dependency_closure(self, key: str) -> list[str]:
        """``key`` and everything it needs, dependencies first."""
        seen: list[str] = []

        def visit(k: str) -> None:
            for dep in self._modules[k].manifest.depends_on:
                visit(dep)
            if k not in seen:
                seen.append(k)

        visit(key)
        return seen

    def permissions_for(self, enabled: Iterable[str]) -> list[str]:
        keys = self.effective_enabled(enabled)
        return [p for p, perm in self.permissions.items() if perm.module in keys]

    def call(self, key: str, hook: str, **kwargs: Any) -> Any:
        """Call one hook of one module's plugin (``None`` if it does not implement it)."""
        return _call_one(self._modules[key].plugin, hook, **kwargs)


def job_name(fn: Any) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def _impl(plugin: Any, hook: str) -> Any:
    fn = getattr(plugin, hook, None)
    if fn is None:
        return None
    return fn


def _call_one(plugin: Any, hook: str, **kwargs: Any) -> Any:
    """Call a plugin's hook with the arguments it asks for (as pluggy does): a hook can gain an
    argument without breaking the implementations written before it."""
    fn = _impl(plugin, hook)
    if fn is None:
        return None
    params = inspect.signature(fn).parameters
    if not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        kwargs = {k: v for k, v in kwargs.items() if k in params}
    return fn(**kwargs)


def _plugin_name(pm: pluggy.PluginManager, plugin: Any) -> str:
    return pm.get_name(plugin) or getattr(plugin, "__name__", repr(plugin))


def create_plugin_manager(
    extra_plugins: Iterable[Any] = (), *, entry_points: bool = True,
    exclude: Iterable[str] = (),
) -> pluggy.PluginManager:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    for name in exclude:
        pm.set_blocked(name)
    for name in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    if entry_points:
        try:
            pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
        except Exception as exc:  # an import error inside a plugin
            raise PluginError(getattr(exc, "name", "?") or "?", f"failed to load: {exc}") from exc
    for plugin in extra_plugins:
        if pm.is_registered(plugin):
            continue
        pm.register(plugin, name=getattr(plugin, "__name__", None))
    return pm


def load_registry(
    extra_plugins: Iterable[Any] = (), *, entry_points: bool = True, exclude: Iterable[str] = (),
) -> ModuleRegistry:
    """Discover and validate every plugin. Raises :class:`PluginError` on the first fault."""
    pm = create_plugin_manager(extra_plugins, entry_points=entry_points, exclude=exclude)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(_plugin_name(pm, exc.plugin), str(exc)) from exc

    modules: list[ModuleInfo] = []
    # Registration order (core, entry points, extras): a clash blames the later plugin.
    for name, plugin in pm.list_name_plugin():
        if plugin is None:
            continue
        modules.append(_collect(name, plugin))
    modules = _validate(modules, pm)
    return ModuleRegistry(modules, pm)


def _collect(name: str, plugin: Any) -> ModuleInfo:
    manifest = _call_one(plugin, "register_module")
    if not isinstance(manifest, ModuleManifest):
        raise PluginError(name, "register_module must return a ModuleManifest")
    info = ModuleInfo(manifest=manifest, plugin=plugin)
    info.permissions = list(_call_one(plugin, "register_permissions") or [])
    info.role_templates = list(_call_one(plugin, "register_role_templates") or [])
    info.graphql = _call_one(plugin, "register_graphql") or GraphQLContribution()
    info.event_types = list(_call_one(plugin, "register_event_types") or [])
    info.event_handlers = list(_call_one(plugin, "register_event_handlers") or [])
    info.jobs = list(_call_one(plugin, "register_jobs") or [])
    info.cron_jobs = list(_call_one(plugin, "register_cron_jobs") or [])
    info.ui = _call_one(plugin, "register_ui") or UiMetadata()
    info.piccolo_app = _call_one(plugin, "register_piccolo_app")
    info.notification_kinds = list(_call_one(plugin, "register_notification_kinds") or [])
    info.approvables = list(_call_one(plugin, "register_approvables") or [])
    info.request_types = list(_call_one(plugin, "register_request_types") or [])
    info.indicators = list(_call_one(plugin, "register_indicators") or [])
    info.commentables = list(_call_one(plugin, "register_commentables") or [])
    return info


def _validate(modules: list[ModuleInfo], pm: pluggy.PluginManager) -> list[ModuleInfo]:
    by_key: dict[str, ModuleInfo] = {}
    for m in modules:
        name = _plugin_name(pm, m.plugin)
        key = m.manifest.key
        if not MODULE_KEY_RE.match(key):
            raise PluginError(name, f"module key {key!r} must be lower-case letters, digits, _")
        if key in by_key:
            other = _plugin_name(pm, by_key[key].plugin)
            raise PluginError(name, f"module key {key!r} is already used by plugin {other!r}")
        if m.manifest.core and name not in DEFAULT_PLUGINS:
            raise PluginError(name, "only the core may declare core=True")
        by_key[key] = m

    for m in modules:
        name = _plugin_name(pm, m.plugin)
        for dep in m.manifest.depends_on:
            if dep not in by_key:
                raise PluginError(name, f"depends on module {dep!r}, which is not installed")
        _check_permissions(name, m, by_key)
        for ev in m.event_types:
            if not EVENT_TYPE_RE.match(ev.key) or not ev.key.startswith(m.key + "."):
                raise PluginError(name, f"event type {ev.key!r} must look like '{m.key}.<event>'")
        for cron in m.cron_jobs:
            if cron.job not in m.jobs:
                raise PluginError(name, f"cron job {cron.name!r} runs a job not in register_jobs")
        for job in m.jobs:
            if not inspect.iscoroutinefunction(job):
                raise PluginError(name, f"job {job!r} must be an async function")
        for what, keys in (("notification kind", [k.key for k in m.notification_kinds]),
                           ("approvable", [a.kind for a in m.approvables]),
                           ("request type", [r.key for r in m.request_types]),
                           ("indicator", [i.key for i in m.indicators])):
            for key in keys:
                if not EVENT_TYPE_RE.match(key) or not key.startswith(m.key + "."):
                    raise PluginError(name, f"{what} {key!r} must look like '{m.key}.<name>'")

    _check_cycles(by_key, pm)
    known_events = {e.key for m in modules for e in m.event_types}
    for m in modules:
        for h in m.event_handlers:
            if h.event_type not in known_events:
                raise PluginError(
                    _plugin_name(pm, m.plugin),
                    f"handler {h.name!r} subscribes to {h.event_type!r}, which no module declares",
                )
    _check_graphql_names(modules, pm)
    return _dependency_order(modules)


def _check_permissions(name: str, m: ModuleInfo, by_key: dict[str, ModuleInfo]) -> None:
    seen: set[str] = set()
    for p in m.permissions:
        if not PERMISSION_RE.match(p.key):
            raise PluginError(name, f"permission {p.key!r} is not '<module>.<resource>.<action>'")
        if p.module != m.key:
            raise PluginError(name, f"permission {p.key!r} must start with '{m.key}.'")
        if p.key in seen:
            raise PluginError(name, f"permission {p.key!r} is declared twice")
        seen.add(p.key)
    reachable = {m.key, *m.manifest.depends_on, CORE}
    allowed = {p.key for k in reachable if k in by_key for p in by_key[k].permissions}
    for t in m.role_templates:
        unknown = [p for p in t.permissions if p not in allowed]
        if unknown:
            raise PluginError(name, f"role template {t.key!r} grants undeclared {unknown}")


def _check_cycles(by_key: dict[str, ModuleInfo], pm: pluggy.PluginManager) -> None:
    def visit(key: str, path: tuple[str, ...]) -> None:
        if key in path:
            raise PluginError(
                _plugin_name(pm, by_key[key].plugin),
                "dependency cycle: " + " -> ".join((*path, key)),
            )
        for dep in by_key[key].manifest.depends_on:
            visit(dep, (*path, key))

    for key in by_key:
        visit(key, ())


def _root_fields(cls: type) -> list[str]:
    definition = getattr(cls, "__strawberry_definition__", None)
    if definition is None:
        return []
    return [f.python_name for f in definition.fields]


def _type_names(contribution: GraphQLContribution) -> dict[str, Any]:
    """The Strawberry types reachable from a module's root classes, by GraphQL name."""
    from strawberry.schema.name_converter import NameConverter  # noqa: PLC0415
    from strawberry.types.base import StrawberryObjectDefinition  # noqa: PLC0415

    converter = NameConverter()

    names: dict[str, Any] = {}
    stack: list[Any] = [*contribution.types]
    for root in (*contribution.queries, *contribution.mutations):
        definition = getattr(root, "__strawberry_definition__", None)
        if definition is None:
            continue
        for f in definition.fields:
            stack.append(f.type)
            stack.extend(a.type for a in f.arguments)
    seen: set[int] = set()
    while stack:
        t = stack.pop()
        if id(t) in seen:
            continue
        seen.add(id(t))
        for attr in ("of_type",):
            inner = getattr(t, attr, None)
            if inner is not None:
                stack.append(inner)
        definition = getattr(t, "__strawberry_definition__", None)
        if isinstance(definition, StrawberryObjectDefinition) and not definition.is_graphql_generic:
            # Specialised generics (Connection[Employee]) get their schema name here.
            names[converter.from_object(definition)] = definition
            for f in definition.fields:
                stack.append(f.type)
    return names


def _check_access(plugin: str, kind: str, cls: type) -> None:
    """Deny by default: a root field must say who may call it."""
    from backoffice.graphql.fields import access_rule  # noqa: PLC0415

    for f in cls.__strawberry_definition__.fields:
        reserved = [a.python_name for a in f.arguments if a.python_name in ("source", "info")]
        if reserved:
            # Field extensions receive the resolver's arguments beside their own `source`
            # and `info`: an argument of that name would clash at run time.
            raise PluginError(plugin, f"{kind} field {f.python_name!r} has an argument named "
                              f"{reserved[0]!r}: rename it in Python (strawberry.argument(name=...))")
        if access_rule(f) is None:
            raise PluginError(
                plugin, f"{kind} field {f.python_name!r} names no permission: declare it with "
                "sdk.field(permission=...) or sdk.mutation(permission=...)")


def _check_graphql_names(modules: list[ModuleInfo], pm: pluggy.PluginManager) -> None:
    owner: dict[str, str] = {}
    for m in modules:
        name = _plugin_name(pm, m.plugin)
        for kind, classes in (("query", m.graphql.queries), ("mutation", m.graphql.mutations)):
            for cls in classes:
                if getattr(cls, "__strawberry_definition__", None) is None:
                    raise PluginError(name, f"{cls!r} is not a Strawberry type")
                _check_access(name, kind, cls)
                for field in _root_fields(cls):
                    k = f"{kind}:{field}"
                    if k in owner and owner[k] != m.key:
                        raise PluginError(
                            name, f"{kind} field {field!r} is already defined by module "
                            f"{owner[k]!r}"
                        )
                    owner[k] = m.key
    # Shared SDK types (PageInfo, UserError ...) are one class used by many modules; a
    # collision is two different classes claiming one name.
    type_owner: dict[str, tuple[Any, str]] = {}
    for m in modules:
        for t, definition in _type_names(m.graphql).items():
            if t in type_owner and type_owner[t][0] is not definition:
                raise PluginError(
                    _plugin_name(pm, m.plugin),
                    f"GraphQL type {t!r} is already defined by module {type_owner[t][1]!r}",
                )
            type_owner.setdefault(t, (definition, m.key))


def _dependency_order(modules: list[ModuleInfo]) -> list[ModuleInfo]:
    by_key = {m.key: m for m in modules}
    ordered: list[ModuleInfo] = []

    def visit(key: str) -> None:
        if by_key[key] in ordered:
            return
        for dep in by_key[key].manifest.depends_on:
            visit(dep)
        ordered.append(by_key[key])

    for m in sorted(modules, key=lambda m: (not m.manifest.core, m.key)):
        visit(m.key)
    return ordered


