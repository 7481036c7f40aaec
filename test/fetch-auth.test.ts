import { describe, expect, it } from 'vitest';
import { call, expectError, ORIGIN, wsTicket } from './helpers/api.ts';
import { TEST_API_TOKENS, TEST_TOKEN } from './helpers/tokens.ts';

async function login(token: string = TEST_TOKEN): Promise<{ response: Response; cookie: string }> {
  const response = await call('/api/auth/session', { method: 'POST', token: null, json: { token } });
  const setCookie = response.headers.get('Set-Cookie') ?? '';
  return { response, cookie: setCookie.split(';')[0] ?? '' };
}

describe('bearer tokens', () => {
  it('accepts every configured token and identifies which one', async () => {
    const ids = new Set<string>();
    for (const token of TEST_API_TOKENS) {
      const response = await call('/api/auth/session', { token });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { token_id: string; via: string };
      expect(body.via).toBe('bearer');
      ids.add(body.token_id);
    }
    expect(ids.size).toBe(TEST_API_TOKENS.length);
  });

  it.each([
    ['no credentials', {}],
    ['a wrong token', { Authorization: 'Bearer not-a-configured-token' }],
    ['a token that is a prefix of a real one', { Authorization: `Bearer ${TEST_TOKEN.slice(0, -1)}` }],
    ['another scheme', { Authorization: `Basic ${btoa(`user:${TEST_TOKEN}`)}` }],
    ['an empty bearer', { Authorization: 'Bearer ' }],
  ])('refuses %s with 401 and WWW-Authenticate', async (_label, headers) => {
    const response = await call('/api/orchestrators', { token: null, headers });
    const body = await expectError(response, 401, 'unauthorized');
    expect(body.error.message).not.toContain(TEST_TOKEN);
    expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
  });

  it('does not fall back to the cookie when a wrong Authorization header is present', async () => {
    const { cookie } = await login();
    const response = await call('/api/orchestrators', {
      token: null,
      headers: { Authorization: 'Bearer wrong', Cookie: cookie },
    });
    await expectError(response, 401, 'unauthorized');
  });
});

describe('browser sessions', () => {
  it('exchanges a token for an HttpOnly, SameSite=Strict cookie that authenticates API calls', async () => {
    const { response, cookie } = await login();
    expect(response.status).toBe(200);
    const [session, hint] = response.headers.getSetCookie();
    expect(session).toMatch(/^orch_session=.*HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(session).toMatch(/Path=\//);
    expect(cookie).not.toContain(TEST_TOKEN);
    // The console's readable hint that a session exists: no secret, not HttpOnly.
    expect(hint).toMatch(/^orch_signed_in=1;/);
    expect(hint).not.toMatch(/HttpOnly/i);

    const whoami = await call('/api/auth/session', { token: null, headers: { Cookie: cookie } });
    expect(whoami.status).toBe(200);
    expect(((await whoami.json()) as { via: string }).via).toBe('session');
  });

  it('refuses a login with a wrong token and sets no cookie', async () => {
    const { response } = await login('wrong-token');
    await expectError(response, 401, 'unauthorized');
    expect(response.headers.get('Set-Cookie')).toBeNull();
  });

  it('refuses a tampered cookie, including a non-canonical spelling of its signature', async () => {
    const { cookie } = await login();
    const flip = (ch: string) => (ch === 'A' ? 'B' : 'A');
    const signatureStart = cookie.lastIndexOf('.') + 1;
    const tampered = [
      cookie.slice(0, signatureStart + 5) +
        flip(cookie[signatureStart + 5] ?? '') +
        cookie.slice(signatureStart + 6),
      cookie.slice(0, -1) + flip(cookie.at(-1) ?? ''),
    ];
    for (const value of tampered) {
      const response = await call('/api/orchestrators', { token: null, headers: { Cookie: value } });
      await expectError(response, 401, 'unauthorized');
    }
  });

  it('forbids cookie-authenticated writes from another origin', async () => {
    const { cookie } = await login();
    const foreign = await call('/api/orchestrators', {
      method: 'POST',
      token: null,
      json: { name: 'csrf' },
      headers: { Cookie: cookie, Origin: 'https://evil.example' },
    });
    await expectError(foreign, 403, 'forbidden');
    const sameOrigin = await call('/api/orchestrators', {
      method: 'POST',
      token: null,
      json: { name: 'same-origin' },
      headers: { Cookie: cookie, Origin: ORIGIN },
    });
    expect(sameOrigin.status).toBe(201);
  });

  it('logs out by expiring the cookie', async () => {
    const response = await call('/api/auth/session', { method: 'DELETE', token: null });
    expect(response.status).toBe(204);
    const cleared = response.headers.getSetCookie();
    expect(cleared.find((c) => c.startsWith('orch_session='))).toMatch(/Max-Age=0/i);
    expect(cleared.find((c) => c.startsWith('orch_signed_in='))).toMatch(/Max-Age=0/i);
  });
});

describe('WebSocket tickets', () => {
  async function ticket(): Promise<string> {
    const body = await wsTicket();
    expect(Date.parse(body.expires_at) - Date.now()).toBeLessThanOrEqual(60_000);
    return body.ticket;
  }

  it('authenticates a WebSocket upgrade only', async () => {
    const value = await ticket();
    const plain = await call(`/api/orchestrators?ticket=${encodeURIComponent(value)}`, { token: null });
    await expectError(plain, 401, 'unauthorized');
    const upgrade = await call(`/api/auth/session?ticket=${encodeURIComponent(value)}`, {
      token: null,
      headers: { Upgrade: 'websocket' },
    });
    expect(upgrade.status).toBe(200);
    expect(((await upgrade.json()) as { via: string }).via).toBe('ticket');
  });

  it('is not accepted as a session cookie, nor a cookie as a ticket', async () => {
    const value = await ticket();
    const asCookie = await call('/api/orchestrators', {
      token: null,
      headers: { Cookie: `orch_session=${value}` },
    });
    await expectError(asCookie, 401, 'unauthorized');
    const { cookie } = await login();
    const sessionValue = cookie.split('=')[1] ?? '';
    const asTicket = await call(`/api/auth/session?ticket=${encodeURIComponent(sessionValue)}`, {
      token: null,
      headers: { Upgrade: 'websocket' },
    });
    await expectError(asTicket, 401, 'unauthorized');
  });
});
