// The logic of two-factor authentication in the web app, kept apart from the components so that
// it is tested on its own (twoFactor.test.ts).

export interface UserErrorLike {
  code: string;
  message: string;
}

export type LogInStep =
  | { kind: "done" }
  | { kind: "secondFactor"; challenge: string }
  | { kind: "error"; message: string };

/** What `logIn` answered: logged in, a second factor needed (no session yet), or refused. */
export function logInStep(
  payload: { secondFactorChallenge?: string | null; userErrors: UserErrorLike[] } | null | undefined,
  fallback: string,
): LogInStep {
  if (!payload) return { kind: "error", message: fallback };
  if (payload.secondFactorChallenge) return { kind: "secondFactor", challenge: payload.secondFactorChallenge };
  if (payload.userErrors.length) return { kind: "error", message: payload.userErrors.map((e) => e.message).join(" ") };
  return { kind: "done" };
}

/** The digits of an authenticator code as typed ("123 456" → "123456"). */
export function normaliseCode(input: string): string {
  return input.replace(/\s+/g, "");
}

/** A complete authenticator code: six digits, spaces aside. */
export function isCompleteCode(input: string): boolean {
  return /^\d{6}$/.test(normaliseCode(input));
}

/** The second step's input: a code from the app, or a recovery code. */
export function secondFactorInput(
  challenge: string,
  typed: string,
  useRecoveryCode: boolean,
): { challenge: string; code: string | null; recoveryCode: string | null } {
  const value = typed.trim();
  if (useRecoveryCode) return { challenge, code: null, recoveryCode: value };
  return { challenge, code: normaliseCode(value), recoveryCode: null };
}

/** Recovery codes as a text to copy or save: one per line, with a heading. */
export function recoveryCodesText(heading: string, codes: string[]): string {
  return [heading, "", ...codes].join("\n") + "\n";
}

/** The secret in groups of four, easier to type into an app by hand. */
export function groupedSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(" ");
}
