import { describe, expect, it } from "vitest";
import { checklistOrder, instantsOf, isOverdue, rsvpCounts, taskProgress, whenOf } from "./events";
import { toInstant } from "./time";

describe("event times", () => {
  it("round-trips the form's dates and times", () => {
    const startsAt = toInstant("2026-12-18", "15:00")!;
    const endsAt = toInstant("2026-12-19", "01:30")!;
    const when = whenOf(startsAt, endsAt);
    expect(when).toEqual({ startDate: "2026-12-18", startTime: "15:00", endDate: "2026-12-19", endTime: "01:30" });
    expect(instantsOf(when)).toEqual({ startsAt, endsAt, problems: [] });
  });

  it("ends on the start day when no end day is given, and says what is missing", () => {
    expect(instantsOf({ startDate: "2026-12-18", startTime: "15:00", endDate: "", endTime: "17:00" }).endsAt)
      .toBe(toInstant("2026-12-18", "17:00"));
    expect(instantsOf({ startDate: "", startTime: "15:00", endDate: "2026-12-18", endTime: "" }).problems).toEqual(["startsAt", "endsAt"]);
  });
});

describe("answers and tasks", () => {
  it("counts every answer in a fixed order", () => {
    expect(rsvpCounts([{ rsvp: "pending", count: 2 }, { rsvp: "accepted", count: 3 }])).toEqual([
      { rsvp: "accepted", count: 3 }, { rsvp: "tentative", count: 0 }, { rsvp: "declined", count: 0 }, { rsvp: "pending", count: 2 },
    ]);
  });

  it("marks open tasks past their day as overdue", () => {
    expect(isOverdue({ done: false, dueOn: "2026-12-13" }, "2026-12-14")).toBe(true);
    expect(isOverdue({ done: false, dueOn: "2026-12-14" }, "2026-12-14")).toBe(false);
    expect(isOverdue({ done: true, dueOn: "2026-12-01" }, "2026-12-14")).toBe(false);
    expect(isOverdue({ done: false, dueOn: null }, "2026-12-14")).toBe(false);
  });

  it("measures progress and orders the checklist", () => {
    const tasks = [
      { title: "Sound system", done: true, dueOn: "2026-12-10" },
      { title: "Catering", done: false, dueOn: null },
      { title: "Invitations", done: false, dueOn: "2026-12-12" },
      { title: "Banner", done: false, dueOn: "2026-12-12" },
    ];
    expect(taskProgress(tasks)).toEqual({ done: 1, total: 4, percent: 25 });
    expect(taskProgress([])).toEqual({ done: 0, total: 0, percent: 0 });
    expect(checklistOrder(tasks).map((t) => t.title)).toEqual(["Banner", "Invitations", "Catering", "Sound system"]);
  });
});
