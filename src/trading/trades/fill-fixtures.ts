/**
 * Test fixtures only (imported by the *.test.ts beside it): compact, readable fills on SPY options.
 * Times are on 2026-03-02 unless a full date is given.
 */
import { formatOccSymbol } from '../options/occ-symbol.ts';
import type { BrokerFill, PositionIntent } from './types.ts';

export const MARCH = '2026-03-20';
export const APRIL = '2026-04-17';

export const put = (strike: number, expiry = MARCH) =>
  formatOccSymbol({ root: 'SPY', expiry, type: 'put', strike });
export const call = (strike: number, expiry = MARCH) =>
  formatOccSymbol({ root: 'SPY', expiry, type: 'call', strike });

/** `'14:30'` → 2026-03-02T14:30:00Z; `'03-05 15:00'` → 2026-03-05T15:00:00Z. */
export function at(time: string): string {
  const [day, clock] = time.includes(' ') ? time.split(' ') : ['03-02', time];
  return `2026-${day}T${clock}:00Z`;
}

export function fill(
  id: string,
  time: string,
  order: string,
  side: 'buy' | 'sell',
  qty: number,
  symbol: string,
  price: number,
  extra: { intent?: PositionIntent; fee?: number } = {},
): BrokerFill {
  return {
    id,
    transaction_time: at(time),
    symbol,
    side,
    qty: String(qty),
    price: String(price),
    order_id: order,
    ...(extra.intent ? { position_intent: extra.intent } : {}),
    ...(extra.fee === undefined ? {} : { fee: extra.fee }),
  };
}

/**
 * A short iron condor 470/480 puts, 520/530 calls opened as one order for a 2.00 credit
 * (2.00 + 1.80 − 0.90 − 0.90) and closed as one order at the given prices.
 */
export function ironCondor(
  prefix: string,
  open: string,
  close: string,
  closePrices: [number, number, number, number],
): BrokerFill[] {
  const [p470, p480, c520, c530] = closePrices;
  return [
    fill(`${prefix}1`, open, `${prefix}-open`, 'buy', 1, put(470), 0.9, { intent: 'buy_to_open' }),
    fill(`${prefix}2`, open, `${prefix}-open`, 'sell', 1, put(480), 2.0, { intent: 'sell_to_open' }),
    fill(`${prefix}3`, open, `${prefix}-open`, 'sell', 1, call(520), 1.8, { intent: 'sell_to_open' }),
    fill(`${prefix}4`, open, `${prefix}-open`, 'buy', 1, call(530), 0.9, { intent: 'buy_to_open' }),
    fill(`${prefix}5`, close, `${prefix}-close`, 'sell', 1, put(470), p470, { intent: 'sell_to_close' }),
    fill(`${prefix}6`, close, `${prefix}-close`, 'buy', 1, put(480), p480, { intent: 'buy_to_close' }),
    fill(`${prefix}7`, close, `${prefix}-close`, 'buy', 1, call(520), c520, { intent: 'buy_to_close' }),
    fill(`${prefix}8`, close, `${prefix}-close`, 'sell', 1, call(530), c530, { intent: 'sell_to_close' }),
  ];
}
