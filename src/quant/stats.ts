/**
 * Small statistics shared by the quant modules. Everything here returns finite numbers or says why
 * it cannot (the originals could emit NaN, which breaks a JSON response).
 */

export const TRADING_DAYS_PER_YEAR = 252;

export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Standard deviation with n − 1 in the denominator (the sample estimate); 0 for fewer than 2 values. */
export function sampleStd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const average = mean(values);
  let squares = 0;
  for (const value of values) squares += (value - average) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

/** Standard deviation with n in the denominator (numpy's default ddof 0, which qtos-core used). */
export function populationStd(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const average = mean(values);
  let squares = 0;
  for (const value of values) squares += (value - average) ** 2;
  return Math.sqrt(squares / values.length);
}

/** Simple returns v[t]/v[t−1] − 1. */
export function simpleReturns(values: readonly number[]): number[] {
  const returns: number[] = [];
  for (let index = 1; index < values.length; index++) {
    const previous = values[index - 1] ?? Number.NaN;
    const current = values[index] ?? Number.NaN;
    returns.push(current / previous - 1);
  }
  return returns;
}

export function logReturns(values: readonly number[]): number[] {
  const returns: number[] = [];
  for (let index = 1; index < values.length; index++) {
    returns.push(Math.log((values[index] ?? Number.NaN) / (values[index - 1] ?? Number.NaN)));
  }
  return returns;
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/**
 * Rounds like Python's `round(x, digits)`: to the nearest, and an exact tie (only possible when the
 * double is exactly …5 in decimal, e.g. 0.625) to the even digit. The discipline score is
 * `round(1 − 3/8, 2)`, which Python makes 0.62 and a naive `Math.round` would make 0.63. `toFixed`
 * with many places gives the double's exact decimal digits, so a true tie is recognisable.
 */
export function roundHalfEven(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  const scale = 10 ** digits;
  const scaled = value * scale;
  const exact = Math.abs(value).toFixed(Math.min(100, digits + 40));
  const tail = exact.slice(exact.indexOf('.') + 1 + digits);
  const isTie = /^50*$/.test(tail);
  if (!isTie) return Math.round(scaled) / scale;
  const magnitude = Math.floor(Math.abs(value) * scale);
  const even = magnitude % 2 === 0 ? magnitude : magnitude + 1;
  return (Math.sign(value) * even) / scale;
}

/** Rounds half away from zero to `digits` places, for display figures where ties do not matter. */
export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
