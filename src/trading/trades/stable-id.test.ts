import { describe, expect, it } from 'vitest';
import { fnv1a64, stableId } from './stable-id.ts';

describe('stable ids', () => {
  it('matches the published FNV-1a 64-bit test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('hashes UTF-8 bytes, so non-ASCII text is stable too', () => {
    expect(fnv1a64('é')).toBe(fnv1a64('é'));
    expect(fnv1a64('é')).not.toBe(fnv1a64('e'));
  });

  it('is deterministic and prefixed', () => {
    expect(stableId('trd', ['acct', 'f1'])).toBe(stableId('trd', ['acct', 'f1']));
    expect(stableId('trd', ['acct', 'f1'])).toMatch(/^trd_[0-9a-f]{16}$/);
  });

  it('does not let the separator make two different part lists collide', () => {
    expect(stableId('x', ['a|b', 'c'])).not.toBe(stableId('x', ['a', 'b|c']));
    expect(stableId('x', ['a\\', 'b'])).not.toBe(stableId('x', ['a', '\\b']));
  });
});
