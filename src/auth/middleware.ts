/**
 * The one place that decides who may call the API. A request proves an API token by
 * - `Authorization: Bearer <token>` (programs),
 * - the HttpOnly session cookie the web UI obtained at login, or
 * - on a WebSocket upgrade only, a short-lived signed `?ticket=` (browsers cannot set headers there).
 * It also enforces token scopes (scope.ts): a scoped caller reaches `/accounts/:id/**` and
 * `/orchestrators/:id/**` only for ids its token lists. Routes whose ids come from a body, a query or a
 * stored row check them with `assertAccountAccess` / `assertOrchestratorAccess`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ForbiddenError, ServiceUnavailableError, UnauthorizedError } from '../http/errors.ts';
import type { AppEnv } from '../http/types.ts';
import { type ApiToken, findApiToken, loadApiTokens } from './api-tokens.ts';
import type { Principal } from './principal.ts';
import {
  ApiTokensConfigError,
  scopeAllowsAccount,
  scopeAllowsOrchestrator,
  scopedPathTarget,
} from './scope.ts';
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
    assertPathInScope(principal, c.req.path);
    c.set('principal', principal);
    return next();
  };
}

function assertPathInScope(principal: Principal, path: string): void {
  const target = scopedPathTarget(path);
  if (target?.kind === 'account') assertAccountAccess(principal, target.id);
  if (target?.kind === 'orchestrator') assertOrchestratorAccess(principal, target.id);
}

/** 403 unless the caller's token may reach this broker account. */
export function assertAccountAccess(principal: Principal, accountId: string): void {
  if (!scopeAllowsAccount(principal.scope, accountId)) {
    throw new ForbiddenError(`This token is not allowed to use account ${accountId}.`);
  }
}

/** 403 unless the caller's token may reach this orchestrator. */
export function assertOrchestratorAccess(principal: Principal, orchestratorId: string): void {
  if (!scopeAllowsOrchestrator(principal.scope, orchestratorId)) {
    throw new ForbiddenError(`This token is not allowed to use orchestrator ${orchestratorId}.`);
  }
}

/**
 * For rows that may belong to no orchestrator (a backtest or chain run started without one): those
 * are reachable only by tokens not limited to listed orchestrators.
 */
export function assertOwnerAccess(principal: Principal, orchestratorId: string | null): void {
  if (orchestratorId !== null) {
    assertOrchestratorAccess(principal, orchestratorId);
    return;
  }
  if (principal.scope.orchestrators !== null) {
    throw new ForbiddenError('This token is limited to listed orchestrators; this item belongs to none.');
  }
}

/**
 * The `orchestrator_id` filter of a list endpoint, checked: a token limited to listed orchestrators
 * must name one of them (an unfiltered list would show other orchestrators' rows).
 */
export function orchestratorFilter(principal: Principal, requested: string | undefined): string | undefined {
  if (requested !== undefined) {
    assertOrchestratorAccess(principal, requested);
    return requested;
  }
  if (principal.scope.orchestrators !== null) {
    throw new ForbiddenError('This token is limited to listed orchestrators: pass orchestrator_id.');
  }
  return undefined;
}

/** 403 for a token limited to some orchestrators: it could not reach what it created. */
export function assertMayCreateOrchestrators(principal: Principal): void {
  if (principal.scope.orchestrators !== null) {
    throw new ForbiddenError('This token is limited to listed orchestrators, so it cannot create new ones.');
  }
}

async function authenticate(c: Context<AppEnv>, tokens: ApiToken[]): Promise<Principal | undefined> {
  const authorization = c.req.header('Authorization');
  if (authorization !== undefined) {
    // A presented but wrong header is an error, not a reason to try the cookie.
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const token = match?.[1] ? await findApiToken(tokens, match[1]) : undefined;
    return token && { tokenId: token.id, via: 'bearer', scope: token.scope };
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (cookie) {
    const session = await verifyCredential(tokens, cookie, 'session');
    return session && { tokenId: session.token.id, via: 'session', scope: session.token.scope };
  }
  const ticket = c.req.query('ticket');
  if (ticket && c.req.header('Upgrade')?.toLowerCase() === 'websocket') {
    const verified = await verifyCredential(tokens, ticket, 'ticket');
    return verified && { tokenId: verified.token.id, via: 'ticket', scope: verified.token.scope };
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

/**
 * Hashes the configured tokens once per isolate (they only change with a new deployment). A malformed
 * `API_TOKENS` entry is a 503 naming the entry by position (never its token) on every request, rather
 * than a silent lock-out or a fallback that accepts the remaining entries.
 */
export function apiTokens(raw: string | undefined): Promise<ApiToken[]> {
  if (cachedTokens && cachedTokens.raw === raw) return cachedTokens.tokens;
  const tokens = loadApiTokens(raw).catch((error: unknown) => {
    if (!(error instanceof ApiTokensConfigError)) throw error;
    console.error(error.message);
    throw new ServiceUnavailableError(`${error.message}.`);
  });
  cachedTokens = { raw, tokens };
  return tokens;
}
