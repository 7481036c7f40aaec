import { describe, expect, it } from 'vitest';
import { decodeTradingCursor, encodeTradingCursor, nextTradingCursor } from './trading-cursor.ts';

describe('trading cursors', () => {
  it('round-trips Postgres and ISO times with broker and trade ids', () => {
    for (const cursor of [
      { time: '2026-12-07 15:30:00.123456+00', id: 'f7bed716-6564-4846-b235-a711d2e0f0a4' },
      { time: '2026-03-02T14:30:00.123456Z', id: 'trd_0123456789abcdef' },
    ]) {
      const encoded = encodeTradingCursor(cursor);
      expect(encoded).toMatch(/^[\w-]+$/);
      expect(decodeTradingCursor(encoded)).toEqual(cursor);
    }
  });

  it('refuses anything it did not make', () => {
    expect(decodeTradingCursor('garbage!')).toBeUndefined();
    expect(decodeTradingCursor(btoa('yesterday|trd_1'))).toBeUndefined();
    expect(decodeTradingCursor(btoa("2026-03-02T14:30:00Z|x' or 1=1"))).toBeUndefined();
    expect(decodeTradingCursor(btoa('2026-03-02T14:30:00Z|a|b'))).toBeUndefined();
  });

  it('gives a next cursor only after a full page', () => {
    const items = [{ time: '2026-03-02T14:30:00Z', id: 'a' }];
    expect(nextTradingCursor(items, 2)).toBeNull();
    expect(decodeTradingCursor(nextTradingCursor(items, 1) ?? '')).toEqual(items[0]);
  });
});
