import { describe, expect, it } from 'vitest';
import { tokenFromHash } from './token-hash.ts';

describe('tokenFromHash', () => {
  it.each([
    ['#token=dev_abc', { token: 'dev_abc', rest: '' }],
    ['#token=t1&x=2', { token: 't1', rest: '#x=2' }],
    ['#x=2', null],
    ['', null],
    ['#token=', null],
  ])('%s', (hash, expected) => {
    expect(tokenFromHash(hash)).toEqual(expected);
  });
});
