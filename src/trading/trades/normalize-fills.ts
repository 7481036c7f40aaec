/**
 * Fills and option events → one validated, de-duplicated, totally ordered list. The order (time,
 * then id) is what makes the grouping independent of how the broker paged the fills: any
 * concatenation of the same pages, in any order, with overlaps, yields the same list.
 */
import { TradeInputError } from './errors.ts';
import { instrumentOf, intrinsicValue } from './instrument.ts';
import type { BrokerFill, Instrument, OptionEvent, PositionIntent } from './types.ts';

export interface NormalizedFill {
  id: string;
  time: string;
  timeMs: number;
  instrument: Instrument;
  /** +1 buy, −1 sell; `null` for an option event, which closes whatever side is held. */
  sign: 1 | -1 | null;
  qty: number;
  price: number;
  fee: number;
  /** Option events have no order: their own id stands in for it. */
  orderId: string;
  intent: PositionIntent | null;
  source: 'fill' | OptionEvent['type'];
}

export function normalizeFills(
  fills: readonly BrokerFill[],
  events: readonly OptionEvent[] = [],
): NormalizedFill[] {
  const byId = new Map<string, NormalizedFill>();
  for (const record of [...fills.map(fromFill), ...events.map(fromEvent)]) {
    const seen = byId.get(record.id);
    if (seen && JSON.stringify(seen) !== JSON.stringify(record)) {
      // Keeping either copy would make the result depend on page order.
      throw new TradeInputError(`fill ${record.id} appears twice with different contents`);
    }
    byId.set(record.id, record);
  }
  return [...byId.values()].sort(compareFills);
}

export function compareFills(a: NormalizedFill, b: NormalizedFill): number {
  if (a.timeMs !== b.timeMs) return a.timeMs - b.timeMs;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function fromFill(fill: BrokerFill): NormalizedFill {
  const where = `fill ${JSON.stringify(fill.id)}`;
  requireText(where, 'id', fill.id);
  requireText(where, 'order_id', fill.order_id);
  if (fill.side !== 'buy' && fill.side !== 'sell') {
    throw new TradeInputError(`${where}: side must be buy or sell (got ${JSON.stringify(fill.side)})`);
  }
  const intent = fill.position_intent ?? null;
  if (intent && !intent.startsWith(fill.side)) {
    throw new TradeInputError(`${where}: position_intent ${intent} contradicts side ${fill.side}`);
  }
  return {
    id: fill.id,
    ...timeOf(where, fill.transaction_time),
    instrument: instrumentOf(fill.symbol),
    sign: fill.side === 'buy' ? 1 : -1,
    qty: positive(where, 'qty', fill.qty),
    price: nonNegative(where, 'price', fill.price),
    fee: fill.fee === undefined ? 0 : nonNegative(where, 'fee', fill.fee),
    orderId: fill.order_id,
    intent,
    source: 'fill',
  };
}

function fromEvent(event: OptionEvent): NormalizedFill {
  const where = `${event.type} ${JSON.stringify(event.id)}`;
  requireText(where, 'id', event.id);
  const instrument = instrumentOf(event.symbol);
  if (instrument.kind !== 'option') throw new TradeInputError(`${where}: ${event.symbol} is not an option`);
  let price = 0;
  if (event.type !== 'expiry') {
    if (event.underlying_price === undefined) {
      throw new TradeInputError(`${where}: underlying_price is required to value an ${event.type}`);
    }
    price = intrinsicValue(instrument, nonNegative(where, 'underlying_price', event.underlying_price));
  }
  return {
    id: event.id,
    ...timeOf(where, event.transaction_time),
    instrument,
    sign: null,
    // Alpaca reports an expired long as a negative quantity: the size is what matters here.
    qty: Math.abs(nonZero(where, 'qty', event.qty)),
    price,
    fee: 0,
    orderId: event.id,
    intent: null,
    source: event.type,
  };
}

function timeOf(where: string, time: string): { time: string; timeMs: number } {
  const timeMs = Date.parse(time);
  if (typeof time !== 'string' || Number.isNaN(timeMs)) {
    throw new TradeInputError(`${where}: transaction_time ${JSON.stringify(time)} is not an ISO date-time`);
  }
  return { time, timeMs };
}

function requireText(where: string, field: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TradeInputError(`${where}: ${field} must be a non-empty string`);
  }
}

function numberOf(where: string, field: string, value: number | string): number {
  const parsed = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(parsed)) {
    throw new TradeInputError(`${where}: ${field} must be a finite number (got ${JSON.stringify(value)})`);
  }
  return parsed;
}

function positive(where: string, field: string, value: number | string): number {
  const parsed = numberOf(where, field, value);
  if (parsed <= 0) throw new TradeInputError(`${where}: ${field} must be positive (got ${parsed})`);
  return parsed;
}

function nonZero(where: string, field: string, value: number | string): number {
  const parsed = numberOf(where, field, value);
  if (parsed === 0) throw new TradeInputError(`${where}: ${field} must not be zero`);
  return parsed;
}

function nonNegative(where: string, field: string, value: number | string): number {
  const parsed = numberOf(where, field, value);
  if (parsed < 0) throw new TradeInputError(`${where}: ${field} must not be negative (got ${parsed})`);
  return parsed;
}
