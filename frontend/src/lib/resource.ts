import { formatCell } from "./format";

// Build the GraphQL documents of a generic module screen from the module's UI metadata:
// a list query with the resource's columns, a detail query, and create/update mutations. Values
// are written into the document as literals (strings JSON-quoted), so no input type names are needed.

export interface UiColumn { field: string; label: string; sortable: boolean; kind: string }
export interface UiFormOption { value: string; label: string }
export interface UiFormField { field: string; label: string; kind: string; required: boolean; options: UiFormOption[] }
export interface UiResource {
  key: string; module: string; label: string; query: string; columns: UiColumn[]; form: UiFormField[];
  createMutation?: string | null; updateMutation?: string | null; search?: string | null;
  filters: UiFormField[]; detailQuery?: string | null;
}

type Tree = { [name: string]: Tree };

function addPath(tree: Tree, path: string): void {
  let node = tree;
  for (const part of path.split(".")) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(part)) throw new Error(`Not a field name: ${path}`);
    node[part] = node[part] ?? {};
    node = node[part];
  }
}

/** ["id", "department.name", "department.id"] -> "id department { name id }" */
export function selection(paths: readonly string[]): string {
  const tree: Tree = {};
  for (const path of paths) addPath(tree, path);
  const render = (node: Tree): string =>
    Object.entries(node).map(([name, child]) => (Object.keys(child).length ? `${name} { ${render(child)} }` : name)).join(" ");
  return render(tree);
}

/** A GraphQL literal for a form value of a given kind; undefined when the value is empty. */
export function literal(value: unknown, kind = "text"): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, kind) ?? "null").join(", ")}]`;
  const text = String(value);
  if ((kind === "number" || kind === "int") && /^-?\d+$/.test(text.trim())) return text.trim();
  return JSON.stringify(text);
}

/** {"filter.search": "x", status: "open"} -> 'filter: {search: "x"}, status: "open"' */
export function argumentsFor(values: Record<string, unknown>, kinds: Record<string, string> = {}): string {
  const top: Record<string, string | Record<string, string>> = {};
  for (const [path, value] of Object.entries(values)) {
    const lit = literal(value, kinds[path]);
    if (lit === undefined) continue;
    const [head, ...rest] = path.split(".");
    if (rest.length) {
      const group = (top[head] as Record<string, string>) ?? {};
      group[rest.join(".")] = lit;
      top[head] = group;
    } else {
      top[head] = lit;
    }
  }
  return Object.entries(top)
    .map(([name, v]) => typeof v === "string" ? `${name}: ${v}`
      : `${name}: {${Object.entries(v).map(([k, lit]) => `${k}: ${lit}`).join(", ")}}`)
    .join(", ");
}

export function listQuery(resource: UiResource, args: Record<string, unknown>, kinds: Record<string, string> = {}): string {
  const fields = selection(["id", ...resource.columns.map((c) => c.field)]);
  const extra = argumentsFor(args, kinds);
  const argText = ["first: $first", "after: $after", extra].filter(Boolean).join(", ");
  return `query ResourceList($first: Int, $after: String) { list: ${resource.query}(${argText}) { totalCount pageInfo { hasNextPage endCursor } nodes { ${fields} } } }`;
}

/** The record's field that holds a form value: "departmentId" of kind ref -> "department.id". */
export function formFieldPath(field: UiFormField): string {
  if (field.kind.startsWith("ref:") && field.field.endsWith("Id")) return `${field.field.slice(0, -2)}.id`;
  return field.field;
}

export function detailQuery(resource: UiResource): string | null {
  if (!resource.detailQuery) return null;
  const paths = ["id", ...resource.columns.map((c) => c.field), ...resource.form.map(formFieldPath)];
  return `query ResourceDetail($id: ID!) { record: ${resource.detailQuery}(id: $id) { ${selection(paths)} } }`;
}

/** Read a dotted path out of a record ("department.name"). */
export function valueAt(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split(".")) {
    if (value === null || value === undefined || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export function mutationDocument(name: string, input: Record<string, unknown>, kinds: Record<string, string>): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Not a mutation name: ${name}`);
  const body = Object.entries(input)
    .map(([k, v]) => [k, k === "id" ? literal(v) : literal(v, kinds[k])] as const)
    .filter(([, lit]) => lit !== undefined)
    .map(([k, lit]) => `${k}: ${lit}`)
    .join(", ");
  return `mutation ResourceSave { result: ${name}(input: {${body}}) { userErrors { field message code } } }`;
}

/** The list query and label field used to offer choices for a "ref:Type" form field. */
export function refSource(kind: string, resources: readonly UiResource[]): { query: string; label: string } | null {
  if (!kind.startsWith("ref:")) return null;
  const type = kind.slice(4);
  // People are the company's members (the core's `users` list), not a module resource.
  if (type === "User") return { query: "users", label: "fullName" };
  const plural = type.endsWith("y") ? `${type.slice(0, -1)}ies` : `${type}s`;
  const query = plural.charAt(0).toLowerCase() + plural.slice(1);
  const resource = resources.find((r) => r.query === query);
  if (!resource) return null;
  const names = ["fullName", "name", "title", "number"];
  const label = names.find((n) => resource.columns.some((c) => c.field === n)) ?? resource.columns[0]?.field ?? "id";
  return { query, label };
}

/** Rows as CSV text (RFC 4180), for the columns chosen. */
export function toCsv(columns: readonly UiColumn[], rows: readonly unknown[]): string {
  const cell = (value: unknown): string => {
    const text = value === null || value === undefined ? "" : Array.isArray(value) ? value.join("; ") : String(value);
    // A leading =, +, - or @ would run as a formula in a spreadsheet: quote it out.
    const safe = /^[=+\-@]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [columns.map((c) => cell(c.label)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => cell(valueAt(row, c.field))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** Labels of enum values, from the options the resource's form and filters give ("status" -> {active: "Active"}). */
export function enumLabels(resource: UiResource): Record<string, Record<string, string>> {
  const labels: Record<string, Record<string, string>> = {};
  for (const field of [...resource.form, ...resource.filters]) {
    if (!field.options.length) continue;
    const name = field.field.split(".").pop()!;
    labels[name] = { ...(labels[name] ?? {}), ...Object.fromEntries(field.options.map((o) => [o.value, o.label])) };
  }
  return labels;
}

/** The column that names a record: a name or title when there is one. */
export function titleField(resource: UiResource): string {
  const names = ["fullName", "name", "title", "subject", "number"];
  return names.find((n) => resource.columns.some((c) => c.field === n)) ?? resource.columns[0]?.field ?? "id";
}

/** A cell as shown: enum values by their label, the rest formatted by kind and language. */
export function displayValue(value: unknown, column: UiColumn, labels: Record<string, Record<string, string>>,
  lang: string, currency = "IDR"): string {
  const name = column.field.split(".").pop()!;
  if (typeof value === "string" && labels[name]?.[value]) return labels[name][value];
  return formatCell(value, column.kind, lang, currency);
}
