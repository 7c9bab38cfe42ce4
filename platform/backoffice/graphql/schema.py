"""Schema assembly: one Strawberry schema per set of enabled modules, built once and cached.

Each tenant sees only the fields of the modules it has enabled: introspection, GraphiQL and
validation all run against that tenant's schema. ``SchemaRouter`` stands in for a schema in
the HTTP controller and forwards to the schema of the current request.
"""

from __future__ import annotations

import decimal
import logging
import re
from contextvars import ContextVar
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types.scalar import ScalarDefinition

from backoffice.db.unavailable import is_unavailable
from backoffice.errors import BackofficeError, BadUserInput, ServiceUnavailable
from backoffice.graphql.ratelimit import QueryCost
from backoffice import tracing
from backoffice.i18n import translate
from backoffice.modules.manager import ModuleRegistry
from backoffice.observability import GraphQLMetrics, count_graphql_error
from backoffice.settings import Settings

log = logging.getLogger("backoffice.graphql")

_current_modules: ContextVar[frozenset[str]] = ContextVar(
    "backoffice_modules", default=frozenset({"core"})
)


def _finite_decimal(value: object) -> decimal.Decimal:
    """A Decimal input: a number, never NaN or infinity (which no amount can be)."""
    text = str(value) if isinstance(value, int | float | str) and not isinstance(value, bool) else None
    try:
        number = decimal.Decimal(text) if text is not None else None
    except decimal.DecimalException:
        number = None
    if number is None or not number.is_finite():
        raise StrawberryInputCoercionError(f'Value cannot represent a Decimal: "{value}".')
    return number


# Strawberry's Decimal scalar, except that it refuses NaN and infinities.
FINITE_DECIMAL = ScalarDefinition(
    name="Decimal", description="Decimal (fixed-point)", specified_by_url=None, serialize=str,
    parse_value=_finite_decimal, parse_literal=None, origin=decimal.Decimal)


# SQLSTATEs of text the database cannot store (a NUL character, or a character outside the
# database's encoding): the input is at fault, whichever field it came through.
_UNSTORABLE_TEXT = {"22021", "22P05"}


def _unstorable_text(error: BaseException | None) -> bool:
    return getattr(error, "sqlstate", None) in _UNSTORABLE_TEXT


UNSTORABLE_TEXT = (
    "The text contains a character that cannot be stored (such as the NUL character).",
    "Teks berisi karakter yang tidak dapat disimpan (misalnya karakter NUL).",
)


class BackofficeSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        # Expected domain errors are answers, not incidents: log only the unexpected ones.
        for error in errors:
            original = error.original_error
            if _unstorable_text(original):
                continue
            if is_unavailable(original):
                # An outage, not a bug: one line, no trace (the database is reported by /ready).
                log.warning("Database unavailable in GraphQL %s: %s: %s", error.path,
                            type(original).__name__, original)
            elif original is not None and not isinstance(original, BackofficeError | GraphQLError):
                log.error("Unhandled error in GraphQL %s", error.path, exc_info=original)


def build_schema(registry: ModuleRegistry, enabled: frozenset[str], settings: Settings) -> BackofficeSchema:
    modules = [m for m in registry if m.key in enabled]
    queries = tuple(q for m in modules for q in m.graphql.queries)
    mutations = tuple(q for m in modules for q in m.graphql.mutations)
    types = [t for m in modules for t in m.graphql.types]
    query = merge_types("Query", queries)
    mutation = merge_types("Mutation", mutations) if mutations else None
    return BackofficeSchema(
        query=query,
        mutation=mutation,
        types=types,
        config=StrawberryConfig(disable_field_suggestions=True),
        scalar_overrides={decimal.Decimal: FINITE_DECIMAL},
        extensions=[
            GraphQLMetrics,
            lambda: QueryDepthLimiter(max_depth=settings.graphql_max_depth),
            lambda: MaxTokensLimiter(max_token_count=settings.graphql_max_tokens),
            lambda: MaxAliasesLimiter(max_alias_count=settings.graphql_max_aliases),
            *tracing.schema_extensions(),
            lambda: QueryCost(settings),
        ],
    )


