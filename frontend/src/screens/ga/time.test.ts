import { describe, expect, it } from "vitest";
import {
  addDays, dateOfInstant, daySlots, laterTime, layoutColumn, minutesOf, outsideSlots, overlaps, parseLocalDate, startOfWeek,
  timeOfInstant, toInstant, weekDates, weekdayOf,
} from "./time";

const at = (date: string, time: string) => toInstant(date, time)!;
const booking = (id: string, date: string, from: string, to: string) => ({ id, startsAt: at(date, from), endsAt: at(date, to) });

describe("calendar dates", () => {
  it("rejects what is not a date", () => {
    expect(parseLocalDate("2026-02-30")).toBeNull();
    expect(parseLocalDate("14/12/2026")).toBeNull();
    expect(parseLocalDate("2026-12-14")?.getDate()).toBe(14);
  });

  it("adds days across months and years", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
  });

  it("finds the week from its Monday", () => {
    expect(startOfWeek("2026-12-14")).toBe("2026-12-14"); // a Monday
    expect(startOfWeek("2026-12-20")).toBe("2026-12-14"); // the Sunday after
    expect(weekDates("2027-01-01")).toEqual(["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"]);
    expect(weekdayOf("2026-12-20")).toBe(6);
  });
});

describe("clock times", () => {
  it("reads HH:MM", () => {
    expect(minutesOf("09:30")).toBe(570);
    expect(minutesOf("24:00")).toBe(1440);
    expect(minutesOf("24:30")).toBeNull();
    expect(minutesOf("9.30")).toBeNull();
  });

  it("moves later within the day", () => {
    expect(laterTime("09:30", 60)).toBe("10:30");
    expect(laterTime("23:30", 60)).toBe("23:59");
  });

  it("turns a local date and time into an instant and back", () => {
    const instant = toInstant("2026-12-14", "09:30")!;
    expect(instant).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
    expect(dateOfInstant(instant)).toBe("2026-12-14");
    expect(timeOfInstant(instant)).toBe("09:30");
    expect(toInstant("2026-12-14", "")).toBeNull();
  });
});

describe("bookings over slots", () => {
  const slots = daySlots("2026-12-14", 8, 12, 30); // 08:00 to 12:00, eight slots

  it("cuts a day into slots", () => {
    expect(slots.map((s) => s.time)).toEqual(["08:00", "08:30", "09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]);
    expect(slots[0].endsAt).toBe(slots[1].startsAt);
  });

  it("counts back to back as no overlap", () => {
    const a = booking("a", "2026-12-14", "09:00", "10:00");
    expect(overlaps(a, booking("b", "2026-12-14", "10:00", "11:00"))).toBe(false);
    expect(overlaps(a, booking("c", "2026-12-14", "09:59", "11:00"))).toBe(true);
  });

  it("draws a booking as one cell over its slots and leaves the rest free", () => {
    const cells = layoutColumn(slots, [booking("a", "2026-12-14", "09:00", "10:00")]);
    expect(cells.map((c) => (c.kind === "free" ? "." : `${c.items.map((i) => i.id).join("")}${c.span}`))).toEqual(
      [".", ".", "a2", ".", ".", ".", "."]);
    const busy = cells.find((c) => c.kind === "busy")!;
    expect(busy.index).toBe(2);
  });

  it("takes a slot a booking only touches, and splits where the bookings change", () => {
    const cells = layoutColumn(slots, [
      booking("b", "2026-12-14", "10:45", "11:30"), booking("a", "2026-12-14", "10:00", "10:45"),
    ]);
    expect(cells.map((c) => (c.kind === "free" ? "." : `${c.items.map((i) => i.id).join("+")}:${c.span}`))).toEqual(
      [".", ".", ".", ".", "a:1", "a+b:1", "b:1", "."]);
  });

  it("notes bookings outside the hours shown", () => {
    const early = booking("e", "2026-12-14", "06:00", "07:30");
    const inside = booking("i", "2026-12-14", "07:30", "08:30");
    expect(outsideSlots(slots, [early, inside]).map((b) => b.id)).toEqual(["e"]);
  });
});
