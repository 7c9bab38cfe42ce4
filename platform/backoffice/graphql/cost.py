"""The cost of a GraphQL operation, computed from the document before anything runs.

Modelled on GitHub's GraphQL limits:

- **Requested nodes.** Each connection field (a type with ``edges`` and ``pageInfo``) asks for
  as many nodes as its ``first`` argument (or ``last``; when neither is given, the argument's
  default in the schema, else the API's default page of 20). A connection nested inside
  another is asked for once per node of its parent, so page sizes multiply down the tree:
  ``payrollRuns(first: 10) { nodes { payslips(first: 50) { ... } } }`` requests
  ``10 + 10 × 50 = 510`` nodes. Scalars, plain objects and plain lists add nothing.
- **Points.** One point per 100 requested nodes (rounded up), plus ``MUTATION_POINTS`` for each
  mutation field of a mutation operation; never less than one point.

Fragments and inline fragments are followed, variables are resolved (then the variable's
default, then the argument's default), and fields skipped by ``@skip``/``@include`` cost
nothing. The computation is pure: it reads no database and touches no budget.

Usage (also from code outside the HTTP endpoint, for example to tell a caller that a query
is too large for the endpoint and should run as a bulk job)::

    from backoffice.graphql.cost import operation_cost, exceeds_limits

    cost = operation_cost(schema, "{ users(first: 100) { nodes { id } } }")
    cost.requested_nodes, cost.points      # (100, 1)
    exceeds_limits(cost, settings)         # False
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    parse,
    value_from_ast_untyped,
)

from backoffice.graphql.relay import DEFAULT_PAGE

# What each mutation field costs on top of the nodes it asks for: a write is dearer than a read.
MUTATION_POINTS = 10
# Requested nodes per point (one full page of the API's largest page size).
NODES_PER_POINT = 100


@dataclass(frozen=True)
class Cost:
    """``requested_nodes``: nodes the connections of the operation may return at most;
    ``points``: what the operation takes from a rate-limit budget (at least 1)."""

    requested_nodes: int
    points: int


def operation_cost(schema: Any, document: DocumentNode | str,
                   variables: Mapping[str, Any] | None = None,
                   operation_name: str | None = None) -> Cost:
    """The cost of one operation of ``document`` against ``schema``.

    ``schema`` is a Strawberry schema or a graphql-core ``GraphQLSchema``; ``document`` a
    parsed document or its text. The operation is the one named ``operation_name``, or the
    only one. When no operation can be chosen (several and no name, or an unknown name) the
    cost is the minimum, one point: executing the document reports that error anyway.
    The document is assumed valid against the schema (run it after validation); fields the
    schema does not know cost nothing.
    """
    graphql_schema: GraphQLSchema = getattr(schema, "_schema", schema)
    if isinstance(document, str):
        document = parse(document)
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    if len(operations) != 1:
        return Cost(requested_nodes=0, points=1)
    operation = operations[0]
    fragments = {d.name.value: d for d in document.definitions
                 if isinstance(d, FragmentDefinitionNode)}
    walker = _Walker(graphql_schema, fragments, _variables(operation, variables or {}))
    root = graphql_schema.get_root_type(operation.operation)
    if root is None:
        return Cost(requested_nodes=0, points=1)
    nodes = walker.selection_set(operation.selection_set, root, multiplier=1, visiting=())
    points = math.ceil(nodes / NODES_PER_POINT)
    if operation.operation == OperationType.MUTATION:
        points += MUTATION_POINTS * walker.root_fields(operation.selection_set, root)
    return Cost(requested_nodes=nodes, points=max(1, points))


def exceeds_limits(cost: Cost, settings: Any) -> bool:
    """Whether ``cost`` is over the largest operation the endpoint runs
    (``GRAPHQL_MAX_NODES`` requested nodes or ``GRAPHQL_MAX_COST`` points)."""
    return (cost.requested_nodes > settings.graphql_max_nodes
            or cost.points > settings.graphql_max_cost)


def _variables(operation: OperationDefinitionNode, given: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        if name in given:
            values[name] = given[name]
        elif definition.default_value is not None:
            values[name] = value_from_ast_untyped(definition.default_value)
    return values


def is_connection(named: GraphQLNamedType) -> bool:
    """A Relay connection type: an object with ``edges`` and ``pageInfo``."""
    return isinstance(named, GraphQLObjectType) and "edges" in named.fields \
        and "pageInfo" in named.fields


class _Walker:
    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode],
                 variables: dict[str, Any]) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def _value(self, node: Any) -> Any:
        if isinstance(node, VariableNode):
            return self.variables.get(node.name.value)
        return value_from_ast_untyped(node, self.variables)

    def _included(self, node: Any) -> bool:
        for directive in node.directives or ():
            name = directive.name.value
            if name not in ("skip", "include"):
                continue
            condition = next((self._value(a.value) for a in directive.arguments
                              if a.name.value == "if"), None)
            if name == "skip" and condition is True:
                return False
            if name == "include" and condition is False:
                return False
        return True

    def _page(self, node: FieldNode, definition: GraphQLField) -> int:
        given = {a.name.value: a.value for a in node.arguments or ()}
        for name in ("first", "last"):
            if name in given:
                value = self._value(given[name])
                if value is None and name in definition.args:
                    value = definition.args[name].default_value
                if isinstance(value, int) and not isinstance(value, bool):
                    return max(0, value)
        for name in ("first", "last"):
            arg = definition.args.get(name)
            if arg is not None and isinstance(arg.default_value, int) \
                    and not isinstance(arg.default_value, bool):
                return max(0, arg.default_value)
        return DEFAULT_PAGE

    def _fields(self, selection_set: SelectionSetNode, parent: GraphQLNamedType,
                visiting: tuple[str, ...]) -> list[tuple[FieldNode, GraphQLNamedType, tuple[str, ...]]]:
        """The fields of a selection set, fragments flattened, each with its parent type."""
        out: list[tuple[FieldNode, GraphQLNamedType, tuple[str, ...]]] = []
        for selection in selection_set.selections:
            if not self._included(selection):
                continue
            if isinstance(selection, FieldNode):
                out.append((selection, parent, visiting))
            elif isinstance(selection, InlineFragmentNode):
                condition = parent
                if selection.type_condition is not None:
                    condition = self.schema.get_type(selection.type_condition.name.value) or parent
                out.extend(self._fields(selection.selection_set, condition, visiting))
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in visiting:  # unknown or cyclic: validation says so
                    continue
                condition = self.schema.get_type(fragment.type_condition.name.value) or parent
                out.extend(self._fields(fragment.selection_set, condition, (*visiting, name)))
        return out

    def root_fields(self, selection_set: SelectionSetNode, root: GraphQLObjectType) -> int:
        return sum(1 for node, _, _ in self._fields(selection_set, root, ())
                   if node.name.value != "__typename")

    def selection_set(self, selection_set: SelectionSetNode, parent: GraphQLNamedType,
                      multiplier: int, visiting: tuple[str, ...]) -> int:
        nodes = 0
        for node, parent_type, seen in self._fields(selection_set, parent, visiting):
            if node.name.value.startswith("__") or node.selection_set is None:
                continue  # scalars, enums and introspection are free
            if not isinstance(parent_type, GraphQLObjectType | GraphQLInterfaceType):
                continue
            definition = parent_type.fields.get(node.name.value)
            if definition is None:
                continue
            named = get_named_type(definition.type)
            inner = multiplier
            if is_connection(named):
                size = self._page(node, definition)
                nodes += multiplier * size
                inner = multiplier * size
            nodes += self.selection_set(node.selection_set, named, inner, seen)
        return nodes
