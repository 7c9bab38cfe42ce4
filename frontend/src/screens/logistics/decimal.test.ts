import { describe, expect, it } from "vitest";
import { compareDecimal, isDecimal, isPositive, normalise, subtractDecimal, sumDecimals } from "./decimal";

describe("decimal strings", () => {
  it("knows a plain decimal and its places", () => {
    expect(isDecimal("1590002.50")).toBe(true);
    expect(isDecimal("-3")).toBe(true);
    expect(isDecimal("1e3")).toBe(false);
    expect(isDecimal("1.234.567")).toBe(false);
    expect(isDecimal("")).toBe(false);
    expect(isDecimal("2.500", 1)).toBe(true); // trailing zeros do not count
    expect(isDecimal("2.55", 1)).toBe(false);
  });

  it("compares exactly, where floats would not", () => {
    expect(compareDecimal("0.3", "0.30")).toBe(0);
    expect(compareDecimal("9007199254740993", "9007199254740992")).toBe(1);
    expect(compareDecimal("-1.5", "-1.25")).toBe(-1);
  });

  it("adds and subtracts exactly", () => {
    expect(sumDecimals(["0.1", "0.2"])).toBe("0.3");
    expect(sumDecimals(["1500000", "18000.50", "", null])).toBe("1518000.5");
    expect(sumDecimals([])).toBe("0");
    expect(subtractDecimal("4", "10.000")).toBe("-6");
    expect(subtractDecimal("10.5", "10.50")).toBe("0");
  });

  it("writes numbers plainly", () => {
    expect(normalise("12.500")).toBe("12.5");
    expect(normalise("100")).toBe("100");
    expect(normalise("-0.000")).toBe("0");
    expect(normalise("abc")).toBeNull();
    expect(isPositive("0.001")).toBe(true);
    expect(isPositive("0")).toBe(false);
    expect(isPositive("x")).toBe(false);
  });
});
