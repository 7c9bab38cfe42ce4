import { describe, expect, it } from "vitest";
import { groupedSecret, isCompleteCode, logInStep, normaliseCode, recoveryCodesText, secondFactorInput } from "./twoFactor";

describe("logInStep", () => {
  it("asks for the second factor when a challenge comes back, whatever the user errors say", () => {
    const step = logInStep(
      { secondFactorChallenge: "abc", userErrors: [{ code: "TWO_FACTOR_REQUIRED", message: "Enter the code." }] },
      "error",
    );
    expect(step).toEqual({ kind: "secondFactor", challenge: "abc" });
  });
  it("reports refusals with the server's messages", () => {
    const step = logInStep(
      { secondFactorChallenge: null, userErrors: [{ code: "INVALID_CREDENTIALS", message: "Not right." }] },
      "error",
    );
    expect(step).toEqual({ kind: "error", message: "Not right." });
  });
  it("is done when nothing is wrong, and an error without an answer", () => {
    expect(logInStep({ secondFactorChallenge: null, userErrors: [] }, "x")).toEqual({ kind: "done" });
    expect(logInStep(undefined, "fallback")).toEqual({ kind: "error", message: "fallback" });
  });
});

describe("codes", () => {
  it("accepts six digits, spaces aside", () => {
    expect(isCompleteCode("123456")).toBe(true);
    expect(isCompleteCode(" 123 456 ")).toBe(true);
    expect(normaliseCode("123 456")).toBe("123456");
    expect(isCompleteCode("12345")).toBe(false);
    expect(isCompleteCode("12345a")).toBe(false);
    expect(isCompleteCode("1234567")).toBe(false);
  });
  it("sends a code or a recovery code, never both", () => {
    expect(secondFactorInput("c", " 123 456", false)).toEqual({ challenge: "c", code: "123456", recoveryCode: null });
    expect(secondFactorInput("c", " abcd-efgh-jkmn ", true)).toEqual({ challenge: "c", code: null, recoveryCode: "abcd-efgh-jkmn" });
  });
  it("writes recovery codes one per line and groups the secret by four", () => {
    expect(recoveryCodesText("Backoffice", ["a", "b"])).toBe("Backoffice\n\na\nb\n");
    expect(groupedSecret("ABCDEFGHIJ")).toBe("ABCD EFGH IJ");
  });
});
