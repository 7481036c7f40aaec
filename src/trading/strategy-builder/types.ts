/**
 * What the strategy builder works from and produces: a chain reduced to the figures a choice needs,
 * and an opening order's legs ready for a multi-leg (or single) order.
 */
import type { OptionType } from '../options/contract.ts';

export const STRATEGY_KINDS = [
  'iron_condor',
  'iron_butterfly',
  'vertical',
  'straddle',
  'strangle',
  'calendar',
  'single',
] as const;
export type StrategyKind = (typeof STRATEGY_KINDS)[number];

/** One contract of the chain as the builder sees it. */
export interface ChainContract {
  symbol: string;
  expiry: string;
  type: OptionType;
  strike: number;
  bid: number | null;
  ask: number | null;
  /** Midpoint of bid and ask, else the last price; null when the contract has no price at all. */
  mid: number | null;
  /** The provider's delta, else one computed from its implied volatility; null when neither is known. */
  delta: number | null;
}

export interface StrategyRequest {
  underlying: string;
  strategy: StrategyKind;
  /** YYYY-MM-DD; absent = the listed expiry closest to DEFAULT_DAYS_TO_EXPIRY days out. */
  expiry?: string;
  /** Absolute delta of the short legs (iron condor, strangle) or of the bought leg (vertical, single). */
  targetDelta?: number;
  /** Distance in dollars from the short strikes to the long wings (iron condor/butterfly, vertical). */
  wingWidth?: number;
  /** call or put, for vertical, calendar and single. */
  type?: OptionType;
  /** buy = the strategy's long form (debit), sell = its short form (credit); each kind has a usual one. */
  side?: 'buy' | 'sell';
  /** Number of strategy units (contracts per leg). */
  qty: number;
}

export interface BuiltLeg {
  symbol: string;
  type: OptionType;
  strike: number;
  expiry: string;
  side: 'buy' | 'sell';
  ratioQty: number;
  positionIntent: 'buy_to_open' | 'sell_to_open';
  /** Mid price per share at build time, when known. */
  mid: number | null;
  delta: number | null;
}

export interface BuiltStrategy {
  underlying: string;
  strategy: StrategyKind;
  side: 'buy' | 'sell';
  qty: number;
  legs: BuiltLeg[];
  /** Per unit, per share: positive = debit paid, negative = credit received; null when a leg has no price. */
  netPrice: number | null;
  /** e.g. "sell 1 SPY iron condor 2026-01-16: 560/570 puts, 640/650 calls, ≈ 2.35 credit". */
  description: string;
}

export class StrategyBuildError extends Error {
  override readonly name = 'StrategyBuildError';
}
