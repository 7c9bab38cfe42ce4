// Calendar arithmetic for leave: months, days of a month, working days, and the layout of leave
// requests across a month (one row per employee, more rows when their leave overlaps).
// Dates are calendar dates ("2026-12-14"), worked on in UTC so no time zone can shift them.

export interface Month {
  year: number;
  /** 1 to 12 */
  month: number;
}

export interface MonthDay {
  /** "2026-12-14" */
  date: string;
  /** 1 to 31 */
  day: number;
  /** 0 Monday to 6 Sunday */
  weekday: number;
  weekend: boolean;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

export function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The days since 1970-01-01 of a calendar date, or NaN when it is not one. */
export function dayNumber(date: string): number {
  const match = ISO.exec(date);
  if (!match) return Number.NaN;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(y, m - 1, d);
  const check = new Date(time);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return Number.NaN;
  return Math.round(time / 86_400_000);
}

export function fromDayNumber(n: number): string {
  const d = new Date(n * 86_400_000);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Today in the viewer's own calendar. */
export function today(now = new Date()): string {
  return isoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

export function monthOf(date: string): Month {
  const match = ISO.exec(date);
  if (!match) throw new Error(`Not a date: ${date}`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

export function addMonths({ year, month }: Month, delta: number): Month {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12 + 12) % 12 + 1 };
}

export function daysInMonth({ year, month }: Month): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** First and last date of a month. */
export function monthBounds(m: Month): { first: string; last: string } {
  return { first: isoDate(m.year, m.month, 1), last: isoDate(m.year, m.month, daysInMonth(m)) };
}

/** "2026-12" */
export function monthKey({ year, month }: Month): string {
  return `${pad(year, 4)}-${pad(month)}`;
}

/** "2026-12" -> the month, or null when the text is not a month. */
export function parseMonthKey(text: string): Month | null {
  const match = /^(\d{4})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? { year: Number(match[1]), month } : null;
}

function weekdayOf(n: number): number {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  return ((n + 3) % 7 + 7) % 7;
}

export function monthDays(m: Month): MonthDay[] {
  const start = dayNumber(isoDate(m.year, m.month, 1));
  return Array.from({ length: daysInMonth(m) }, (_, i) => {
    const weekday = weekdayOf(start + i);
    return { date: fromDayNumber(start + i), day: i + 1, weekday, weekend: weekday >= 5 };
  });
}

/** Monday to Friday between two dates, both included (as the server counts; holidays are not known). */
export function workingDays(start: string, end: string): number {
  const a = dayNumber(start);
  const b = dayNumber(end);
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return 0;
  let count = 0;
  for (let n = a; n <= b; n += 1) if (weekdayOf(n) < 5) count += 1;
  return count;
}

export interface LeaveLike {
  id: string;
  startDate: string;
  endDate: string;
  status: string;
  employee?: { id: string; fullName: string } | null;
}

export interface Segment<T> {
  request: T;
  /** First and last day of the month it covers (1-based, both included). */
  from: number;
  to: number;
  /** It began in an earlier month / goes on into a later one. */
  continuesBefore: boolean;
  continuesAfter: boolean;
}

export type Cell<T> = { kind: "free"; day: number } | { kind: "leave"; segment: Segment<T>; span: number };

export interface CalendarRow<T> {
  key: string;
  employeeId: string;
  name: string;
  /** 0 for the employee's first row; further rows only hold leave that overlaps the first. */
  lane: number;
  lanes: number;
  cells: Cell<T>[];
}

/**
 * Lay leave out over a month: one row per employee (by name), each row a run of free days and
 * leave segments (a segment spans its days), so a table can draw it with column spans. Leave that
 * overlaps other leave of the same employee goes on a further row. Requests outside the month are
 * left out.
 */
export function layoutMonth<T extends LeaveLike>(requests: readonly T[], m: Month): CalendarRow<T>[] {
  const { first, last } = monthBounds(m);
  const monthStart = dayNumber(first);
  const monthEnd = dayNumber(last);
  const people = new Map<string, { name: string; segments: Segment<T>[] }>();
  for (const request of requests) {
    const start = dayNumber(request.startDate);
    const end = dayNumber(request.endDate);
    if (Number.isNaN(start) || Number.isNaN(end) || end < start || end < monthStart || start > monthEnd) continue;
    const employeeId = request.employee?.id ?? "";
    const person = people.get(employeeId) ?? { name: request.employee?.fullName ?? "", segments: [] };
    person.segments.push({
      request,
      from: Math.max(start, monthStart) - monthStart + 1,
      to: Math.min(end, monthEnd) - monthStart + 1,
      continuesBefore: start < monthStart,
      continuesAfter: end > monthEnd,
    });
    people.set(employeeId, person);
  }
  const days = monthEnd - monthStart + 1;
  const rows: CalendarRow<T>[] = [];
  const ordered = [...people.entries()].sort(
    ([idA, a], [idB, b]) => a.name.localeCompare(b.name) || idA.localeCompare(idB),
  );
  for (const [employeeId, person] of ordered) {
    const segments = [...person.segments].sort((a, b) => a.from - b.from || b.to - a.to);
    const lanes: Segment<T>[][] = [];
    for (const segment of segments) {
      const lane = lanes.find((l) => l[l.length - 1].to < segment.from);
      if (lane) lane.push(segment);
      else lanes.push([segment]);
    }
    lanes.forEach((lane, index) => {
      const cells: Cell<T>[] = [];
      let day = 1;
      for (const segment of lane) {
        for (; day < segment.from; day += 1) cells.push({ kind: "free", day });
        cells.push({ kind: "leave", segment, span: segment.to - segment.from + 1 });
        day = segment.to + 1;
      }
      for (; day <= days; day += 1) cells.push({ kind: "free", day });
      rows.push({ key: `${employeeId}:${index}`, employeeId, name: person.name, lane: index, lanes: lanes.length, cells });
    });
  }
  return rows;
}
