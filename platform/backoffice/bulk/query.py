"""The bulk query itself: checked against the caller's schema, then rewritten for paging.

A bulk query is one query operation, without variables, whose only root field is a connection
(``users``, ``employees``, ``invoices`` ...). Its nodes are selected through ``nodes { ... }``
or ``edges { node { ... } }``. A node may hold connections of its own (one level deep); their
nodes become lines of their own carrying the parent's ``id`` as ``__parentId``.

:func:`plan` checks the text and returns a :class:`Plan`: the rewritten document asks for pages
of 100 with ``after: $bulkAfter`` and adds, under aliases ending in ``_``, what the runner needs
(page info, total count, edge cursors, the parent ids), which it strips before writing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    NamedTypeNode,
    NameNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableDefinitionNode,
    VariableNode,
    get_named_type,
    parse,
    print_ast,
    validate,
)

from backoffice.i18n import Message

PAGE = 100
PAGE_INFO = "bulkPageInfo_"
TOTAL = "bulkTotalCount_"
EDGES = "bulkEdges_"
PARENT_ID = "bulkParentId_"
AFTER_VAR = "bulkAfter"
NESTED_AFTER_VAR = "bulkNestedAfter"
MAX_QUERY_LENGTH = 20_000


class BulkQueryError(Exception):
    """A bulk query that cannot run; ``code`` is the user error's code."""

    def __init__(self, code: str, message: Message) -> None:
        super().__init__(code)
        self.code = code
        self.message = message


@dataclass
class Nested:
    """A connection inside each node of the root connection."""

    key: str  # its response key in the node
    node_keys: tuple[str, ...]  # how to reach its nodes: ("nodes",) or (edges, node)
    field: FieldNode  # the rewritten field, for follow-up pages
    type_condition: str | None  # the fragment type it was selected under, if any


@dataclass
class Plan:
    root_field: str  # the schema name of the root connection
    root_key: str  # its response key
    node_keys: tuple[str, ...]
    document: str  # pages of the root connection
    nested: list[Nested] = field(default_factory=list)
    has_total: bool = False
    root_field_node: FieldNode | None = None
    fragments: dict[str, FragmentDefinitionNode] = field(default_factory=dict)

    def follow_up(self, nested: Nested) -> str:
        """A document reading one parent (``first: 1`` after the previous edge's cursor) and
        the next page of one of its nested connections (``after: $bulkNestedAfter``)."""
        assert self.root_field_node is not None
        inner = replace(nested.field, arguments=(
            *_without(nested.field.arguments, "after"),
            _arg("after", VariableNode(name=NameNode(value=NESTED_AFTER_VAR)))))
        selection: Any = inner
        if nested.type_condition:
            selection = InlineFragmentNode(
                type_condition=NamedTypeNode(name=NameNode(value=nested.type_condition)),
                selection_set=SelectionSetNode(selections=(inner,)))
        node_selection = SelectionSetNode(selections=(_field("id", alias=PARENT_ID), selection))
        root = replace(self.root_field_node, arguments=(
            *_without(self.root_field_node.arguments, "first"), _arg("first", IntValueNode(value="1"))),
            selection_set=SelectionSetNode(selections=(_field("nodes", selection_set=node_selection),)))
        operation = OperationDefinitionNode(
            operation=OperationType.QUERY,
            variable_definitions=(_variable(AFTER_VAR), _variable(NESTED_AFTER_VAR)),
            selection_set=SelectionSetNode(selections=(root,)))
        used = _spreads(inner, self.fragments)
        return print_ast(DocumentNode(definitions=(operation, *(self.fragments[n] for n in sorted(used)))))


def _spreads(node: Any, fragments: dict[str, FragmentDefinitionNode],
             seen: set[str] | None = None) -> set[str]:
    """The names of the fragments ``node`` uses, directly or through other fragments."""
    seen = set() if seen is None else seen
    selection_set = getattr(node, "selection_set", None)
    for selection in (selection_set.selections if selection_set else ()):
        if isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name not in seen:
                seen.add(name)
                _spreads(fragments[name], fragments, seen)
        else:
            _spreads(selection, fragments, seen)
    return seen


