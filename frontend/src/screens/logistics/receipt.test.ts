import { describe, expect, it } from "vitest";
import { checkReceipt, newKey } from "./receipt";

const lines = [
  { quantityOutstanding: "6.000", allowOverReceipt: false },
  { quantityOutstanding: "5.000", allowOverReceipt: true },
];

describe("receipts", () => {
  it("takes part of what is expected, leaving lines empty or at zero", () => {
    expect(checkReceipt(lines, ["4", ""])).toEqual({ lines: {}, nothing: false });
    expect(checkReceipt(lines, ["6.000", "0"])).toEqual({ lines: {}, nothing: false });
  });

  it("refuses more than expected unless the line allows it", () => {
    expect(checkReceipt(lines, ["6.001", "7"])).toEqual({ lines: { 0: "over" }, nothing: false });
  });

  it("refuses what is not a quantity", () => {
    expect(checkReceipt(lines, ["-1", "1.2345"])).toEqual({ lines: { 0: "amount", 1: "amount" }, nothing: false });
  });

  it("asks for at least one quantity", () => {
    expect(checkReceipt(lines, ["", "0"])).toEqual({ lines: {}, nothing: true });
  });

  it("makes a new key each time", () => {
    expect(newKey()).not.toBe(newKey());
  });
});
