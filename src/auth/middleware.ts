/**
 * The one place that decides who may call the API. A request proves an API token by
 * - `Authorization: Bearer <token>` (programs),
 * - the HttpOnly session cookie the web UI obtained at login, or
 * - on a WebSocket upgrade only, a short-lived signed `?ticket=` (browsers cannot set headers there).
 * Per-orchestrator token scoping, when it comes, belongs here too.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ForbiddenError, UnauthorizedError } from '../http/errors.ts';
import type { AppEnv } from '../http/types.ts';
import { type ApiToken, findApiToken, loadApiTokens } from './api-tokens.ts';
import type { Principal } from './principal.ts';
import { verifyCredential } from './signed-credential.ts';

export const SESSION_COOKIE = 'orch_session';

/** Routes anyone may call: liveness, the API description, logging in and out. */
const PUBLIC_ROUTES = new Set([
  'GET /api/health',
  'GET /api/openapi.json',
  'GET /api/docs',
  'POST /api/auth/session',
  'DELETE /api/auth/session',
]);

export function requireAuth(): MiddlewareHandler<AppEnv> {
  return async function requireAuth(c, next) {
    if (PUBLIC_ROUTES.has(`${c.req.method} ${c.req.path}`)) return next();
    const tokens = await apiTokens(c.env.API_TOKENS);
    if (tokens.length === 0)
      throw new UnauthorizedError('This server has no API tokens configured (API_TOKENS).');
    const principal = await authenticate(c, tokens);
    if (!principal) throw new UnauthorizedError();
    if (principal.via === 'session' && !SAFE_METHODS.has(c.req.method)) assertSameOrigin(c);
    c.set('principal', principal);
    return next();
  };
}

async function authenticate(c: Context<AppEnv>, tokens: ApiToken[]): Promise<Principal | undefined> {
  const authorization = c.req.header('Authorization');
  if (authorization !== undefined) {
    // A presented but wrong header is an error, not a reason to try the cookie.
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const token = match?.[1] ? await findApiToken(tokens, match[1]) : undefined;
    return token && { tokenId: token.id, via: 'bearer' };
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (cookie) {
    const session = await verifyCredential(tokens, cookie, 'session');
    return session && { tokenId: session.token.id, via: 'session' };
  }
  const ticket = c.req.query('ticket');
  if (ticket && c.req.header('Upgrade')?.toLowerCase() === 'websocket') {
    const verified = await verifyCredential(tokens, ticket, 'ticket');
    return verified && { tokenId: verified.token.id, via: 'ticket' };
  }
  return undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * SameSite=Strict already keeps the cookie off cross-site requests; refusing a foreign Origin on
 * cookie-authenticated writes is the second lock on that door.
 */
function assertSameOrigin(c: Context<AppEnv>): void {
  const origin = c.req.header('Origin');
  if (origin && origin !== new URL(c.req.url).origin) {
    throw new ForbiddenError('Cross-origin requests cannot use the session cookie.');
  }
}

let cachedTokens: { raw: string | undefined; tokens: Promise<ApiToken[]> } | undefined;

/** Hashes the configured tokens once per isolate (they only change with a new deployment). */
export function apiTokens(raw: string | undefined): Promise<ApiToken[]> {
  if (cachedTokens && cachedTokens.raw === raw) return cachedTokens.tokens;
  const tokens = loadApiTokens(raw);
  cachedTokens = { raw, tokens };
  return tokens;
}
