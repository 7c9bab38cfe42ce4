// Business travel in the browser: checking a trip request before it is sent (the server checks
// again and has the last word), and what the settlement leaves to pay or to return.

import { compareDecimal, isDecimal, subtractDecimal } from "../logistics/decimal";

export interface TripForm {
  destinations: string[];
  departsOn: string;
  returnsOn: string;
  purpose: string;
  estimatedCost: string;
  advance: string;
}

export type TripField = "destinations" | "departsOn" | "returnsOn" | "purpose" | "estimatedCost" | "advance";

export type TripProblem = "required" | "order" | "amount" | "advance";

export const STATUS_COLOURS: Record<string, string> = {
  submitted: "yellow", approved: "teal", rejected: "red", cancelled: "gray", settled: "blue",
};

/** The stops as typed, blanks dropped and spaces trimmed. */
export function stops(destinations: readonly string[]): string[] {
  return destinations.map((d) => d.trim()).filter(Boolean);
}

/** An amount of rupiah as typed ("1.500.000" is not taken: digits and one decimal point only); "" counts as 0. */
export function amountOf(text: string): string {
  return text.trim() === "" ? "0" : text.trim();
}

/** What is wrong with a trip request, by field (nothing when it may be sent). */
export function checkTrip(form: TripForm): Partial<Record<TripField, TripProblem>> {
  const problems: Partial<Record<TripField, TripProblem>> = {};
  if (!stops(form.destinations).length) problems.destinations = "required";
  if (!form.departsOn) problems.departsOn = "required";
  if (!form.returnsOn) problems.returnsOn = "required";
  else if (form.departsOn && form.returnsOn < form.departsOn) problems.returnsOn = "order";
  const estimate = amountOf(form.estimatedCost);
  const advance = amountOf(form.advance);
  const money = (v: string) => isDecimal(v, 2) && !v.startsWith("-");
  if (!money(estimate)) problems.estimatedCost = "amount";
  if (!money(advance)) problems.advance = "amount";
  else if (money(estimate) && compareDecimal(advance, estimate) > 0) problems.advance = "advance";
  return problems;
}

/**
 * After settlement: what the company still owes the traveller (actual cost above the advance) or
 * what the traveller returns (advance above the actual cost), as a positive amount.
 */
export function settlementBalance(actualCost: string, advance: string): { kind: "pay" | "return" | "even"; amount: string } {
  const difference = subtractDecimal(actualCost, advance);
  const sign = compareDecimal(difference, "0");
  if (sign === 0) return { kind: "even", amount: "0" };
  return sign > 0 ? { kind: "pay", amount: difference } : { kind: "return", amount: subtractDecimal("0", difference) };
}
