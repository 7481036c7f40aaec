/**
 * Why a quant calculation cannot give an answer. Pure: a route decides which HTTP status each becomes
 * (an input error is the caller's to fix, so a 422 with `field`). Every message names what was wrong.
 */

export class QuantInputError extends Error {
  override readonly name = 'QuantInputError';
  /** The input path that was wrong, e.g. `holdings[2].shares` or `prices.closes.SPY`. */
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field} ${message}`);
    this.field = field;
  }
}

/** Throws a QuantInputError unless `value` is a finite number (NaN and ±Infinity never pass). */
export function requireFinite(field: string, value: number): number {
  if (!Number.isFinite(value)) throw new QuantInputError(field, `must be a finite number (got ${value})`);
  return value;
}

export function requirePositive(field: string, value: number): number {
  requireFinite(field, value);
  if (value <= 0) throw new QuantInputError(field, `must be greater than 0 (got ${value})`);
  return value;
}
