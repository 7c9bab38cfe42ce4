// A receipt against an expected delivery, checked before it is sent: each quantity a decimal, not
// negative, at most three decimals, and no more than is still expected unless the line allows
// over-receipt; at least one line must receive something. The server checks again (and has the
// last word on what is outstanding at that moment).

import { compareDecimal, isDecimal } from "./decimal";

export interface ReceivableLine {
  quantityOutstanding: string;
  allowOverReceipt: boolean;
}

export type ReceiptProblem = "amount" | "over";

export function checkReceipt(lines: readonly ReceivableLine[], quantities: readonly string[]): {
  lines: Record<number, ReceiptProblem>; nothing: boolean;
} {
  const problems: Record<number, ReceiptProblem> = {};
  let something = false;
  lines.forEach((line, index) => {
    const text = (quantities[index] ?? "").trim();
    if (!text) return;
    if (!isDecimal(text, 3) || text.startsWith("-")) {
      problems[index] = "amount";
      return;
    }
    if (compareDecimal(text, "0") === 0) return;
    something = true;
    if (!line.allowOverReceipt && compareDecimal(text, line.quantityOutstanding) > 0) problems[index] = "over";
  });
  return { lines: problems, nothing: !something && Object.keys(problems).length === 0 };
}

/** A fresh idempotency key for one receipt. */
export function newKey(): string {
  if (typeof crypto !== "undefined" && "randomUUID" in crypto) return `receipt-${crypto.randomUUID()}`;
  return `receipt-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
