// Mutations answer `userErrors { field message code }`; `field` is the input path of the value
// at fault (["input", "fullName"]). Forms show each message at the field it belongs to.

export interface UserErrorLike {
  field?: readonly string[] | null;
  message: string;
  code: string;
}

export interface SplitErrors {
  byField: Record<string, string>;
  general: string[];
}

export function splitUserErrors(errors: readonly UserErrorLike[] | null | undefined, known: readonly string[]): SplitErrors {
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const error of errors ?? []) {
    const path = (error.field ?? []).filter((part) => part !== "input");
    const name = path.length ? path[path.length - 1] : undefined;
    const joined = path.join(".");
    const key = [joined, name].find((candidate) => candidate && known.includes(candidate));
    if (key) byField[key] = byField[key] ? `${byField[key]} ${error.message}` : error.message;
    else general.push(error.message);
  }
  return { byField, general };
}
