// Quantities and amounts arrive as decimal strings ("12.500", "1590002.50"). Sums, differences and
// comparisons are done exactly on them (scaled integers), never through floating point.

const DECIMAL = /^\s*(-)?(\d+)(?:\.(\d+))?\s*$/;

interface Scaled {
  value: bigint;
  scale: number;
}

function parse(text: string): Scaled | null {
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const fraction = match[3] ?? "";
  const value = BigInt(`${match[2]}${fraction}` || "0");
  return { value: match[1] ? -value : value, scale: fraction.length };
}

function rescale(a: Scaled, scale: number): bigint {
  return a.value * 10n ** BigInt(scale - a.scale);
}

function render(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, "0");
  const whole = scale ? digits.slice(0, -scale) : digits;
  const fraction = scale ? digits.slice(-scale).replace(/0+$/, "") : "";
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

/** A decimal number written plainly: digits, an optional sign and fraction (no exponent, no separators). */
export function isDecimal(text: string | null | undefined, places?: number): boolean {
  if (text === null || text === undefined) return false;
  const match = DECIMAL.exec(text);
  if (!match) return false;
  return places === undefined || (match[3] ?? "").replace(/0+$/, "").length <= places;
}

/** "12.500" -> "12.5"; null for what is not a decimal. */
export function normalise(text: string): string | null {
  const parsed = parse(text);
  return parsed ? render(parsed.value, parsed.scale) : null;
}

/** -1, 0 or 1; throws on what is not a decimal. */
export function compareDecimal(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) throw new Error(`Not decimals: ${a}, ${b}`);
  const scale = Math.max(x.scale, y.scale);
  const d = rescale(x, scale) - rescale(y, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** The exact sum of decimal strings (empty ones count as zero). */
export function sumDecimals(values: readonly (string | null | undefined)[]): string {
  const parsed = values.filter((v): v is string => v !== null && v !== undefined && v.trim() !== "").map((v) => {
    const p = parse(v);
    if (!p) throw new Error(`Not a decimal: ${v}`);
    return p;
  });
  const scale = Math.max(0, ...parsed.map((p) => p.scale));
  return render(parsed.reduce((total, p) => total + rescale(p, scale), 0n), scale);
}

/** a − b, exactly. */
export function subtractDecimal(a: string, b: string): string {
  const y = parse(b);
  if (!y) throw new Error(`Not a decimal: ${b}`);
  return sumDecimals([a, render(-y.value, y.scale)]);
}

export function isZero(text: string): boolean {
  return compareDecimal(text, "0") === 0;
}

/** Whether a quantity is more than zero. */
export function isPositive(text: string): boolean {
  return isDecimal(text) && compareDecimal(text, "0") > 0;
}
