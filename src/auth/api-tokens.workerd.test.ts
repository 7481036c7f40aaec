// In workerd: findApiToken uses crypto.subtle.timingSafeEqual, a Workers extension Node lacks.
import { describe, expect, it } from 'vitest';
import { findApiToken, loadApiTokens, parseApiTokens } from './api-tokens.ts';

describe('parseApiTokens', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['one', ['one']],
    [' one , two ,, one ', ['one', 'two']],
  ])('parses %j', (raw, expected) => {
    expect(parseApiTokens(raw)).toEqual(expected);
  });
});

describe('findApiToken', () => {
  it('finds the exact token only', async () => {
    const tokens = await loadApiTokens('first-token,second-token');
    expect((await findApiToken(tokens, 'second-token'))?.token).toBe('second-token');
    expect(await findApiToken(tokens, 'second-toke')).toBeUndefined();
    expect(await findApiToken(tokens, 'second-token ')).toBeUndefined();
    expect(await findApiToken([], 'first-token')).toBeUndefined();
  });

  it('derives stable 16-hex-digit ids that do not reveal the token', async () => {
    const [token] = await loadApiTokens('first-token');
    expect(token?.id).toMatch(/^[0-9a-f]{16}$/);
    expect(token?.id).not.toContain('first');
    expect((await loadApiTokens('first-token'))[0]?.id).toBe(token?.id);
  });
});
