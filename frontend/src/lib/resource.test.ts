import { describe, expect, it } from "vitest";
import { parse } from "graphql";
import {
  argumentsFor, detailQuery, enumLabels, titleField, listQuery, literal, mutationDocument, refSource, selection, toCsv, valueAt,
  type UiResource,
} from "./resource";

const employees: UiResource = {
  key: "employees", module: "hr", label: "Employees", query: "employees", search: "filter.search",
  detailQuery: "employee", createMutation: "createEmployee", updateMutation: "updateEmployee",
  columns: [
    { field: "fullName", label: "Name", sortable: true, kind: "text" },
    { field: "department.name", label: "Department", sortable: false, kind: "text" },
    { field: "startDate", label: "Start", sortable: true, kind: "date" },
  ],
  form: [
    { field: "fullName", label: "Name", kind: "text", required: true, options: [] },
    { field: "departmentId", label: "Department", kind: "ref:Department", required: false, options: [] },
  ],
  filters: [{ field: "filter.status", label: "Status", kind: "select", required: false,
    options: [{ value: "active", label: "Aktif" }] }],
};

describe("documents built from UI metadata", () => {
  it("selects nested column paths once", () => {
    expect(selection(["id", "department.name", "department.id", "fullName"]))
      .toBe("id department { name id } fullName");
  });
  it("refuses anything that is not a field name", () => {
    expect(() => selection(["name } evil { x"])).toThrow();
    expect(() => mutationDocument("x(input: {}) { y }", {}, {})).toThrow();
  });
  it("groups dotted arguments into an input object and quotes strings", () => {
    expect(argumentsFor({ "filter.search": 'a "b"', "filter.status": "active", status: "", empty: undefined }))
      .toBe('filter: {search: "a \\"b\\"", status: "active"}');
  });
  it("builds a list query that parses", () => {
    const doc = listQuery(employees, { "filter.search": "ani" });
    expect(() => parse(doc)).not.toThrow();
    expect(doc).toContain('employees(first: $first, after: $after, filter: {search: "ani"})');
    expect(doc).toContain("nodes { id fullName department { name } startDate }");
  });
  it("builds a detail query that reads ref fields through their object", () => {
    const doc = detailQuery(employees)!;
    expect(() => parse(doc)).not.toThrow();
    expect(doc).toContain("department { name id }");
  });
  it("builds mutations with literals by kind", () => {
    const doc = mutationDocument("createJobOpening", { title: "Dev", headcount: "2", description: "" },
      { headcount: "number" });
    expect(() => parse(doc)).not.toThrow();
    expect(doc).toContain('createJobOpening(input: {title: "Dev", headcount: 2})');
    expect(literal("12abc", "number")).toBe('"12abc"');
    expect(literal(true)).toBe("true");
  });
  it("finds the list behind a ref field", () => {
    expect(refSource("ref:Employee", [employees])).toEqual({ query: "employees", label: "fullName" });
    expect(refSource("ref:Department", [employees])).toBeNull();
    expect(refSource("ref:User", [])).toEqual({ query: "users", label: "fullName" });
  });
  it("reads dotted paths and writes safe CSV", () => {
    expect(valueAt({ department: { name: "Ops" } }, "department.name")).toBe("Ops");
    expect(valueAt({ department: null }, "department.name")).toBeUndefined();
    const csv = toCsv(employees.columns, [
      { fullName: "Ani, S.", department: { name: "=HYPERLINK(1)" }, startDate: "2026-01-02" },
      { fullName: 'Budi "B"', department: null, startDate: "-5" },
    ]);
    expect(csv).toBe('Name,Department,Start\r\n"Ani, S.",\'=HYPERLINK(1),2026-01-02\r\n"Budi ""B""",,-5\r\n');
  });
});

describe("labels", () => {
  it("maps enum values to the labels of the form and filter options", () => {
    expect(enumLabels(employees)).toEqual({ status: { active: "Aktif" } });
  });
  it("titles a record by its name", () => {
    expect(titleField(employees)).toBe("fullName");
    expect(titleField({ ...employees, columns: [{ field: "period", label: "P", sortable: false, kind: "text" }] })).toBe("period");
  });
});
