import { describe, expect, it } from "vitest";
import { splitUserErrors } from "./userErrors";

describe("splitUserErrors", () => {
  it("puts each message at its field, by last path part", () => {
    const result = splitUserErrors(
      [
        { field: ["input", "fullName"], message: "Required.", code: "REQUIRED" },
        { field: ["input", "startDate"], message: "Not a date.", code: "INVALID" },
      ],
      ["fullName", "startDate"],
    );
    expect(result.byField).toEqual({ fullName: "Required.", startDate: "Not a date." });
    expect(result.general).toEqual([]);
  });
  it("keeps messages of unknown or missing fields as general messages", () => {
    const result = splitUserErrors(
      [
        { field: null, message: "Period closed.", code: "PERIOD_CLOSED" },
        { field: ["input", "secret"], message: "Nope.", code: "X" },
      ],
      ["fullName"],
    );
    expect(result.byField).toEqual({});
    expect(result.general).toEqual(["Period closed.", "Nope."]);
  });
  it("joins two messages for one field", () => {
    const result = splitUserErrors(
      [
        { field: ["email"], message: "Taken.", code: "A" },
        { field: ["email"], message: "Too long.", code: "B" },
      ],
      ["email"],
    );
    expect(result.byField.email).toBe("Taken. Too long.");
  });
});
