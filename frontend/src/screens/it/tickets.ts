// Helpers of the helpdesk screens: the status workflow, SLA clocks as people read them, and the
// conversation in order.

/** The workflow the server enforces: new → in progress ⇄ waiting → resolved → closed (resolved may reopen). */
export const FLOW: Record<string, readonly string[]> = {
  new: ["in_progress", "waiting", "resolved"],
  in_progress: ["waiting", "resolved"],
  waiting: ["in_progress", "resolved"],
  resolved: ["in_progress", "closed"],
  closed: [],
};

export const STATUSES = ["new", "in_progress", "waiting", "resolved", "closed"] as const;
export const PRIORITIES = ["low", "medium", "high", "urgent"] as const;
export const CATEGORIES = ["problem", "request", "access", "equipment", "onboarding", "offboarding"] as const;
export const IMPACTS = ["single", "team", "company"] as const;

/** Where an agent may move a ticket from its status ("closed" is the requester's, with a rating). */
export function nextStatuses(status: string, { agent }: { agent: boolean }): string[] {
  return (FLOW[status] ?? []).filter((s) => !(agent && s === "closed"));
}

export function isOpen(status: string): boolean {
  return status !== "resolved" && status !== "closed";
}

export type SlaLevel = "met" | "missed" | "overdue" | "soon" | "ok";

/**
 * Where a ticket stands against one SLA target: met or missed once done (`doneAt`), else overdue,
 * due soon (within `soonMinutes`), or in time. `minutes` is the time left (negative when late).
 */
export function slaState(dueAt: string, now: Date, doneAt?: string | null, soonMinutes = 60): { level: SlaLevel; minutes: number } {
  const due = new Date(dueAt).getTime();
  if (doneAt) {
    const done = new Date(doneAt).getTime();
    return { level: done <= due ? "met" : "missed", minutes: Math.round((due - done) / 60_000) };
  }
  const minutes = Math.round((due - now.getTime()) / 60_000);
  if (minutes < 0) return { level: "overdue", minutes };
  if (minutes <= soonMinutes) return { level: "soon", minutes };
  return { level: "ok", minutes };
}

/** "in 3 hours", "2 days ago", "dalam 3 jam": the largest whole unit of a number of minutes from now. */
export function relativeMinutes(minutes: number, lang: string): string {
  const format = new Intl.RelativeTimeFormat(lang === "id" ? "id-ID" : "en-GB", { numeric: "auto" });
  const size = Math.abs(minutes);
  if (size < 60) return format.format(Math.round(minutes), "minute");
  if (size < 60 * 48) return format.format(Math.trunc(minutes / 60), "hour");
  return format.format(Math.trunc(minutes / (60 * 24)), "day");
}

export interface MessageLike { id: string; body: string; internal: boolean; authorId?: string | null; createdAt: string }

/** The ticket's description (from the requester) followed by its messages, oldest first. */
export function conversation<T extends MessageLike>(
  ticket: { id: string; description: string; createdAt: string }, messages: readonly T[],
): (T | MessageLike & { opening: true })[] {
  const sorted = [...messages].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const opening = ticket.description.trim()
    ? [{ id: `${ticket.id}:opening`, body: ticket.description, internal: false, authorId: null, createdAt: ticket.createdAt, opening: true as const }]
    : [];
  return [...opening, ...sorted];
}

/** The sending shortcut of the reply box: Ctrl+Enter (or ⌘+Enter). */
export function isSendShortcut(event: { key: string; ctrlKey: boolean; metaKey: boolean }): boolean {
  return event.key === "Enter" && (event.ctrlKey || event.metaKey);
}
