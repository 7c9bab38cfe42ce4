import { describe, expect, it } from "vitest";
import { checkTrip, settlementBalance, stops, type TripForm } from "./travel";

const trip = (patch: Partial<TripForm> = {}): TripForm => ({
  destinations: ["Surabaya", " Malang "], departsOn: "2026-12-07", returnsOn: "2026-12-09", purpose: "Audit",
  estimatedCost: "4500000", advance: "3000000", ...patch,
});

describe("trip requests", () => {
  it("keeps the stops in order without blanks", () => {
    expect(stops(["Surabaya", " ", " Malang "])).toEqual(["Surabaya", "Malang"]);
  });

  it("takes a sound request", () => {
    expect(checkTrip(trip())).toEqual({});
    expect(checkTrip(trip({ estimatedCost: "", advance: "" }))).toEqual({});
    expect(checkTrip(trip({ returnsOn: "2026-12-07" }))).toEqual({});
  });

  it("says what is missing or wrong", () => {
    expect(checkTrip(trip({ destinations: [" "], departsOn: "", returnsOn: "" }))).toEqual(
      { destinations: "required", departsOn: "required", returnsOn: "required" });
    expect(checkTrip(trip({ returnsOn: "2026-12-06" }))).toEqual({ returnsOn: "order" });
    expect(checkTrip(trip({ estimatedCost: "4.500.000" }))).toEqual({ estimatedCost: "amount" });
    expect(checkTrip(trip({ advance: "-1" }))).toEqual({ advance: "amount" });
    expect(checkTrip(trip({ advance: "10.123" }))).toEqual({ advance: "amount" });
  });

  it("refuses an advance above the estimate, comparing exactly", () => {
    expect(checkTrip(trip({ estimatedCost: "4500000.10", advance: "4500000.11" }))).toEqual({ advance: "advance" });
    expect(checkTrip(trip({ estimatedCost: "4500000.10", advance: "4500000.1" }))).toEqual({});
  });
});

describe("settlement", () => {
  it("says who pays whom", () => {
    expect(settlementBalance("4550000.00", "3000000.00")).toEqual({ kind: "pay", amount: "1550000" });
    expect(settlementBalance("2500000.50", "3000000")).toEqual({ kind: "return", amount: "499999.5" });
    expect(settlementBalance("3000000.00", "3000000")).toEqual({ kind: "even", amount: "0" });
  });
});