class SchemaRouter:
    """Forwards to the schema of the enabled modules of the current request."""

    def __init__(self, registry: ModuleRegistry, settings: Settings) -> None:
        self.registry = registry
        self.settings = settings
        self._cache: dict[frozenset[str], BackofficeSchema] = {}
        # Which module owns each root field, to explain a disabled module's field.
        self.field_owner: dict[str, str] = {}
        for m in registry:
            for cls in (*m.graphql.queries, *m.graphql.mutations):
                for f in cls.__strawberry_definition__.fields:
                    self.field_owner[self._graphql_name(f)] = m.key

    @staticmethod
    def _graphql_name(f: Any) -> str:
        return f.graphql_name or strawberry.schema.name_converter.NameConverter().get_graphql_name(f)

    def for_modules(self, enabled: frozenset[str]) -> BackofficeSchema:
        key = self.registry.effective_enabled(enabled)
        schema = self._cache.get(key)
        if schema is None:
            schema = build_schema(self.registry, key, self.settings)
            self._cache[key] = schema
        return schema

    def full(self) -> BackofficeSchema:
        return self.for_modules(frozenset(self.registry.keys))

    @staticmethod
    def use(enabled: frozenset[str]) -> None:
        _current_modules.set(enabled)

    def current(self) -> BackofficeSchema:
        return self.for_modules(_current_modules.get())

    def __getattr__(self, name: str) -> Any:
        return getattr(self.current(), name)


_MISSING_FIELD = re.compile(r"Cannot query field '(\w+)' on type '(Query|Mutation)'")


def format_error(error: GraphQLError, router: SchemaRouter | None = None) -> dict[str, Any]:
    """A client-safe error: a human message and a stable ``extensions.code``; no traces."""
    original = error.original_error
    out: dict[str, Any] = {}
    if is_unavailable(original) and not isinstance(original, ServiceUnavailable):
        original = ServiceUnavailable()
    elif _unstorable_text(original):
        original = BadUserInput(UNSTORABLE_TEXT)
    if isinstance(original, BackofficeError):
        out["message"] = translate(original.text)
        extensions = dict(original.extensions)
    elif original is None or isinstance(original, GraphQLError):
        # Errors of the request itself (parse, validation, variables, limits): graphql-core's
        # messages are safe to show and name what is wrong.
        message = error.message
        extensions = {"code": "GRAPHQL_VALIDATION_FAILED"}
        match = _MISSING_FIELD.search(message)
        if "exceeds maximum" in message or "more than" in message and "tokens" in message \
                or "aliases" in message:
            extensions["code"] = "QUERY_TOO_COMPLEX"
        elif message.startswith("Syntax Error"):
            extensions["code"] = "GRAPHQL_PARSE_FAILED"
        elif message.startswith("Variable '$") or "got invalid value" in message:
            extensions["code"] = "BAD_USER_INPUT"
        elif "not allowed when using GET" in message or "operation type" in message.lower():
            extensions["code"] = "METHOD_NOT_ALLOWED"
        elif match and router is not None and match.group(1) in router.field_owner:
            module = router.field_owner[match.group(1)]
            extensions = {"code": "MODULE_DISABLED", "module": module}
            message = translate((
                f"The {module} module is not enabled for this company, so "
                f"'{match.group(1)}' is not available.",
                f"Modul {module} tidak aktif untuk perusahaan ini, sehingga "
                f"'{match.group(1)}' tidak tersedia.",
            ))
        out["message"] = message
    else:
        out["message"] = translate(("Internal server error.", "Terjadi kesalahan pada server."))
        extensions = {"code": "INTERNAL_SERVER_ERROR"}
    if error.locations:
        out["locations"] = [{"line": loc.line, "column": loc.column} for loc in error.locations]
    if error.path:
        out["path"] = list(error.path)
    out["extensions"] = extensions
    count_graphql_error(str(extensions.get("code", "UNKNOWN")))
    return out