def _error(code: str, en: str, id_: str) -> BulkQueryError:
    return BulkQueryError(code, (en, id_))


def _field(name: str, *, alias: str | None = None,
           selection_set: SelectionSetNode | None = None) -> FieldNode:
    return FieldNode(name=NameNode(value=name), alias=NameNode(value=alias) if alias else None,
                     arguments=(), directives=(), selection_set=selection_set)


def _arg(name: str, value: Any) -> ArgumentNode:
    return ArgumentNode(name=NameNode(value=name), value=value)


def _without(arguments: Any, *names: str) -> tuple[ArgumentNode, ...]:
    return tuple(a for a in arguments or () if a.name.value not in names)


def _variable(name: str) -> VariableDefinitionNode:
    return VariableDefinitionNode(variable=VariableNode(name=NameNode(value=name)),
                                  type=NamedTypeNode(name=NameNode(value="String")), directives=())


def _key(node: FieldNode) -> str:
    return node.alias.value if node.alias else node.name.value


def is_connection(graphql_type: Any) -> bool:
    named = get_named_type(graphql_type)
    return isinstance(named, GraphQLObjectType) and "edges" in named.fields \
        and "pageInfo" in named.fields


def _fields(selection_set: SelectionSetNode | None, fragments: dict[str, FragmentDefinitionNode],
            condition: str | None = None) -> list[tuple[FieldNode, str | None]]:
    """The fields of a selection set with fragments expanded, each with the type condition
    of the fragment it came from."""
    out: list[tuple[FieldNode, str | None]] = []
    for selection in (selection_set.selections if selection_set else ()):
        if isinstance(selection, FieldNode):
            out.append((selection, condition))
        elif isinstance(selection, InlineFragmentNode):
            inner = selection.type_condition.name.value if selection.type_condition else condition
            out += _fields(selection.selection_set, fragments, inner)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments[selection.name.value]
            out += _fields(fragment.selection_set, fragments, fragment.type_condition.name.value)
    return out


def _node_selection(connection: FieldNode, connection_type: Any,
                    fragments: dict[str, FragmentDefinitionNode]
                    ) -> tuple[tuple[str, ...], list[tuple[SelectionSetNode, Any]]]:
    """How to reach a connection's nodes in a response, and the selection sets of its nodes."""
    named = get_named_type(connection_type)
    keys: tuple[str, ...] | None = None
    selections: list[tuple[SelectionSetNode, Any]] = []
    node_type = None
    for f, _ in _fields(connection.selection_set, fragments):
        if f.name.value == "nodes" and "nodes" in named.fields:
            node_type = get_named_type(named.fields["nodes"].type)
            keys = keys or (_key(f),)
            selections.append((f.selection_set, node_type))
        elif f.name.value == "edges":
            edge_type = get_named_type(named.fields["edges"].type)
            for g, _ in _fields(f.selection_set, fragments):
                if g.name.value == "node":
                    node_type = get_named_type(edge_type.fields["node"].type)
                    keys = keys or (_key(f), _key(g))
                    selections.append((g.selection_set, node_type))
    if keys is None:
        raise _error("NO_NODES_SELECTED",
                     f"Select the nodes of '{connection.name.value}': "
                     "nodes { ... } or edges { node { ... } }.",
                     f"Pilih node dari '{connection.name.value}': "
                     "nodes { ... } atau edges { node { ... } }.")
    return keys, selections


