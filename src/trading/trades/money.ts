/**
 * Rounding policy: prices arrive with up to four decimals (stocks trade in sub-pennies), so cents are
 * not exact either. Arithmetic stays in floating point and every reported money figure is rounded to
 * 1e-9 at the end, which removes binary artefacts (0.1 + 0.2) without hiding a real sub-cent amount.
 * Quantities get the same treatment because fractional shares exist.
 */
const SCALE = 1e9;

export function roundMoney(value: number): number {
  const rounded = Math.round(value * SCALE) / SCALE;
  // Math.round(-0.4) is -0: report a plain 0.
  return rounded === 0 ? 0 : rounded;
}

export const roundQty = roundMoney;

/** Quantities below this are rounding residue, not a position. */
export const QTY_EPSILON = 1e-9;
