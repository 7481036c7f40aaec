/**
 * OAuth 2.0 client-credentials grant (RFC 6749 §4.4) for a remote server: the client authenticates
 * with HTTP Basic (§2.3.1, the method every server must support), and the access token is kept with
 * its expiry so it is reused until it expires or the server answers 401.
 */
import { isRecord } from './cache.ts';

export interface OAuthConfig {
  clientId: string;
  tokenUrl: string;
  scopes: string[];
}

export interface IssuedToken {
  accessToken: string;
  /** Epoch ms after which it is fetched again; undefined when the server gave no lifetime. */
  expiresAt?: number;
}

/** Refetch a little early, so a token does not expire between the check and the request. */
const EXPIRY_MARGIN_MS = 30_000;
const TOKEN_TIMEOUT_MS = 15_000;

export function oauthConfigOf(stored: Record<string, unknown> | null): OAuthConfig | undefined {
  if (!stored || typeof stored.client_id !== 'string' || typeof stored.token_url !== 'string')
    return undefined;
  const scopes = Array.isArray(stored.scopes) ? stored.scopes.filter((s) => typeof s === 'string') : [];
  return { clientId: stored.client_id, tokenUrl: stored.token_url, scopes };
}

export function tokenUsable(token: { accessToken?: string; expiresAt?: number }, now: number): boolean {
  return Boolean(token.accessToken) && (token.expiresAt === undefined || token.expiresAt > now);
}

export async function fetchClientCredentialsToken(
  config: OAuthConfig,
  clientSecret: string,
  options: { signal?: AbortSignal; now?: () => number; fetch?: typeof fetch } = {},
): Promise<IssuedToken> {
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  if (config.scopes.length > 0) body.set('scope', config.scopes.join(' '));
  const basic = btoa(`${formEncode(config.clientId)}:${formEncode(clientSecret)}`);
  const signals = [AbortSignal.timeout(TOKEN_TIMEOUT_MS), ...(options.signal ? [options.signal] : [])];
  const response = await (options.fetch ?? fetch)(config.tokenUrl, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${basic}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    },
    body,
    signal: AbortSignal.any(signals),
  });
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok || !isRecord(payload) || typeof payload.access_token !== 'string') {
    const reason = isRecord(payload) && typeof payload.error === 'string' ? `: ${payload.error}` : '';
    // Only the status and the OAuth error code: the body might echo what was sent.
    throw new Error(`the token endpoint answered ${response.status}${reason}`);
  }
  const lifetime = typeof payload.expires_in === 'number' ? payload.expires_in * 1000 : undefined;
  const now = (options.now ?? Date.now)();
  return {
    accessToken: payload.access_token,
    ...(lifetime ? { expiresAt: now + Math.max(lifetime - EXPIRY_MARGIN_MS, 0) } : {}),
  };
}

/** application/x-www-form-urlencoded, as §2.3.1 asks before Base64. */
function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}
