/**
 * Logging in from the browser: a token is exchanged for an HttpOnly, SameSite=Strict session cookie,
 * and a session (or token) buys short-lived tickets for WebSocket upgrades.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { findApiToken } from '../auth/api-tokens.ts';
import { apiTokens, SESSION_COOKIE } from '../auth/middleware.ts';
import { scopeJson } from '../auth/scope.ts';
import { issueCredential } from '../auth/signed-credential.ts';
import { UnauthorizedError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import { errorResponses } from './common-schemas.ts';

const TICKET_TTL_SECONDS = 60;
/** Mirrors web/src/stores/session.ts. */
const SESSION_HINT_COOKIE = 'orch_signed_in';
const DEFAULT_SESSION_TTL_SECONDS = 12 * 60 * 60;

const LoginSchema = z.object({ token: z.string().min(1).max(512) }).openapi('Login');
const SessionSchema = z
  .object({
    authenticated: z.literal(true),
    token_id: z.string(),
    via: z.string(),
    expires_at: z.string().optional(),
    scope: z
      .object({ accounts: z.array(z.string()).nullable(), orchestrators: z.array(z.string()).nullable() })
      .openapi({
        description:
          'What the token (and so this session or ticket) may reach; null = every account / orchestrator',
      }),
  })
  .openapi('Session');
const TicketSchema = z.object({ ticket: z.string(), expires_at: z.string() }).openapi('WebSocketTicket');

const login = createRoute({
  method: 'post',
  path: '/auth/session',
  tags: ['auth'],
  summary: 'Exchange an API token for a session cookie',
  request: { body: { content: { 'application/json': { schema: LoginSchema } }, required: true } },
  responses: {
    200: {
      description: 'Logged in; the cookie is set',
      content: { 'application/json': { schema: SessionSchema } },
    },
    ...errorResponses(400, 401, 413, 415, 422),
  },
});

const whoami = createRoute({
  method: 'get',
  path: '/auth/session',
  tags: ['auth'],
  summary: 'Who the current credentials belong to',
  security: [{ bearerAuth: [] }],
  responses: {
    200: { description: 'Authenticated', content: { 'application/json': { schema: SessionSchema } } },
    ...errorResponses(401),
  },
});

const logout = createRoute({
  method: 'delete',
  path: '/auth/session',
  tags: ['auth'],
  summary: 'Log out: clear the session cookie',
  responses: { 204: { description: 'Logged out' } },
});

const ticket = createRoute({
  method: 'post',
  path: '/auth/ws-ticket',
  tags: ['auth'],
  summary: `A ${TICKET_TTL_SECONDS}-second ticket for a WebSocket upgrade (?ticket=...)`,
  security: [{ bearerAuth: [] }],
  responses: {
    200: { description: 'Ticket issued', content: { 'application/json': { schema: TicketSchema } } },
    ...errorResponses(401, 403),
  },
});

export const auth = createRouter()
  .openapi(login, async (c) => {
    const tokens = await apiTokens(c.env.API_TOKENS);
    const token = await findApiToken(tokens, c.req.valid('json').token);
    if (!token) throw new UnauthorizedError('That token is not valid.');
    const ttl = Number(c.env.SESSION_TTL_SECONDS) || DEFAULT_SESSION_TTL_SECONDS;
    const session = await issueCredential(token, 'session', ttl);
    const secure = new URL(c.req.url).protocol === 'https:';
    setCookie(c, SESSION_COOKIE, session.value, {
      httpOnly: true,
      sameSite: 'Strict',
      secure,
      path: '/',
      maxAge: ttl,
    });
    // Readable by scripts and carrying no secret: it only tells the console a session may exist, so a
    // first visit goes straight to the login page instead of probing (and logging) a 401.
    setCookie(c, SESSION_HINT_COOKIE, '1', { sameSite: 'Strict', secure, path: '/', maxAge: ttl });
    return c.json(
      {
        authenticated: true as const,
        token_id: token.id,
        via: 'session',
        expires_at: session.expiresAt.toISOString(),
        scope: scopeJson(token.scope),
      },
      200,
    );
  })
  .openapi(whoami, (c) => {
    const { tokenId, via, scope } = c.var.principal;
    return c.json({ authenticated: true as const, token_id: tokenId, via, scope: scopeJson(scope) }, 200);
  })
  .openapi(logout, (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    deleteCookie(c, SESSION_HINT_COOKIE, { path: '/' });
    return c.body(null, 204);
  })
  .openapi(ticket, async (c) => {
    const tokens = await apiTokens(c.env.API_TOKENS);
    const token = tokens.find((t) => t.id === c.var.principal.tokenId);
    if (!token) throw new UnauthorizedError();
    const issued = await issueCredential(token, 'ticket', TICKET_TTL_SECONDS);
    return c.json({ ticket: issued.value, expires_at: issued.expiresAt.toISOString() }, 200);
  });
