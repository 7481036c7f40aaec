// In workerd: findApiToken uses crypto.subtle.timingSafeEqual, a Workers extension Node lacks.
import { describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '../http/errors.ts';
import { findApiToken, loadApiTokens } from './api-tokens.ts';
import { apiTokens } from './middleware.ts';

// Parsing (scopes included) is tested in Node: scope.test.ts.

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

  it('identifies a scoped token by the token alone, so a changed scope keeps its sessions', async () => {
    const [plain] = await loadApiTokens('first-token');
    const [scoped] = await loadApiTokens('first-token;accounts=11111111-1111-4111-8111-111111111111');
    expect(scoped?.id).toBe(plain?.id);
    expect(scoped?.scope.accounts).toEqual(['11111111-1111-4111-8111-111111111111']);
    expect(await findApiToken(scoped ? [scoped] : [], 'first-token')).toBe(scoped);
  });
});

describe('a malformed API_TOKENS', () => {
  it('is a 503 naming the entry by position, never its token', async () => {
    const error = await apiTokens('good-token,secret-bad-token;accounts=nope').catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as ServiceUnavailableError).message).toBe(
      'API_TOKENS entry 2 is malformed: accounts= item 1 is not a UUID.',
    );
    expect((error as ServiceUnavailableError).message).not.toContain('secret-bad-token');
  });
});
