/**
 * An order's notional: the dollars it puts at risk, which `max_order_notional` caps.
 *
 * - Stock: qty × price (shares are worth what was paid for them, whichever the side).
 * - Options (one contract or a 2–4 leg spread), opening: the largest loss the position the order
 *   opens can suffer at expiry, net of the premium. So a bought option or debit spread risks the
 *   premium paid; a credit spread risks width × 100 × qty − credit; a short put risks
 *   strike × 100 × qty − credit. Loss above the highest strike is unbounded when the order is net
 *   short calls; it is then measured at twice the highest strike (the underlying doubling), a
 *   finite figure that any sensible limit refuses.
 * - Options, closing (every leg buy_to_close / sell_to_close): closing adds no risk; the notional is
 *   the premium paid for the close, or 0 for a close that collects a credit.
 *
 * Prices: a limit order is priced at its limit (the worst it can fill at: a simple order's price per
 * share, an mleg order's net price per unit, positive = debit); a market order at each leg's quote
 * mid ((bid + ask) / 2, or the one side quoted). A market order without a usable quote cannot be
 * estimated and is refused as invalid.
 */
import type { OrderRequest, Quote } from '../broker/types.ts';
import { intrinsicValue } from '../trades/instrument.ts';
import { roundMoney } from '../trades/money.ts';
import { OrderRefusedError } from './errors.ts';
import { type OrderLine, validateOrder } from './validate.ts';

const OPTION_MULTIPLIER = 100;

/** (bid + ask) / 2, the one side quoted when the other is 0, or null without a usable quote. */
export function quoteMid(quote: Quote | undefined): number | null {
  if (!quote) return null;
  const bid = Number.isFinite(quote.bid) && quote.bid > 0 ? quote.bid : null;
  const ask = Number.isFinite(quote.ask) && quote.ask > 0 ? quote.ask : null;
  if (bid !== null && ask !== null) return (bid + ask) / 2;
  return bid ?? ask;
}

/** The symbols whose quotes `estimateNotional` needs: none for a limit order. */
export function notionalQuoteSymbols(order: OrderRequest): string[] {
  if (order.type === 'limit') return [];
  return validateOrder(order).map((line) => line.instrument.symbol);
}

export function estimateNotional(order: OrderRequest, quotes: readonly Quote[]): number {
  const lines = validateOrder(order);
  const premiumPaid = netPremiumPaid(order, lines, quotes);
  const first = lines[0] as OrderLine;
  if (first.instrument.kind === 'stock') {
    return roundMoney(Math.abs(premiumPaid));
  }
  if (lines.every(isClosingLine)) return roundMoney(Math.max(0, premiumPaid));
  return roundMoney(maxLossAtExpiry(lines, premiumPaid));
}

function isClosingLine(line: OrderLine): boolean {
  return line.positionIntent === 'buy_to_close' || line.positionIntent === 'sell_to_close';
}

/** Dollars paid for the whole order (negative for a credit). */
function netPremiumPaid(order: OrderRequest, lines: readonly OrderLine[], quotes: readonly Quote[]): number {
  if (order.type === 'limit' && order.limitPrice !== undefined) {
    if (order.orderClass === 'mleg') return order.limitPrice * order.qty * OPTION_MULTIPLIER;
    const line = lines[0] as OrderLine;
    return sign(line) * order.limitPrice * line.qty * line.instrument.multiplier;
  }
  const bySymbol = new Map(quotes.map((quote) => [quote.symbol, quote]));
  let paid = 0;
  for (const line of lines) {
    const mid = quoteMid(bySymbol.get(line.instrument.symbol));
    if (mid === null) {
      throw new OrderRefusedError(
        'invalid_order',
        `no quote for ${line.instrument.symbol}: a market order's notional cannot be estimated; send a limit order`,
        { symbol: line.instrument.symbol },
      );
    }
    paid += sign(line) * mid * line.qty * line.instrument.multiplier;
  }
  return paid;
}

/** The worst of premium paid − payoff over the underlying's price at expiry (never below 0). */
function maxLossAtExpiry(lines: readonly OrderLine[], premiumPaid: number): number {
  const strikes = lines.map((line) => (line.instrument.kind === 'option' ? line.instrument.strike : 0));
  const highest = Math.max(...strikes);
  // The payoff is piecewise linear with kinks at the strikes: its minimum is at 0, at a strike, or,
  // when net short calls make it fall forever above the highest strike, at the far end.
  const prices = [0, ...strikes, highest * 2];
  let worst = 0;
  for (const price of prices) {
    const payoff = lines.reduce(
      (sum, line) => sum + sign(line) * intrinsicValue(line.instrument, price) * line.qty * OPTION_MULTIPLIER,
      0,
    );
    worst = Math.max(worst, premiumPaid - payoff);
  }
  return worst;
}

function sign(line: OrderLine): 1 | -1 {
  return line.side === 'buy' ? 1 : -1;
}
