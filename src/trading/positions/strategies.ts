/**
 * Broker positions → strategies: option legs grouped by (underlying, expiry), each stock holding on
 * its own (a stock has no expiry to group by). The id is derived from the account and the sorted
 * symbols, so the same holdings give the same id on every load and on every server, and a close
 * request can name it; when a leg is added or closed the set changes and so does the id.
 */
import { roundMoney } from '../trades/money.ts';
import { stableId } from '../trades/stable-id.ts';
import { detectStrategy, type StrategyKind, sortLegs } from '../trades/strategy.ts';
import { type BrokerPosition, type PositionLeg, positionLeg } from './broker-position.ts';

export interface PositionStrategy {
  id: string;
  accountId: string;
  underlying: string;
  /** YYYY-MM-DD; null for a stock holding. */
  expiry: string | null;
  strategy: StrategyKind;
  /** Sorted by strike, put before call, long before short. */
  legs: PositionLeg[];
  /** Sum of the legs' P&L; null when any leg lacks a current price. */
  totalPnl: number | null;
}

export function strategyId(accountId: string, symbols: readonly string[]): string {
  return stableId('pos', [accountId, ...[...symbols].sort()]);
}

export function groupPositions(accountId: string, positions: readonly BrokerPosition[]): PositionStrategy[] {
  const groups = new Map<string, PositionLeg[]>();
  for (const position of positions) {
    const leg = positionLeg(accountId, position);
    const expiry = leg.instrument.kind === 'option' ? leg.instrument.expiry : '';
    const key = `${leg.instrument.underlying} ${expiry}`;
    groups.set(key, [...(groups.get(key) ?? []), leg]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, legs]) => toStrategy(accountId, legs));
}

function toStrategy(accountId: string, unsorted: PositionLeg[]): PositionStrategy {
  const legs = sortLegs(unsorted);
  const first = legs[0] as PositionLeg;
  const pnls = legs.map((leg) => leg.pnl);
  return {
    id: strategyId(
      accountId,
      legs.map((leg) => leg.symbol),
    ),
    accountId,
    underlying: first.instrument.underlying,
    expiry: first.instrument.kind === 'option' ? first.instrument.expiry : null,
    strategy: detectStrategy(legs).kind,
    legs,
    totalPnl: pnls.includes(null) ? null : roundMoney(pnls.reduce<number>((sum, pnl) => sum + (pnl ?? 0), 0)),
  };
}
