/**
 * Broker positions (Alpaca GET /v2/positions) → validated legs with live P&L from the current
 * price. Alpaca sends numbers as strings and a short as a negative qty with side "short"; the two
 * must agree. P&L is recomputed from current_price rather than copied from unrealized_pl, so every
 * leg and total uses one formula; the broker's figure is kept beside it for comparison.
 * Money is rounded to 1e-9 at the end (see trades/money.ts).
 */
import { TradeInputError } from '../trades/errors.ts';
import { instrumentOf } from '../trades/instrument.ts';
import { roundMoney } from '../trades/money.ts';
import { stableId } from '../trades/stable-id.ts';
import type { Direction, Instrument } from '../trades/types.ts';

type Numeric = number | string;

export interface BrokerPosition {
  symbol: string;
  /** Negative for a short. */
  qty: Numeric;
  side: 'long' | 'short';
  avg_entry_price: Numeric;
  /** Null when the broker has no recent quote. */
  current_price: Numeric | null;
  market_value?: Numeric | null;
  cost_basis?: Numeric | null;
  unrealized_pl?: Numeric | null;
  asset_class?: string;
}

export interface PositionLeg {
  /** Stable per account and contract. */
  id: string;
  symbol: string;
  instrument: Instrument;
  direction: Direction;
  /** Contracts or shares held, positive. */
  qty: number;
  avgEntryPrice: number;
  currentPrice: number | null;
  /** (current − entry) × qty × multiplier, reversed for a short; null without a current price. */
  pnl: number | null;
  /** pnl over the entry cost (avg entry × qty × multiplier), as a fraction; null when either is unknown. */
  pnlFraction: number | null;
  /** The broker's own unrealized_pl, as reported. */
  brokerUnrealizedPl: number | null;
}

export function positionLeg(accountId: string, position: BrokerPosition): PositionLeg {
  const where = `position ${JSON.stringify(position.symbol)}`;
  const instrument = instrumentOf(position.symbol);
  const signedQty = numberOf(where, 'qty', position.qty);
  if (signedQty === 0) throw new TradeInputError(`${where}: qty must not be zero`);
  const direction: Direction = signedQty < 0 ? 'short' : 'long';
  if (position.side !== direction) {
    throw new TradeInputError(`${where}: side ${position.side} contradicts qty ${signedQty}`);
  }
  const qty = Math.abs(signedQty);
  const avgEntryPrice = numberOf(where, 'avg_entry_price', position.avg_entry_price);
  const currentPrice = optionalNumber(where, 'current_price', position.current_price);
  const sign = direction === 'long' ? 1 : -1;
  const pnl =
    currentPrice === null
      ? null
      : roundMoney((currentPrice - avgEntryPrice) * qty * instrument.multiplier * sign);
  const entryCost = avgEntryPrice * qty * instrument.multiplier;
  return {
    id: stableId('leg', [accountId, instrument.symbol]),
    symbol: instrument.symbol,
    instrument,
    direction,
    qty,
    avgEntryPrice,
    currentPrice,
    pnl,
    pnlFraction: pnl === null || entryCost === 0 ? null : roundMoney(pnl / entryCost),
    brokerUnrealizedPl: optionalNumber(where, 'unrealized_pl', position.unrealized_pl),
  };
}

function optionalNumber(where: string, field: string, value: Numeric | null | undefined): number | null {
  return value === null || value === undefined ? null : numberOf(where, field, value);
}

function numberOf(where: string, field: string, value: Numeric): number {
  const parsed = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(parsed)) {
    throw new TradeInputError(`${where}: ${field} must be a finite number (got ${JSON.stringify(value)})`);
  }
  return parsed;
}
