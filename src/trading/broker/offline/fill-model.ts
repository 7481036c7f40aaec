/**
 * How the offline paper broker fills an order against a quote. Pure.
 *
 * - A buy lifts the ask and a sell hits the bid, plus slippage: one cent per share for every displayed
 *   size (or part of one) the order takes, so a small order pays a cent beyond the touch and a large
 *   one walks further (buy at ask + slippage, sell at bid − slippage, never below zero).
 * - A limit order is marketable when the touch is at or better than its limit (buy: ask ≤ limit;
 *   sell: bid ≥ limit); it then fills at the slipped price or the limit, whichever is better for the
 *   broker, so it never fills worse than its limit. Otherwise it rests until a later check finds it
 *   marketable.
 * - A multi-leg order fills every leg at once. Its net price per unit is Σ ratio × leg price, signed
 *   + for a buy leg (debit) and − for a sell leg (credit); a limit is a net price in the same sign
 *   (positive = pay at most, negative = receive at least). When the slipped net would break the limit
 *   but the touch does not, every leg gives back the same share of its slippage, so the net lands on
 *   the limit exactly.
 */
import type { OrderSide, Quote } from '../types.ts';

export const TICK = 0.01;

/** Per-share slippage for taking `qty` against a displayed size. */
export function slippage(qty: number, displayedSize: number): number {
  const size = Math.max(1, displayedSize);
  return TICK * Math.max(1, Math.ceil(qty / size));
}

export interface FillLeg {
  side: OrderSide;
  /** Units of this leg per unit of the order (1 for a simple order). */
  ratio: number;
  quote: Quote;
}

export interface LegFill {
  price: number;
}

export interface NetFill {
  legs: LegFill[];
  /** Net price per unit of the order: signed as described above (a simple buy or sell: its price). */
  net: number;
}

function sign(side: OrderSide): 1 | -1 {
  return side === 'buy' ? 1 : -1;
}

/** Price to 1e-4 (stock sub-pennies; option prices stay in cents unless a limit splits slippage). */
function roundPrice(value: number): number {
  const rounded = Math.round(value * 10_000) / 10_000;
  return rounded === 0 ? 0 : rounded;
}

function touch(leg: FillLeg): number {
  return leg.side === 'buy' ? leg.quote.ask : leg.quote.bid;
}

function slipped(leg: FillLeg, orderQty: number): number {
  const qty = orderQty * leg.ratio;
  if (leg.side === 'buy') return leg.quote.ask + slippage(qty, leg.quote.askSize);
  return Math.max(0, leg.quote.bid - slippage(qty, leg.quote.bidSize));
}

/**
 * The fill of `qty` units across the legs, or null when a limit order is not marketable.
 * A simple order is one leg with ratio 1 whose net is signed by its side; `limit` for a simple order
 * is its plain (positive) limit price and is converted to that signed form here.
 */
export function fillOrder(legs: readonly FillLeg[], qty: number, limit: number | null): NetFill | null {
  const simpleSide = legs.length === 1 ? legs[0]?.side : undefined;
  // Work in "net debit" terms: a simple sell's limit L means a net of −L.
  const netLimit = limit === null ? null : simpleSide === 'sell' ? -limit : limit;
  const touchNet = legs.reduce((sum, leg) => sum + sign(leg.side) * leg.ratio * touch(leg), 0);
  const slippedNet = legs.reduce((sum, leg) => sum + sign(leg.side) * leg.ratio * slipped(leg, qty), 0);
  if (netLimit !== null && touchNet > netLimit + 1e-9) return null;
  let share = 1;
  if (netLimit !== null && slippedNet > netLimit && slippedNet > touchNet) {
    share = (netLimit - touchNet) / (slippedNet - touchNet);
  }
  const fills = legs.map((leg) => {
    const price = touch(leg) + share * (slipped(leg, qty) - touch(leg));
    return { price: roundPrice(price) };
  });
  const net = legs.reduce(
    (sum, leg, index) => sum + sign(leg.side) * leg.ratio * (fills[index]?.price ?? 0),
    0,
  );
  return { legs: fills, net: roundPrice(simpleSide === 'sell' ? -net : net) };
}