@dataclass
class _Edits:
    """Changes to make to a parsed document (its nodes are immutable): new arguments of
    fields and fields to add to selection sets, keyed by the original node's identity."""

    arguments: dict[int, tuple[ArgumentNode, ...]] = field(default_factory=dict)
    added: dict[int, tuple[FieldNode, ...]] = field(default_factory=dict)

    def page_arguments(self, node: FieldNode, after: str | None, accepted: Any) -> None:
        arguments = list(_without(node.arguments, "first", "after", "last", "before"))
        if "first" in accepted:
            arguments.append(_arg("first", IntValueNode(value=str(PAGE))))
        if after:
            arguments.append(_arg("after", VariableNode(name=NameNode(value=after))))
        self.arguments[id(node)] = tuple(arguments)

    def add(self, selection_set: SelectionSetNode, *fields: FieldNode) -> None:
        self.added[id(selection_set)] = (*self.added.get(id(selection_set), ()), *fields)

    def apply(self, node: Any) -> Any:
        if isinstance(node, SelectionSetNode):
            return replace(node, selections=(*(self.apply(s) for s in node.selections),
                                             *self.added.get(id(node), ())))
        if isinstance(node, FieldNode):
            return replace(node, arguments=self.arguments.get(id(node), node.arguments),
                           selection_set=self.apply(node.selection_set) if node.selection_set else None)
        if isinstance(node, InlineFragmentNode | FragmentDefinitionNode | OperationDefinitionNode):
            return replace(node, selection_set=self.apply(node.selection_set))
        if isinstance(node, DocumentNode):
            return replace(node, definitions=tuple(self.apply(d) for d in node.definitions))
        return node


def _page_info() -> FieldNode:
    return _field("pageInfo", alias=PAGE_INFO, selection_set=SelectionSetNode(
        selections=(_field("hasNextPage"), _field("endCursor"))))


def _check_no_connection(selection_set: SelectionSetNode | None, parent_type: Any,
                         fragments: dict[str, FragmentDefinitionNode]) -> None:
    """Refuse connections below the one nested level that is written as lines."""
    named = get_named_type(parent_type)
    if not isinstance(named, GraphQLObjectType) or selection_set is None:
        return
    schema_fields = named.fields
    for f, _condition in _fields(selection_set, fragments):
        definition = schema_fields.get(f.name.value)
        if definition is None:  # a field of another type in a fragment: checked as valid
            continue
        if is_connection(definition.type):
            raise _error("NESTING_TOO_DEEP",
                         f"'{f.name.value}' is a connection nested too deep: a bulk query may "
                         "hold connections only directly inside the nodes of its root connection.",
                         f"'{f.name.value}' adalah koneksi yang bersarang terlalu dalam: kueri "
                         "massal hanya boleh memuat koneksi langsung di dalam node koneksi akarnya.")
        _check_no_connection(f.selection_set, definition.type, fragments)


