// Times of bookings and events. People pick calendar days and clock times in their own time zone;
// the API takes and gives instants (ISO 8601). This turns one into the other, cuts a day into slots
// and lays bookings over the slots of a day, so that a table can draw each booking as one cell
// spanning its rows.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** The viewer's calendar date of a moment: "2026-12-14". */
export function localDate(moment: Date): string {
  return `${pad(moment.getFullYear(), 4)}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}

/** Midnight of a calendar date in the viewer's time zone, or null when the text is not a date. */
export function parseLocalDate(date: string): Date | null {
  const match = DATE.exec(date);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const value = new Date(y, m - 1, d);
  if (value.getFullYear() !== y || value.getMonth() !== m - 1 || value.getDate() !== d) return null;
  return value;
}

export function addDays(date: string, days: number): string {
  const value = parseLocalDate(date);
  if (!value) throw new Error(`Not a date: ${date}`);
  return localDate(new Date(value.getFullYear(), value.getMonth(), value.getDate() + days));
}

/** The Monday of the week a date falls in. */
export function startOfWeek(date: string): string {
  const value = parseLocalDate(date);
  if (!value) throw new Error(`Not a date: ${date}`);
  return addDays(date, -((value.getDay() + 6) % 7));
}

/** Seven dates from the Monday of a date's week. */
export function weekDates(date: string): string[] {
  const monday = startOfWeek(date);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** Monday 0 to Sunday 6. */
export function weekdayOf(date: string): number {
  const value = parseLocalDate(date);
  if (!value) throw new Error(`Not a date: ${date}`);
  return (value.getDay() + 6) % 7;
}

/** "HH:MM" -> minutes since midnight, or null. "24:00" is the end of the day. */
export function minutesOf(time: string): number | null {
  const match = TIME.exec(time.trim());
  if (!match) return null;
  const [h, m] = [Number(match[1]), Number(match[2])];
  if (m > 59 || h > 24 || (h === 24 && m > 0)) return null;
  return h * 60 + m;
}

export function timeText(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** A time some minutes later on the same day, at most "23:59". */
export function laterTime(time: string, minutes: number): string {
  const start = minutesOf(time);
  if (start === null) return time;
  return timeText(Math.min(start + minutes, 23 * 60 + 59));
}

/** A calendar date and a clock time of the viewer as an instant, or null when either is wrong. */
export function toInstant(date: string, time: string): string | null {
  const day = parseLocalDate(date);
  const minutes = minutesOf(time);
  if (!day || minutes === null) return null;
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), 0, minutes).toISOString();
}

/** The viewer's clock time of an instant: "09:30". */
export function timeOfInstant(instant: string): string {
  const value = new Date(instant);
  return `${pad(value.getHours())}:${pad(value.getMinutes())}`;
}

/** The viewer's calendar date of an instant. */
export function dateOfInstant(instant: string): string {
  return localDate(new Date(instant));
}

/** The instant a calendar date starts (local midnight). */
export function dayStart(date: string): string {
  return toInstant(date, "00:00")!;
}

export interface Interval {
  startsAt: string;
  endsAt: string;
}

/** Whether two intervals share time; back to back (one ends as the next starts) is no overlap. */
export function overlaps(a: Interval, b: Interval): boolean {
  return Date.parse(a.startsAt) < Date.parse(b.endsAt) && Date.parse(b.startsAt) < Date.parse(a.endsAt);
}

export interface Slot extends Interval {
  date: string;
  /** "09:30" */
  time: string;
}

/** The slots of a day from one hour to another, `minutes` long each. */
export function daySlots(date: string, fromHour = 7, toHour = 21, minutes = 30): Slot[] {
  const slots: Slot[] = [];
  for (let m = fromHour * 60; m + minutes <= toHour * 60; m += minutes) {
    slots.push({ date, time: timeText(m), startsAt: toInstant(date, timeText(m))!, endsAt: toInstant(date, timeText(m + minutes))! });
  }
  return slots;
}

export type SlotCell<T> =
  | { kind: "free"; index: number; slot: Slot }
  | { kind: "busy"; index: number; span: number; items: T[]; first: Slot; last: Slot };

/**
 * The slots of one day as table cells: a free slot is a cell of its own; a run of slots covered by
 * the same bookings is one cell spanning them. A booking that only touches part of a slot still
 * takes the slot (nothing else fits there).
 */
export function layoutColumn<T extends Interval & { id: string }>(slots: readonly Slot[], items: readonly T[]): SlotCell<T>[] {
  const sorted = [...items].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.id.localeCompare(b.id));
  const cells: SlotCell<T>[] = [];
  let previousKey = "";
  slots.forEach((slot, index) => {
    const covering = sorted.filter((item) => overlaps(item, slot));
    if (!covering.length) {
      cells.push({ kind: "free", index, slot });
      previousKey = "";
      return;
    }
    const key = covering.map((c) => c.id).join(" ");
    const last = cells[cells.length - 1];
    if (key === previousKey && last?.kind === "busy") {
      last.span += 1;
      last.last = slot;
    } else {
      cells.push({ kind: "busy", index, span: 1, items: covering, first: slot, last: slot });
    }
    previousKey = key;
  });
  return cells;
}

/** Items that fall outside the slots shown (before the first or after the last), for a note under the grid. */
export function outsideSlots<T extends Interval>(slots: readonly Slot[], items: readonly T[]): T[] {
  return items.filter((item) => !slots.some((slot) => overlaps(item, slot)));
}
