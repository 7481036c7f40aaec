/** Choosing expiries and strikes from a chain: pure, ties broken toward the lower strike. */
import type { OptionType } from '../options/contract.ts';
import { type ChainContract, StrategyBuildError } from './types.ts';

/** Without an expiry, strategies open about a month out (the usual 30–45 day premium trade). */
export const DEFAULT_DAYS_TO_EXPIRY = 30;
const DAY_MS = 86_400_000;

export function expiriesOf(contracts: readonly ChainContract[]): string[] {
  return [...new Set(contracts.map((contract) => contract.expiry))].sort();
}

/** The requested expiry (which must be listed), else the one closest to DEFAULT_DAYS_TO_EXPIRY days. */
export function chooseExpiry(contracts: readonly ChainContract[], today: string, requested?: string): string {
  const listed = expiriesOf(contracts).filter((expiry) => expiry > today);
  if (listed.length === 0) throw new StrategyBuildError('the chain lists no future expiry');
  if (requested) {
    if (listed.includes(requested)) return requested;
    const near = [...listed].sort((a, b) => distance(a, requested) - distance(b, requested)).slice(0, 3);
    throw new StrategyBuildError(`no contracts expire on ${requested}; nearest listed: ${near.join(', ')}`);
  }
  const target = new Date(Date.parse(`${today}T00:00:00Z`) + DEFAULT_DAYS_TO_EXPIRY * DAY_MS)
    .toISOString()
    .slice(0, 10);
  return [...listed].sort(
    (a, b) => distance(a, target) - distance(b, target) || a.localeCompare(b),
  )[0] as string;
}

/** The first listed expiry at least `minDays` after `near` (a calendar's far leg). */
export function laterExpiry(contracts: readonly ChainContract[], near: string, minDays: number): string {
  const later = expiriesOf(contracts).find((expiry) => distance(expiry, near) >= minDays && expiry > near);
  if (!later) throw new StrategyBuildError(`no expiry listed at least ${minDays} days after ${near}`);
  return later;
}

export function side(contracts: readonly ChainContract[], expiry: string, type: OptionType): ChainContract[] {
  return contracts
    .filter((contract) => contract.expiry === expiry && contract.type === type && contract.mid !== null)
    .sort((a, b) => a.strike - b.strike);
}

/** The contract whose |delta| is closest to `target` (contracts without a delta are skipped). */
export function nearestDelta(
  candidates: readonly ChainContract[],
  target: number,
  what: string,
): ChainContract {
  const priced = candidates.filter((contract) => contract.delta !== null);
  const best = minBy(priced, (contract) => Math.abs(Math.abs(contract.delta ?? 0) - target));
  if (!best) throw new StrategyBuildError(`no ${what} with a known delta in the chain`);
  return best;
}

/** The contract whose strike is closest to `strike`. */
export function nearestStrike(
  candidates: readonly ChainContract[],
  strike: number,
  what: string,
): ChainContract {
  const best = minBy(candidates, (contract) => Math.abs(contract.strike - strike));
  if (!best) throw new StrategyBuildError(`no ${what} in the chain`);
  return best;
}

/** The smallest gap between neighbouring strikes (the chain's strike step). */
export function strikeStep(candidates: readonly ChainContract[]): number {
  let step = Number.POSITIVE_INFINITY;
  for (let index = 1; index < candidates.length; index += 1) {
    const gap = (candidates[index]?.strike ?? 0) - (candidates[index - 1]?.strike ?? 0);
    if (gap > 1e-9) step = Math.min(step, gap);
  }
  return Number.isFinite(step) ? step : 1;
}

function minBy<T>(items: readonly T[], score: (item: T) => number): T | undefined {
  let best: T | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const item of items) {
    const value = score(item);
    if (value < bestScore) {
      best = item;
      bestScore = value;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / DAY_MS;
}
