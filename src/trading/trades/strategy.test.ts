import { describe, expect, it } from 'vitest';
import { APRIL, call, put } from './fill-fixtures.ts';
import { instrumentOf } from './instrument.ts';
import { detectStrategy, type StrategyKind } from './strategy.ts';
import type { Direction } from './types.ts';

/** `'short 1 P480'`, `'long 1 C520 APRIL'`, `'long 100 SPY'`: one leg per string. */
function legs(...specs: string[]) {
  return specs.map((spec) => {
    const [direction, qty, what, expiry] = spec.split(' ') as [Direction, string, string, string?];
    const strike = Number(what.slice(1));
    const symbol =
      what === 'SPY'
        ? 'SPY'
        : what.startsWith('P')
          ? put(strike, expiry && APRIL)
          : call(strike, expiry && APRIL);
    return { instrument: instrumentOf(symbol), direction, qty: Number(qty) };
  });
}

const cases: [StrategyKind, string[]][] = [
  ['long_call', ['long 1 C520']],
  ['short_put', ['short 2 P480']],
  ['long_stock', ['long 100 SPY']],
  ['bull_call_spread', ['long 1 C510', 'short 1 C520']],
  ['bear_call_spread', ['short 1 C510', 'long 1 C520']],
  ['bull_put_spread', ['long 1 P470', 'short 1 P480']],
  ['bear_put_spread', ['short 1 P470', 'long 1 P480']],
  ['long_straddle', ['long 1 C500', 'long 1 P500']],
  ['short_strangle', ['short 1 P480', 'short 1 C520']],
  ['iron_condor', ['long 1 P470', 'short 1 P480', 'short 1 C520', 'long 1 C530']],
  ['iron_butterfly', ['long 1 P490', 'short 1 P500', 'short 1 C500', 'long 1 C510']],
  ['long_calendar', ['short 1 C500', 'long 1 C500 APRIL']],
  ['short_calendar', ['long 1 P500', 'short 1 P500 APRIL']],
  ['diagonal', ['short 1 C510', 'long 1 C500 APRIL']],
  ['covered_call', ['long 100 SPY', 'short 1 C520']],
  ['protective_put', ['long 200 SPY', 'long 2 P480']],
  // Ratio spread: unequal sizes are not guessed at.
  ['custom', ['long 1 C510', 'short 2 C520']],
  // Both legs bought: not a vertical.
  ['custom', ['long 1 C510', 'long 1 C520']],
  // Put above the call ("guts"): left as custom.
  ['custom', ['short 1 C480', 'short 1 P520']],
  // Reverse iron condor (long the inner strikes).
  ['custom', ['short 1 P470', 'long 1 P480', 'long 1 C520', 'short 1 C530']],
  // Covered call on too few shares.
  ['custom', ['long 50 SPY', 'short 1 C520']],
  ['custom', ['long 1 P470', 'short 1 P480', 'short 1 C520']],
];

describe('detectStrategy', () => {
  it.each(cases)('%s from %j', (kind, specs) => {
    expect(detectStrategy(legs(...specs)).kind).toBe(kind);
  });

  it('does not depend on the order the legs are given in', () => {
    const condor = legs('long 1 C530', 'short 1 P480', 'long 1 P470', 'short 1 C520');
    const detected = detectStrategy(condor);
    expect(detected.kind).toBe('iron_condor');
    expect(detected.legs.map((leg) => leg.instrument.symbol)).toEqual([
      put(470),
      put(480),
      call(520),
      call(530),
    ]);
  });

  it('sorts stock first, then by expiry, strike, put before call', () => {
    const sorted = detectStrategy(
      legs('long 1 C500 APRIL', 'short 1 C500', 'short 1 P500', 'long 100 SPY'),
    ).legs;
    expect(sorted.map((leg) => leg.instrument.symbol)).toEqual([
      'SPY',
      put(500),
      call(500),
      call(500, APRIL),
    ]);
  });
});
