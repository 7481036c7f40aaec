/**
 * Listed strikes around the current price: fine spacing near the money ($1 for SPY/QQQ/GLD, $0.50
 * for SLV), coarser further out, as the exchanges list them. The grid an order may use is wider than
 * what a chain shows (the chain follows the price; a position opened yesterday must stay tradable).
 */
import type { StrikeGrid } from './instruments.ts';

/** Steps are whole cents, so strikes are built from integer cents. */
function multiplesBetween(step: number, low: number, high: number): number[] {
  const stepCents = Math.round(step * 100);
  const first = Math.ceil((low * 100) / stepCents);
  const last = Math.floor((high * 100) / stepCents);
  const strikes: number[] = [];
  for (let k = Math.max(first, 1); k <= last; k += 1) strikes.push((k * stepCents) / 100);
  return strikes;
}

export function listedStrikes(grid: StrikeGrid, spot: number): number[] {
  const fine = multiplesBetween(grid.fineStep, spot * (1 - grid.fineBand), spot * (1 + grid.fineBand));
  const coarse = multiplesBetween(grid.coarseStep, spot * (1 - grid.outerBand), spot * (1 + grid.outerBand));
  return [...new Set([...fine, ...coarse])].sort((a, b) => a - b);
}

/** True if `strike` is a multiple of the fine step within twice the outer band of the reference. */
export function isStrikeOnGrid(grid: StrikeGrid, strike: number, referencePrice: number): boolean {
  const stepCents = Math.round(grid.fineStep * 100);
  const cents = Math.round(strike * 100);
  if (Math.abs(cents - strike * 100) > 1e-6 || cents % stepCents !== 0) return false;
  const reach = 2 * grid.outerBand;
  return strike >= referencePrice * (1 - reach) && strike <= referencePrice * (1 + reach);
}
