import { describe, expect, it } from 'vitest';
import { parseClientMessage } from './client-messages.ts';
import { applySubscription, changes, unionOf } from './subscriptions.ts';
import { normalizeSymbol, symbolKind } from './symbols.ts';

describe('subscription bookkeeping', () => {
  it('adds new symbols once and reports only the new ones', () => {
    const result = applySubscription(['SPY'], { type: 'subscribe', symbols: ['SPY', 'QQQ'] });
    expect(result).toEqual({ ok: true, symbols: ['SPY', 'QQQ'], added: ['QQQ'] });
  });

  it('removes unsubscribed symbols and ignores ones not followed', () => {
    const result = applySubscription(['SPY', 'QQQ'], { type: 'unsubscribe', symbols: ['QQQ', 'GLD'] });
    expect(result).toEqual({ ok: true, symbols: ['SPY'], added: [] });
  });

  it('refuses a subscribe past the per-socket limit and changes nothing', () => {
    const result = applySubscription(['SPY', 'QQQ'], { type: 'subscribe', symbols: ['GLD', 'SLV'] }, 3);
    expect(result).toMatchObject({ ok: false, details: { subscribed: 2, adding: 2, max: 3 } });
  });

  it('unions sockets and says what the upstream must add and drop', () => {
    const before = unionOf([['SPY'], ['SPY', 'QQQ']]);
    const after = unionOf([['SPY'], ['GLD']]);
    expect([...before].sort()).toEqual(['QQQ', 'SPY']);
    expect(changes(before, after)).toEqual({ added: ['GLD'], removed: ['QQQ'] });
  });
});

describe('client messages', () => {
  it('accepts subscribe and unsubscribe with normalised, de-duplicated symbols', () => {
    expect(parseClientMessage('{"type":"subscribe","symbols":["spy"," SPY","SPY261218C00600000"]}')).toEqual({
      ok: true,
      message: { type: 'subscribe', symbols: ['SPY', 'SPY261218C00600000'] },
    });
    expect(parseClientMessage('{"type":"unsubscribe","symbols":["QQQ"]}')).toMatchObject({ ok: true });
  });

  it('answers bad messages with an error naming the problem', () => {
    expect(parseClientMessage('not json')).toMatchObject({ ok: false, error: expect.stringMatching(/JSON/) });
    expect(parseClientMessage('{"type":"buy","symbols":["SPY"]}')).toMatchObject({ ok: false });
    expect(parseClientMessage('{"type":"subscribe","symbols":[]}')).toMatchObject({ ok: false });
    expect(parseClientMessage(new ArrayBuffer(4))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/text/),
    });
    expect(parseClientMessage(`{"type":"subscribe","symbols":["${'A'.repeat(9_000)}"]}`)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/bytes/),
    });
    expect(
      parseClientMessage('{"type":"subscribe","symbols":["SPY","not a symbol","SPY261331C00600000"]}'),
    ).toEqual({
      ok: false,
      error: expect.any(String),
      details: { invalid: ['not a symbol', 'SPY261331C00600000'] },
    });
  });

  it('tells stock tickers from OCC option symbols', () => {
    expect(normalizeSymbol('brk.b')).toBe('BRK.B');
    expect(normalizeSymbol('SPY   261218C00600000')).toBe('SPY261218C00600000');
    expect(symbolKind('SPY')).toBe('stock');
    expect(symbolKind('SPY261218C00600000')).toBe('option');
    expect(normalizeSymbol('')).toBeUndefined();
  });
});
