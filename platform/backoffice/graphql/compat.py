"""The schema as a contract: what changed since the last release, and whether it may ship.

``docs/api/schema-release.graphql`` is the schema as last released and ``docs/api-changes.md``
the changelog. A change that can break a client (graphql-core's ``find_breaking_changes``:
a field, type, argument or enum value removed, a type changed, a required argument added ...)
ships only when its description is listed in the changelog, and a field or enum value is
removed only after a release in which it was ``@deprecated``. Additions are always allowed;
"dangerous" changes (a new enum value, an optional argument ...) are reported as warnings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphql import (
    BreakingChangeType,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    build_schema,
    find_breaking_changes,
    find_dangerous_changes,
)

# graphql-core's wording (3.3): "Field Query.b was removed." and "Enum value E.Y was removed."
_FIELD_REMOVED = re.compile(r"(\w+)\.(\w+) was removed\.$")
_ENUM_VALUE_REMOVED = re.compile(r"(\w+)\.(\w+) was removed\.$")


@dataclass
class Report:
    """The outcome of comparing two schemas."""

    accepted: list[str] = field(default_factory=list)
    """Breaking changes that the changelog lists (and that were deprecated first, if removals)."""
    refused: list[str] = field(default_factory=list)
    """Breaking changes that may not ship, each with the reason."""
    warnings: list[str] = field(default_factory=list)
    """Changes that are safe for most clients but may surprise some (dangerous changes)."""

    @property
    def ok(self) -> bool:
        return not self.refused


def _was_deprecated(schema: GraphQLSchema, kind: BreakingChangeType, description: str) -> bool | None:
    """For a removal, whether the removed thing was ``@deprecated`` in ``schema``; None when
    the change is not a removal that deprecation applies to."""
    if kind == BreakingChangeType.FIELD_REMOVED:
        match = _FIELD_REMOVED.search(description)
        if not match:
            return None
        owner = schema.get_type(match.group(1))
        if isinstance(owner, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            old = owner.fields.get(match.group(2))
            return old is not None and getattr(old, "deprecation_reason", None) is not None
        return False
    if kind == BreakingChangeType.VALUE_REMOVED_FROM_ENUM:
        match = _ENUM_VALUE_REMOVED.search(description)
        if not match:
            return None
        enum = schema.get_type(match.group(1))
        if isinstance(enum, GraphQLEnumType):
            value = enum.values.get(match.group(2))
            return value is not None and value.deprecation_reason is not None
        return False
    return None


def compare(released_sdl: str, current_sdl: str, changelog: str) -> Report:
    """Compare the released schema with the current one against the changelog's text."""
    released = build_schema(released_sdl)
    current = build_schema(current_sdl)
    report = Report()
    for change in find_breaking_changes(released, current):
        text = change.description
        deprecated = _was_deprecated(released, change.type, text)
        if deprecated is False:
            report.refused.append(
                f"{text} Removals go through @deprecated first: deprecate it in one release "
                f"and remove it in a later one.")
        elif text not in changelog:
            report.refused.append(
                f"{text} This breaks clients: list it in docs/api-changes.md "
                f"(the sentence as written here) with what integrators should do instead.")
        else:
            report.accepted.append(text)
    report.warnings = [change.description for change in find_dangerous_changes(released, current)]
    return report
