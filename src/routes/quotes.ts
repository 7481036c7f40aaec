/**
 * An account's quotes: the latest ones over REST, live ones over a WebSocket held by the account's
 * QuoteStream Durable Object (src/durable-objects/quote-stream.ts). Whether the caller may see the
 * account at all is the auth middleware's account scope; this router only adds "does it exist".
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AppError, NotFoundError, ValidationError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import type { AppEnv } from '../http/types.ts';
import { MAX_SYMBOLS_PER_SOCKET } from '../quotes/client-messages.ts';
import { normalizeSymbol } from '../quotes/symbols.ts';
import { toWireQuote } from '../quotes/wire.ts';
import { brokerHttpError } from '../trading/accounts/broker-errors.ts';
import { type BrokerAccountRow, findAccount } from '../trading/accounts/store.ts';
import { openBroker } from '../trading/broker/factory.ts';
import { ErrorResponseSchema, errorResponses, UuidParam } from './common-schemas.ts';

const security = [{ bearerAuth: [] }];
const IdParams = z.object({ id: UuidParam });

const QuoteSchema = z
  .object({
    symbol: z.string().openapi({ example: 'SPY' }),
    bid: z.number(),
    ask: z.number(),
    mid: z.number().openapi({ description: '(bid + ask) / 2' }),
    time: z.string().openapi({ description: 'ISO 8601: when the quote was made' }),
  })
  .openapi('Quote');

const latest = createRoute({
  method: 'get',
  path: '/accounts/{id}/quotes',
  tags: ['quotes'],
  summary: 'Latest quotes for stock tickers and OCC option symbols, from the account’s broker',
  security,
  request: {
    params: IdParams,
    query: z.object({
      symbols: z
        .string()
        .min(1)
        .openapi({
          description: `Comma-separated, at most ${MAX_SYMBOLS_PER_SOCKET}: tickers (SPY) and OCC option symbols`,
          example: 'SPY,SPY261218C00600000',
        }),
    }),
  },
  responses: {
    200: {
      description: 'The quotes the broker has (a symbol it does not know is left out)',
      content: { 'application/json': { schema: z.object({ quotes: z.array(QuoteSchema) }) } },
    },
    ...errorResponses(401, 403, 404, 422, 503),
  },
});

const stream = createRoute({
  method: 'get',
  path: '/accounts/{id}/quotes/ws',
  tags: ['quotes'],
  summary: 'Upgrade to the account’s live quote WebSocket',
  description:
    'Authenticate with the bearer header, the session cookie, or `?ticket=` from POST /api/auth/ws-ticket. ' +
    'Send `{"type":"subscribe","symbols":[...]}` / `{"type":"unsubscribe","symbols":[...]}` (at most ' +
    `${MAX_SYMBOLS_PER_SOCKET} symbols per socket); receive \`{"type":"subscribed","symbols":[...]}\`, ` +
    '`{"type":"quotes","quotes":[{symbol,bid,ask,mid,time}]}` (only symbols this socket follows, at most 4 ' +
    'updates per second per symbol, latest value wins), `{"type":"status","upstream":"connected"|' +
    '"reconnecting"|"replay"}` and `{"type":"error","message":...}` for a bad message (the socket stays ' +
    'open). Offline accounts replay the bundled market data. A literal `ping` is answered with `pong`.',
  security,
  request: { params: IdParams, query: z.object({ ticket: z.string().optional() }) },
  responses: {
    101: { description: 'Switching protocols' },
    ...errorResponses(401, 403, 404),
    426: { description: 'Not a WebSocket upgrade request' },
    429: {
      description: 'The account already has the most sockets it may have',
      content: { 'application/json': { schema: ErrorResponseSchema } },
    },
  },
});

export const quoteRoutes = createRouter()
  .openapi(latest, async (c) => {
    const { id } = c.req.valid('param');
    const symbols = parseSymbols(c.req.valid('query').symbols);
    const account = await requireAccount(c, id);
    try {
      const broker = await openBroker(account, { db: c.var.db(), env: c.env });
      const quotes = await broker.latestQuotes(symbols);
      return c.json({ quotes: quotes.map(toWireQuote) }, 200);
    } catch (error) {
      throw brokerHttpError(error);
    }
  })
  .openapi(stream, async (c) => {
    const { id } = c.req.valid('param');
    if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
      throw new AppError(426, 'bad_request', 'This endpoint only accepts WebSocket upgrades.', {
        headers: { Upgrade: 'websocket' },
      });
    }
    const account = await requireAccount(c, id);
    // The object gets only what it needs: never the caller's credential, never the broker's.
    const url = new URL('https://quotes.internal/ws');
    url.searchParams.set('account_id', account.id);
    url.searchParams.set('broker', account.broker);
    const stub = c.env.QUOTES.get(c.env.QUOTES.idFromName(account.id));
    const response = await stub.fetch(new Request(url, { headers: { Upgrade: 'websocket' } }));
    if (response.status === 429) {
      throw new AppError(429, 'rate_limited', 'This account has as many quote sockets open as it may.');
    }
    return response;
  });

async function requireAccount(c: Context<AppEnv>, id: string): Promise<BrokerAccountRow> {
  const account = await findAccount(c.var.db(), id);
  if (!account) throw new NotFoundError(`Account ${id}`);
  return account;
}

function parseSymbols(raw: string): string[] {
  const parts = raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const invalid = parts.filter((part) => normalizeSymbol(part) === undefined);
  if (invalid.length > 0) {
    throw new ValidationError([
      {
        path: 'query.symbols',
        message: `not a ticker or an OCC option symbol: ${invalid.slice(0, 5).join(', ')}`,
      },
    ]);
  }
  const symbols = [...new Set(parts.map((part) => normalizeSymbol(part) as string))];
  if (symbols.length === 0 || symbols.length > MAX_SYMBOLS_PER_SOCKET) {
    throw new ValidationError([
      { path: 'query.symbols', message: `give 1 to ${MAX_SYMBOLS_PER_SOCKET} symbols` },
    ]);
  }
  return symbols;
}
