import { describe, expect, it } from 'vitest';
import { framesFor } from './fan-out.ts';
import { combinedStatus } from './upstream-status.ts';
import { toWireQuote, type WireQuote } from './wire.ts';

const spy: WireQuote = { symbol: 'SPY', bid: 600, ask: 600.02, mid: 600.01, time: 't' };
const qqq: WireQuote = { symbol: 'QQQ', bid: 500, ask: 500.02, mid: 500.01, time: 't' };

describe('fan-out', () => {
  it('gives each socket one frame with only the symbols it follows', () => {
    const frames = framesFor(
      [
        { socket: 'a', symbols: ['SPY'] },
        { socket: 'b', symbols: ['SPY', 'QQQ'] },
        { socket: 'c', symbols: ['GLD'] },
        { socket: 'd', symbols: [] },
      ],
      [spy, qqq],
    );
    expect(frames).toEqual([
      { socket: 'a', quotes: [spy] },
      { socket: 'b', quotes: [spy, qqq] },
    ]);
  });

  it('sends nothing for an empty flush', () => {
    expect(framesFor([{ socket: 'a', symbols: ['SPY'] }], [])).toEqual([]);
  });

  it('derives the mid from bid and ask', () => {
    const quote = { symbol: 'X', bid: 1.01, ask: 1.04, bidSize: 1, askSize: 1, time: 't' };
    expect(toWireQuote(quote)).toEqual({ symbol: 'X', bid: 1.01, ask: 1.04, mid: 1.025, time: 't' });
  });
});

describe('upstream status', () => {
  it('is connected only when every stream in use is ready', () => {
    expect(combinedStatus([{ inUse: false, state: 'idle' }])).toBeUndefined();
    expect(
      combinedStatus([
        { inUse: true, state: 'ready' },
        { inUse: false, state: 'idle' },
      ]),
    ).toBe('connected');
    expect(
      combinedStatus([
        { inUse: true, state: 'ready' },
        { inUse: true, state: 'waiting' },
      ]),
    ).toBe('reconnecting');
    expect(combinedStatus([{ inUse: true, state: 'connecting' }])).toBe('reconnecting');
  });
});