def plan(schema: GraphQLSchema, text: str) -> Plan:
    """Check ``text`` as a bulk query against ``schema``; raises :class:`BulkQueryError`."""
    if len(text) > MAX_QUERY_LENGTH:
        raise _error("QUERY_TOO_LONG", f"A bulk query may hold at most {MAX_QUERY_LENGTH} characters.",
                     f"Kueri massal paling banyak {MAX_QUERY_LENGTH} karakter.")
    try:
        document = parse(text, max_tokens=4000)
    except GraphQLError as exc:
        raise _error("GRAPHQL_PARSE_FAILED", f"The query is not valid GraphQL: {exc.message}",
                     f"Kueri bukan GraphQL yang valid: {exc.message}") from exc
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) != 1:
        raise _error("ONE_OPERATION_EXPECTED", "A bulk query holds exactly one operation.",
                     "Kueri massal memuat tepat satu operasi.")
    (operation,) = operations
    if operation.operation != OperationType.QUERY:
        raise _error("QUERY_NOT_ALLOWED",
                     "Only queries can run in bulk: mutations and subscriptions cannot.",
                     "Hanya kueri yang dapat dijalankan secara massal: mutasi dan langganan tidak.")
    if operation.variable_definitions:
        raise _error("VARIABLES_NOT_ALLOWED",
                     "A bulk query takes no variables: write the values into the query.",
                     "Kueri massal tidak menerima variabel: tulis nilainya di dalam kueri.")
    errors = validate(schema, document)
    if errors:
        raise _error("GRAPHQL_VALIDATION_FAILED", f"The query does not fit the schema: {errors[0].message}",
                     f"Kueri tidak sesuai dengan skema: {errors[0].message}")
    fragments = {d.name.value: d for d in document.definitions
                 if isinstance(d, FragmentDefinitionNode)}
    roots = [f for f, _ in _fields(operation.selection_set, fragments)
             if not f.name.value.startswith("__")]
    if len(roots) != 1 or len(_fields(operation.selection_set, fragments)) != 1:
        raise _error("ONE_ROOT_FIELD_EXPECTED",
                     "A bulk query has exactly one root field, a connection such as users or employees.",
                     "Kueri massal memiliki tepat satu field akar, sebuah koneksi seperti users atau employees.")
    (root,) = roots
    query_type = schema.query_type
    assert query_type is not None
    root_type = query_type.fields[root.name.value].type
    root_args = query_type.fields[root.name.value].args
    if not is_connection(root_type) or not {"first", "after"} <= set(root_args):
        raise _error("ROOT_NOT_A_CONNECTION",
                     f"'{root.name.value}' is not a connection: a bulk query's root field must "
                     "be a list such as users or employees.",
                     f"'{root.name.value}' bukan koneksi: field akar kueri massal harus berupa "
                     "daftar seperti users atau employees.")
    edits = _Edits()
    node_keys, node_selections = _node_selection(root, root_type, fragments)
    connection_type = get_named_type(root_type)
    nested: list[tuple[FieldNode, Nested]] = []
    for selection_set, node_type in node_selections:
        if selection_set is None:
            continue
        found = False
        for f, condition in _fields(selection_set, fragments):
            owner = schema.get_type(condition) if condition else node_type
            definition = getattr(owner, "fields", {}).get(f.name.value)
            if definition is None or not is_connection(definition.type):
                _check_no_connection(f.selection_set, definition.type if definition else None,
                                     fragments)
                continue
            found = True
            child_keys, child_selections = _node_selection(f, definition.type, fragments)
            for child_set, child_type in child_selections:
                _check_no_connection(child_set, child_type, fragments)
            edits.page_arguments(f, None, definition.args)
            edits.add(f.selection_set, _page_info())
            if not any(n.key == _key(f) for _, n in nested):
                nested.append((f, Nested(key=_key(f), node_keys=child_keys, field=f,
                                         type_condition=condition)))
        if found:
            if "id" not in getattr(node_type, "fields", {}):
                raise _error("NESTING_NEEDS_IDS",
                             "Nested connections need nodes with an id (written as __parentId).",
                             "Koneksi bersarang memerlukan node yang memiliki id (ditulis sebagai __parentId).")
            edits.add(selection_set, _field("id", alias=PARENT_ID))
    edits.page_arguments(root, AFTER_VAR, root_args)
    extra = [_page_info()]
    if nested:
        extra.append(_field("edges", alias=EDGES, selection_set=SelectionSetNode(
            selections=(_field("cursor"),))))
    has_total = "totalCount" in connection_type.fields
    if has_total:
        extra.append(_field("totalCount", alias=TOTAL))
    edits.add(root.selection_set, *extra)
    rewritten = edits.apply(document)
    rewritten = replace(rewritten, definitions=tuple(
        replace(d, variable_definitions=(_variable(AFTER_VAR),))
        if isinstance(d, OperationDefinitionNode) else d for d in rewritten.definitions))
    for original, item in nested:
        item.field = edits.apply(original)
    return Plan(root_field=root.name.value, root_key=_key(root), node_keys=node_keys,
                document=print_ast(rewritten), nested=[n for _, n in nested], has_total=has_total,
                root_field_node=edits.apply(root),
                fragments={d.name.value: d for d in rewritten.definitions
                           if isinstance(d, FragmentDefinitionNode)})
