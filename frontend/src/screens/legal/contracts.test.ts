import { describe, expect, it } from "vitest";
import {
  acceptsVersions, deadline, myPendingReview, nextContractStatuses, reviewProgress, stepOf, versionName,
} from "./contracts";
import { LEGAL_TEXTS } from "./texts";

describe("contract workflow", () => {
  it("places each status on its step", () => {
    expect(stepOf("draft")).toBe(0);
    expect(stepOf("in_review")).toBe(1);
    expect(stepOf("active")).toBe(4);
    expect(stepOf("terminated")).toBe(5);
    expect(stepOf("expired")).toBe(5);
  });
  it("offers the moves the server allows", () => {
    expect(nextContractStatuses("draft")).toEqual([]);
    expect(nextContractStatuses("approved")).toEqual(["signed"]);
    expect(nextContractStatuses("signed")).toEqual(["active", "terminated"]);
    expect(nextContractStatuses("active")).toEqual(["terminated", "expired"]);
    expect(nextContractStatuses("expired")).toEqual([]);
  });
  it("takes new versions until it is signed", () => {
    expect(acceptsVersions("in_review")).toBe(true);
    expect(acceptsVersions("signed")).toBe(false);
  });
});

describe("deadlines", () => {
  it("says how near a date is", () => {
    expect(deadline("2026-03-31", "2026-03-01", "active")).toEqual({ level: "soon", days: 30 });
    expect(deadline("2026-04-01", "2026-03-01", "active")).toEqual({ level: "later", days: 31 });
    expect(deadline("2026-02-27", "2026-03-01", "signed")).toEqual({ level: "past", days: -2 });
    expect(deadline("2026-03-01", "2026-03-01", "draft")).toEqual({ level: "soon", days: 0 });
  });
  it("has nothing to say without a date or once the contract ended", () => {
    expect(deadline(null, "2026-03-01", "active").level).toBe("none");
    expect(deadline("2026-03-02", "2026-03-01", "terminated").level).toBe("none");
  });
});

describe("review", () => {
  const reviews = [
    { reviewerId: "U1", decision: "approved", comment: "" },
    { reviewerId: "U2", decision: "pending", comment: "" },
    { reviewerId: "U3", decision: "changes", comment: "Clause 4" },
  ];
  it("counts decisions", () => {
    expect(reviewProgress(reviews)).toEqual({ approved: 1, pending: 1, changes: 1, total: 3 });
  });
  it("finds the person's own pending review while in review", () => {
    expect(myPendingReview(reviews, "in_review", "U2")?.reviewerId).toBe("U2");
    expect(myPendingReview(reviews, "in_review", "U1")).toBeUndefined();
    expect(myPendingReview(reviews, "draft", "U2")).toBeUndefined();
  });
  it("names a version", () => {
    expect(versionName("  Final ", null)).toBe("Final");
    expect(versionName("", { name: "C:\\docs\\lease v2.pdf" })).toBe("lease v2.pdf");
    expect(versionName("", null)).toBe("contract");
  });
});

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)).sort();
}

describe("legal texts", () => {
  it("have the same keys in English and Indonesian", () => {
    expect(keys(LEGAL_TEXTS.id)).toEqual(keys(LEGAL_TEXTS.en));
  });
});
