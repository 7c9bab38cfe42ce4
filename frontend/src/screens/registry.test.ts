import { describe, expect, it } from "vitest";
import { SCREENS, screenFor } from "./registry";

describe("screen registry", () => {
  it("finds the longest registered path a location belongs to", () => {
    const saved = { ...SCREENS };
    SCREENS["/x"] = async () => ({ default: () => null });
    SCREENS["/x/y"] = async () => ({ default: () => null });
    try {
      expect(screenFor("/x")).toBe("/x");
      expect(screenFor("/x/12")).toBe("/x");
      expect(screenFor("/x/y/3/")).toBe("/x/y");
      expect(screenFor("/xy")).toBeUndefined();
    } finally {
      for (const key of Object.keys(SCREENS)) if (!(key in saved)) delete SCREENS[key];
    }
  });
});
