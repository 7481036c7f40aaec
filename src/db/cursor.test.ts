import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';

describe('page cursors', () => {
  const cursor = { createdAt: '2026-03-01 10:00:00.000650+00', id: '5f0c3c1e-7a51-4c1e-9d0a-2b7c8e9f0a1b' };

  it('round-trips with microseconds intact', () => {
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(encodeCursor(cursor)).toMatch(/^[\w-]+$/);
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['not base64', '%%%'],
    ['a bare timestamp', btoa('2026-03-01 10:00:00+00')],
    ['sql in the timestamp', btoa(`2026-03-01'; drop table x;--|${cursor.id}`)],
    ['a bad id', btoa('2026-03-01 10:00:00+00|nope')],
  ])('rejects %s', (_label, value) => {
    expect(decodeCursor(value)).toBeUndefined();
  });
});
