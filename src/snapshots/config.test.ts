import { describe, expect, it } from 'vitest';
import { DEFAULT_SNAPSHOT_UNDERLYINGS, parseUnderlyings } from './config.ts';

describe('SNAPSHOT_UNDERLYINGS', () => {
  it('defaults to SPY, QQQ, GLD, SLV when unset or blank', () => {
    expect(parseUnderlyings(undefined)).toEqual([...DEFAULT_SNAPSHOT_UNDERLYINGS]);
    expect(parseUnderlyings('  ')).toEqual(['SPY', 'QQQ', 'GLD', 'SLV']);
  });

  it('trims, upper-cases and drops repeats and empty entries', () => {
    expect(parseUnderlyings(' spy, iwm,,SPY ')).toEqual(['SPY', 'IWM']);
  });

  it('names an entry that is not a ticker', () => {
    expect(() => parseUnderlyings('SPY,BRK.B')).toThrow(/"BRK\.B" is not a ticker/);
  });
});
