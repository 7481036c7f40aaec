/**
 * Positions as the console shows them, and the closing order a confirmation describes. The closing
 * order mirrors the server's (buy to close what is short, sell to close what is long; one multi-leg
 * order for a whole strategy, one leg otherwise) so the dialog says exactly what will be sent.
 */
import { describeContract, parseOcc } from './occ.ts';
import type { PositionLeg, PositionStrategy } from './trading-types.ts';

export interface LegRow {
  id: string;
  symbol: string;
  type: string;
  strike: number | null;
  expiry: string | null;
  direction: 'long' | 'short';
  qty: number;
  entry: number;
  current: number | null;
  pnl: number | null;
}

export function legRow(leg: PositionLeg): LegRow {
  const occ = leg.kind === 'option' ? parseOcc(leg.symbol) : null;
  return {
    id: leg.id,
    symbol: leg.symbol,
    type: leg.kind === 'stock' ? 'stock' : (leg.type ?? occ?.type ?? 'option'),
    strike: leg.strike ?? occ?.strike ?? null,
    expiry: leg.expiry ?? occ?.expiry ?? null,
    direction: leg.direction,
    qty: leg.qty,
    entry: leg.avg_entry_price,
    current: leg.current_price,
    pnl: leg.pnl,
  };
}

/** `iron_condor` → `Iron condor`. */
export function strategyName(kind: string): string {
  const words = kind.replace(/[_-]+/g, ' ').trim();
  return words ? words[0]?.toUpperCase() + words.slice(1) : 'Position';
}

export function strategyTitle(strategy: PositionStrategy): string {
  return `${strategy.underlying}${strategy.expiry ? ` ${strategy.expiry}` : ''} · ${strategyName(strategy.kind)}`;
}

export interface ClosingLine {
  action: 'Buy to close' | 'Sell to close';
  side: 'buy' | 'sell';
  qty: number;
  symbol: string;
  contract: string;
  /** At the current price: paid (negative) or received (positive), multiplier applied. */
  estimate: number | null;
}

export interface ClosePreview {
  strategyId: string;
  /** The leg's id when one leg is being closed. */
  leg: string | null;
  qty: number | null;
  orderClass: 'mleg' | 'simple';
  type: 'market';
  timeInForce: 'day';
  lines: ClosingLine[];
  /** Net cash at current prices (positive = credit); null when a price is missing. */
  estimate: number | null;
  title: string;
}

function multiplier(leg: PositionLeg): number {
  return leg.kind === 'stock' ? 1 : 100;
}

function closingLine(leg: PositionLeg, qty: number): ClosingLine {
  const short = leg.direction === 'short';
  const value = leg.current_price === null ? null : leg.current_price * qty * multiplier(leg);
  return {
    action: short ? 'Buy to close' : 'Sell to close',
    side: short ? 'buy' : 'sell',
    qty,
    symbol: leg.symbol,
    contract: describeContract(leg.symbol),
    estimate: value === null ? null : short ? -value : value,
  };
}

/** The order a close sends: the whole strategy, or one leg (all of it unless `qty` says less). */
export function closePreview(strategy: PositionStrategy, legId?: string, qty?: number): ClosePreview {
  const leg =
    legId === undefined ? null : strategy.legs.find((item) => item.id === legId || item.symbol === legId);
  if (legId !== undefined && !leg) throw new Error(`this position has no leg ${legId}`);
  const lines = leg
    ? [closingLine(leg, qty ?? leg.qty)]
    : strategy.legs.map((item) => closingLine(item, item.qty));
  const estimates = lines.map((line) => line.estimate);
  return {
    strategyId: strategy.id,
    leg: leg ? leg.id : null,
    qty: leg ? (qty ?? leg.qty) : null,
    orderClass: lines.length > 1 ? 'mleg' : 'simple',
    type: 'market',
    timeInForce: 'day',
    lines,
    estimate: estimates.includes(null)
      ? null
      : Math.round(estimates.reduce<number>((sum, value) => sum + (value ?? 0), 0) * 100) / 100,
    title: leg ? `Close ${describeContract(leg.symbol)}` : `Close ${strategyTitle(strategy)}`,
  };
}

/**
 * One idempotency key per confirmation dialog: every click on its Confirm sends the same key, so a
 * double-click (or a retry after a lost answer) cannot close twice.
 */
export function newRequestKey(random: () => string = () => crypto.randomUUID()): string {
  return `console-${random()}`;
}

/** A strategy's P&L as a fraction of what it cost to open (its cost basis), when both are known. */
export function pnlFraction(strategy: PositionStrategy): number | null {
  if (strategy.pnl === null || !strategy.cost_basis) return null;
  return strategy.pnl / Math.abs(strategy.cost_basis);
}
