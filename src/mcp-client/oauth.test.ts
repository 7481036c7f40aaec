import { describe, expect, it } from 'vitest';
import { fetchClientCredentialsToken, oauthConfigOf, tokenUsable } from './oauth.ts';

const config = {
  clientId: 'client one',
  tokenUrl: 'https://auth.example.com/token',
  scopes: ['read', 'write'],
};

function fakeFetch(status: number, body: unknown, seen: Request[]): typeof fetch {
  return async (input, init) => {
    seen.push(new Request(input, init));
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
}

describe('OAuth client credentials', () => {
  it('asks with HTTP Basic and the scopes, and dates the token with a margin', async () => {
    const seen: Request[] = [];
    const token = await fetchClientCredentialsToken(config, 's3cret:x', {
      fetch: fakeFetch(200, { access_token: 'tok', expires_in: 3600, token_type: 'Bearer' }, seen),
      now: () => 1_000,
    });
    expect(token).toEqual({ accessToken: 'tok', expiresAt: 1_000 + 3_600_000 - 30_000 });
    const [request] = seen;
    expect(request?.headers.get('Authorization')).toBe(`Basic ${btoa('client+one:s3cret%3Ax')}`);
    const form = new URLSearchParams(await request?.text());
    expect(Object.fromEntries(form)).toEqual({ grant_type: 'client_credentials', scope: 'read write' });
  });

  it('reports a refusal by status and OAuth error code only', async () => {
    const refused = fetchClientCredentialsToken(config, 'wrong', {
      fetch: fakeFetch(401, { error: 'invalid_client', error_description: 'secret wrong was wrong' }, []),
    });
    await expect(refused).rejects.toThrow('the token endpoint answered 401: invalid_client');
  });

  it('reads stored settings and knows when a token is usable', () => {
    expect(oauthConfigOf({ client_id: 'a', token_url: 'https://t', scopes: ['x', 3] })).toEqual({
      clientId: 'a',
      tokenUrl: 'https://t',
      scopes: ['x'],
    });
    expect(oauthConfigOf({ client_id: 'a' })).toBeUndefined();
    expect(tokenUsable({ accessToken: 't', expiresAt: 10 }, 9)).toBe(true);
    expect(tokenUsable({ accessToken: 't', expiresAt: 10 }, 10)).toBe(false);
    expect(tokenUsable({ accessToken: 't' }, 10)).toBe(true);
    expect(tokenUsable({}, 0)).toBe(false);
  });
});
