/**
 * Names the option strategy a set of opening legs forms. Legs are sorted first (stock, then options
 * by expiry, strike, put before call, long before short) so each rule can read them by position.
 * Every multi-leg rule requires equal quantities (shares count per 100 against contracts): unequal
 * sizes are ratio spreads, reported as `custom` rather than guessed.
 */
import type { Direction, Instrument } from './types.ts';

export interface StrategyLeg {
  instrument: Instrument;
  direction: Direction;
  qty: number;
}

export type StrategyKind =
  | 'long_call'
  | 'short_call'
  | 'long_put'
  | 'short_put'
  | 'long_stock'
  | 'short_stock'
  | 'bull_call_spread'
  | 'bear_call_spread'
  | 'bull_put_spread'
  | 'bear_put_spread'
  | 'long_straddle'
  | 'short_straddle'
  | 'long_strangle'
  | 'short_strangle'
  | 'iron_condor'
  | 'iron_butterfly'
  | 'long_calendar'
  | 'short_calendar'
  | 'diagonal'
  | 'covered_call'
  | 'protective_put'
  | 'custom';

export interface DetectedStrategy {
  kind: StrategyKind;
  legs: StrategyLeg[];
}

type OptionInstrument = Extract<Instrument, { kind: 'option' }>;
type OptionLeg = StrategyLeg & { instrument: OptionInstrument };

export function detectStrategy(legs: readonly StrategyLeg[]): DetectedStrategy {
  const sorted = sortLegs(legs);
  return { kind: classify(sorted), legs: sorted };
}

export function sortLegs<Leg extends Pick<StrategyLeg, 'instrument' | 'direction'>>(
  legs: readonly Leg[],
): Leg[] {
  return [...legs].sort((a, b) => {
    const x = a.instrument;
    const y = b.instrument;
    if (x.kind !== y.kind) return x.kind === 'stock' ? -1 : 1;
    if (x.kind === 'option' && y.kind === 'option') {
      if (x.expiry !== y.expiry) return x.expiry < y.expiry ? -1 : 1;
      if (x.strike !== y.strike) return x.strike - y.strike;
      if (x.type !== y.type) return x.type === 'put' ? -1 : 1;
    }
    if (a.direction !== b.direction) return a.direction === 'long' ? -1 : 1;
    return x.symbol < y.symbol ? -1 : x.symbol > y.symbol ? 1 : 0;
  });
}

function classify(legs: StrategyLeg[]): StrategyKind {
  const stock = legs.filter((leg) => leg.instrument.kind === 'stock');
  const options = legs.filter((leg): leg is OptionLeg => leg.instrument.kind === 'option');
  if (stock.length === 1 && options.length === 0) return `${stock[0]?.direction ?? 'long'}_stock`;
  if (stock.length === 1 && options.length === 1)
    return stockAndOption(stock[0] as StrategyLeg, options[0] as OptionLeg);
  if (stock.length > 0) return 'custom';
  if (new Set(options.map((leg) => leg.qty)).size > 1) return 'custom';
  if (options.length === 1) return singleLeg(options[0] as OptionLeg);
  if (options.length === 2) return twoLegs(options[0] as OptionLeg, options[1] as OptionLeg);
  if (options.length === 4) return fourLegs(options as [OptionLeg, OptionLeg, OptionLeg, OptionLeg]);
  return 'custom';
}

function singleLeg(leg: OptionLeg): StrategyKind {
  return `${leg.direction}_${leg.instrument.type}`;
}

/** Long stock with a short call on as many shares: covered call; with a long put: protective put. */
function stockAndOption(stock: StrategyLeg, option: OptionLeg): StrategyKind {
  if (stock.direction !== 'long' || stock.qty !== option.qty * option.instrument.multiplier) return 'custom';
  if (option.instrument.type === 'call' && option.direction === 'short') return 'covered_call';
  if (option.instrument.type === 'put' && option.direction === 'long') return 'protective_put';
  return 'custom';
}

/** Legs arrive sorted: `low` has the earlier expiry, or the lower strike within one expiry. */
function twoLegs(low: OptionLeg, high: OptionLeg): StrategyKind {
  const a = low.instrument;
  const b = high.instrument;
  const opposite = low.direction !== high.direction;
  if (a.expiry !== b.expiry) {
    // Time spreads: one bought, one sold, same type. Long calendar = long the later expiry
    // (it profits from the near leg's faster decay).
    if (!opposite || a.type !== b.type) return 'custom';
    if (a.strike !== b.strike) return 'diagonal';
    return high.direction === 'long' ? 'long_calendar' : 'short_calendar';
  }
  if (a.type === b.type) {
    // Verticals: same expiry and type, different strikes, one long and one short. Bull = long the
    // lower strike (calls: debit; puts: credit), bear = short the lower strike.
    if (!opposite || a.strike === b.strike) return 'custom';
    const bullish = low.direction === 'long';
    return `${bullish ? 'bull' : 'bear'}_${a.type}_spread`;
  }
  // A put and a call, both bought or both sold: straddle at one strike, strangle with the put below
  // the call (the reverse, a "guts" strangle, is left as custom).
  if (opposite) return 'custom';
  if (a.strike === b.strike) return `${low.direction}_straddle`;
  return a.type === 'put' ? `${low.direction}_strangle` : 'custom';
}

/**
 * Short iron condor / butterfly, one expiry: long put K1 < short put K2 ≤ short call K3 < long call K4.
 * K2 = K3 (the short straddle in the middle) makes it a butterfly. The reverse structures (long
 * inner, short wings) are reported as custom.
 */
function fourLegs([p1, p2, c1, c2]: [OptionLeg, OptionLeg, OptionLeg, OptionLeg]): StrategyKind {
  if (new Set([p1, p2, c1, c2].map((leg) => leg.instrument.expiry)).size !== 1) return 'custom';
  // Sorted by strike with puts first at equal strikes, so a butterfly's shared strike reads put, call.
  const puts = [p1, p2, c1, c2].filter((leg) => leg.instrument.type === 'put');
  const calls = [p1, p2, c1, c2].filter((leg) => leg.instrument.type === 'call');
  if (puts.length !== 2 || calls.length !== 2) return 'custom';
  const [longPut, shortPut] = puts as [OptionLeg, OptionLeg];
  const [shortCall, longCall] = calls as [OptionLeg, OptionLeg];
  const shape =
    longPut.direction === 'long' &&
    shortPut.direction === 'short' &&
    shortCall.direction === 'short' &&
    longCall.direction === 'long' &&
    longPut.instrument.strike < shortPut.instrument.strike &&
    shortPut.instrument.strike <= shortCall.instrument.strike &&
    shortCall.instrument.strike < longCall.instrument.strike;
  if (!shape) return 'custom';
  return shortPut.instrument.strike === shortCall.instrument.strike ? 'iron_butterfly' : 'iron_condor';
}
