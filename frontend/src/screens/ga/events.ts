// Company events in the browser: the time an event form describes, answers counted in a fixed
// order, and the state of the task checklist.

import { dateOfInstant, timeOfInstant, toInstant } from "./time";

export const RSVPS = ["accepted", "tentative", "declined", "pending"] as const;
export type Rsvp = (typeof RSVPS)[number];

export const RSVP_COLOURS: Record<string, string> = { accepted: "teal", tentative: "yellow", declined: "red", pending: "gray" };

export interface EventWhen {
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
}

/** The form's fields for an event's start and end instants (in the viewer's time zone). */
export function whenOf(startsAt: string, endsAt: string): EventWhen {
  return { startDate: dateOfInstant(startsAt), startTime: timeOfInstant(startsAt), endDate: dateOfInstant(endsAt), endTime: timeOfInstant(endsAt) };
}

/** The start and end instants of a form, or which of them is missing or wrong. */
export function instantsOf(when: EventWhen): { startsAt?: string; endsAt?: string; problems: ("startsAt" | "endsAt")[] } {
  const startsAt = toInstant(when.startDate, when.startTime) ?? undefined;
  const endsAt = toInstant(when.endDate || when.startDate, when.endTime) ?? undefined;
  const problems: ("startsAt" | "endsAt")[] = [];
  if (!startsAt) problems.push("startsAt");
  if (!endsAt) problems.push("endsAt");
  return { startsAt, endsAt, problems };
}

/** Counts of every answer, in the order accepted, tentative, declined, pending (missing ones as 0). */
export function rsvpCounts(summary: readonly { rsvp: string; count: number }[]): { rsvp: Rsvp; count: number }[] {
  return RSVPS.map((rsvp) => ({ rsvp, count: summary.find((s) => s.rsvp === rsvp)?.count ?? 0 }));
}

export interface TaskLike {
  done: boolean;
  dueOn?: string | null;
}

/** A task not done whose due date has passed (today is still in time). */
export function isOverdue(task: TaskLike, today: string): boolean {
  return !task.done && Boolean(task.dueOn) && task.dueOn! < today;
}

export function taskProgress(tasks: readonly TaskLike[]): { done: number; total: number; percent: number } {
  const done = tasks.filter((t) => t.done).length;
  return { done, total: tasks.length, percent: tasks.length ? Math.round((done / tasks.length) * 100) : 0 };
}

/** Tasks in the order of a checklist: open ones first by due date (undated last), then those done. */
export function checklistOrder<T extends TaskLike & { title: string }>(tasks: readonly T[]): T[] {
  return [...tasks].sort((a, b) => Number(a.done) - Number(b.done)
    || (a.dueOn ?? "9999-12-31").localeCompare(b.dueOn ?? "9999-12-31") || a.title.localeCompare(b.title));
}
