import { describe, expect, it } from "vitest";
import {
  addMonths, dayNumber, daysInMonth, layoutMonth, monthBounds, monthDays, monthKey, parseMonthKey, workingDays,
  type LeaveLike,
} from "./calendar";

function leave(id: string, employee: string, startDate: string, endDate: string, status = "approved"): LeaveLike {
  return { id, startDate, endDate, status, employee: { id: `e-${employee}`, fullName: employee } };
}

describe("months", () => {
  it("steps across years both ways", () => {
    expect(addMonths({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(addMonths({ year: 2026, month: 5 }, -17)).toEqual({ year: 2024, month: 12 });
    expect(addMonths({ year: 2026, month: 5 }, 0)).toEqual({ year: 2026, month: 5 });
  });

  it("knows month lengths, leap years included", () => {
    expect(daysInMonth({ year: 2028, month: 2 })).toBe(29);
    expect(daysInMonth({ year: 2026, month: 2 })).toBe(28);
    expect(monthBounds({ year: 2026, month: 12 })).toEqual({ first: "2026-12-01", last: "2026-12-31" });
  });

  it("reads and writes month keys", () => {
    expect(monthKey({ year: 2026, month: 6 })).toBe("2026-06");
    expect(parseMonthKey("2026-06")).toEqual({ year: 2026, month: 6 });
    expect(parseMonthKey("2026-13")).toBeNull();
    expect(parseMonthKey("June")).toBeNull();
  });

  it("lists the days of a month with their weekdays", () => {
    const days = monthDays({ year: 2026, month: 12 });
    expect(days).toHaveLength(31);
    // 1 December 2026 is a Tuesday; the 5th and 6th are a weekend.
    expect(days[0]).toEqual({ date: "2026-12-01", day: 1, weekday: 1, weekend: false });
    expect(days[4].weekend).toBe(true);
    expect(days[5].weekend).toBe(true);
    expect(days[6].weekend).toBe(false);
  });

  it("refuses dates that do not exist", () => {
    expect(dayNumber("2026-02-30")).toBeNaN();
    expect(dayNumber("")).toBeNaN();
  });
});

describe("working days", () => {
  it("counts Monday to Friday, both ends included", () => {
    expect(workingDays("2026-12-14", "2026-12-16")).toBe(3);
    expect(workingDays("2026-12-11", "2026-12-14")).toBe(2); // Friday to Monday
    expect(workingDays("2026-12-05", "2026-12-06")).toBe(0);
    expect(workingDays("2026-12-16", "2026-12-14")).toBe(0);
    expect(workingDays("2026-12-01", "")).toBe(0);
  });
});

describe("month layout", () => {
  const december = { year: 2026, month: 12 };

  it("gives each employee a row of free days and leave spans that fill the month", () => {
    const rows = layoutMonth([leave("1", "Siti", "2026-12-14", "2026-12-16"), leave("2", "Andi", "2026-12-01", "2026-12-01")], december);
    expect(rows.map((r) => r.name)).toEqual(["Andi", "Siti"]);
    const siti = rows[1];
    expect(siti.cells.filter((c) => c.kind === "free")).toHaveLength(28);
    const span = siti.cells.find((c) => c.kind === "leave");
    expect(span).toMatchObject({ kind: "leave", span: 3, segment: { from: 14, to: 16, continuesBefore: false, continuesAfter: false } });
    expect(siti.cells.indexOf(span!)).toBe(13);
    for (const row of rows) {
      expect(row.cells.reduce((sum, c) => sum + (c.kind === "leave" ? c.span : 1), 0)).toBe(31);
    }
  });

  it("clips leave that starts before or ends after the month", () => {
    const rows = layoutMonth([leave("1", "Siti", "2026-11-25", "2026-12-03"), leave("2", "Siti", "2026-12-28", "2027-01-08")], december);
    expect(rows).toHaveLength(1);
    const spans = rows[0].cells.filter((c) => c.kind === "leave");
    expect(spans.map((c) => c.kind === "leave" && [c.segment.from, c.segment.to, c.segment.continuesBefore, c.segment.continuesAfter]))
      .toEqual([[1, 3, true, false], [28, 31, false, true]]);
  });

  it("leaves out requests of other months", () => {
    expect(layoutMonth([leave("1", "Siti", "2026-11-02", "2026-11-30"), leave("2", "Siti", "2027-01-01", "2027-01-02")], december))
      .toEqual([]);
  });

  it("puts overlapping leave of one employee on a further row", () => {
    const rows = layoutMonth([
      leave("1", "Siti", "2026-12-07", "2026-12-11"),
      leave("2", "Siti", "2026-12-10", "2026-12-14", "pending"),
      leave("3", "Siti", "2026-12-21", "2026-12-22"),
    ], december);
    expect(rows.map((r) => [r.lane, r.lanes])).toEqual([[0, 2], [1, 2]]);
    const ids = rows.map((r) => r.cells.flatMap((c) => (c.kind === "leave" ? [c.segment.request.id] : [])));
    expect(ids).toEqual([["1", "3"], ["2"]]);
  });

  it("keeps two people of the same name apart", () => {
    const a = { ...leave("1", "Budi", "2026-12-01", "2026-12-02"), employee: { id: "a", fullName: "Budi" } };
    const b = { ...leave("2", "Budi", "2026-12-01", "2026-12-02"), employee: { id: "b", fullName: "Budi" } };
    expect(layoutMonth([b, a], december).map((r) => r.employeeId)).toEqual(["a", "b"]);
  });
});
