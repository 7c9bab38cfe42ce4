// Helpers of the contract screens: the workflow, review progress, and how near a notice deadline
// or an end date is.

export const CONTRACT_KINDS = ["sales", "purchase", "employment", "nda", "lease", "service", "other"] as const;
export const CONTRACT_STATUSES = ["draft", "in_review", "approved", "signed", "active", "expired", "terminated"] as const;

/** The steps a contract goes through, in order (expired and terminated both end it). */
export const STEPS = ["draft", "in_review", "approved", "signed", "active", "ended"] as const;

export function stepOf(status: string): number {
  if (status === "expired" || status === "terminated") return STEPS.length - 1;
  const index = STEPS.indexOf(status as (typeof STEPS)[number]);
  return index < 0 ? 0 : index;
}

/** The moves `setContractStatus` accepts from a status (review moves it from draft to approved). */
export function nextContractStatuses(status: string): string[] {
  const allowed: Record<string, string[]> = { approved: ["signed"], signed: ["active", "terminated"], active: ["terminated", "expired"] };
  return allowed[status] ?? [];
}

/** A new document version may be added until the contract is signed. */
export function acceptsVersions(status: string): boolean {
  return status === "draft" || status === "in_review" || status === "approved";
}

export function isEnded(status: string): boolean {
  return status === "expired" || status === "terminated";
}

export type DeadlineLevel = "past" | "soon" | "later" | "none";

function dayNumber(value: string): number {
  const [y, m, d] = value.slice(0, 10).split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/**
 * How near a date is, from `today`: passed, soon (within `soonDays`), or later; "none" without a date
 * or for a contract that has ended. `days` counts from today (negative once passed).
 */
export function deadline(date: string | null | undefined, today: string, status: string, soonDays = 30): { level: DeadlineLevel; days: number } {
  if (!date || isEnded(status)) return { level: "none", days: 0 };
  const days = dayNumber(date) - dayNumber(today);
  if (days < 0) return { level: "past", days };
  if (days <= soonDays) return { level: "soon", days };
  return { level: "later", days };
}

export interface ReviewLike { reviewerId: string; decision: string; comment: string }

export function reviewProgress(reviews: readonly ReviewLike[]): { approved: number; pending: number; changes: number; total: number } {
  return {
    approved: reviews.filter((r) => r.decision === "approved").length,
    pending: reviews.filter((r) => r.decision === "pending").length,
    changes: reviews.filter((r) => r.decision === "changes").length,
    total: reviews.length,
  };
}

/** The person's own review still waiting for a decision, when the contract is in review. */
export function myPendingReview<T extends ReviewLike>(reviews: readonly T[], status: string, userId: string | null | undefined): T | undefined {
  if (status !== "in_review" || !userId) return undefined;
  return reviews.find((r) => r.reviewerId === userId && r.decision === "pending");
}

/** A name for a version's file: what was chosen, else the file's own name without folders. */
export function versionName(chosen: string, file: { name: string } | null): string {
  return chosen.trim() || (file?.name ?? "").split(/[\\/]/).pop() || "contract";
}
