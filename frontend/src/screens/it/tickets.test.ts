import { describe, expect, it } from "vitest";
import { conversation, isOpen, isSendShortcut, nextStatuses, relativeMinutes, slaState } from "./tickets";
import { IT_TEXTS } from "./texts";

describe("ticket workflow", () => {
  it("offers the moves the server allows", () => {
    expect(nextStatuses("new", { agent: true })).toEqual(["in_progress", "waiting", "resolved"]);
    expect(nextStatuses("waiting", { agent: true })).toEqual(["in_progress", "resolved"]);
    expect(nextStatuses("closed", { agent: true })).toEqual([]);
  });
  it("leaves closing a resolved ticket to its requester", () => {
    expect(nextStatuses("resolved", { agent: true })).toEqual(["in_progress"]);
    expect(nextStatuses("resolved", { agent: false })).toEqual(["in_progress", "closed"]);
  });
  it("knows open tickets", () => {
    expect(isOpen("waiting")).toBe(true);
    expect(isOpen("resolved")).toBe(false);
  });
});

describe("SLA clocks", () => {
  const now = new Date("2026-03-02T10:00:00Z");
  it("is in time, due soon or overdue while open", () => {
    expect(slaState("2026-03-02T14:00:00Z", now)).toEqual({ level: "ok", minutes: 240 });
    expect(slaState("2026-03-02T10:30:00Z", now)).toEqual({ level: "soon", minutes: 30 });
    expect(slaState("2026-03-02T09:00:00Z", now)).toEqual({ level: "overdue", minutes: -60 });
  });
  it("is met or missed once done", () => {
    expect(slaState("2026-03-02T09:00:00Z", now, "2026-03-02T08:59:00Z").level).toBe("met");
    expect(slaState("2026-03-02T09:00:00Z", now, "2026-03-02T09:30:00Z")).toEqual({ level: "missed", minutes: -30 });
  });
  it("reads as a relative time in either language", () => {
    expect(relativeMinutes(30, "en")).toBe("in 30 minutes");
    expect(relativeMinutes(-180, "en")).toBe("3 hours ago");
    expect(relativeMinutes(3 * 24 * 60, "en")).toBe("in 3 days");
    expect(relativeMinutes(120, "id")).toBe("dalam 2 jam");
  });
});

describe("conversation", () => {
  it("starts with the description and keeps the messages in time order", () => {
    const ticket = { id: "T1", description: "Printer jams", createdAt: "2026-03-02T08:00:00Z" };
    const messages = [
      { id: "m2", body: "note", internal: true, authorId: "U2", createdAt: "2026-03-02T09:00:00Z" },
      { id: "m1", body: "hello", internal: false, authorId: "U2", createdAt: "2026-03-02T08:30:00Z" },
    ];
    expect(conversation(ticket, messages).map((m) => m.body)).toEqual(["Printer jams", "hello", "note"]);
    expect(conversation({ ...ticket, description: " " }, messages)).toHaveLength(2);
  });
  it("sends on Ctrl+Enter only", () => {
    expect(isSendShortcut({ key: "Enter", ctrlKey: true, metaKey: false })).toBe(true);
    expect(isSendShortcut({ key: "Enter", ctrlKey: false, metaKey: false })).toBe(false);
  });
});

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)).sort();
}

describe("IT texts", () => {
  it("have the same keys in English and Indonesian", () => {
    expect(keys(IT_TEXTS.id)).toEqual(keys(IT_TEXTS.en));
  });
});
