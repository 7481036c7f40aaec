/**
 * Messages a quote socket may send: `{type:'subscribe', symbols:[...]}` and
 * `{type:'unsubscribe', symbols:[...]}`. Anything else is answered with an error frame (the socket
 * stays open). Pure.
 */
import { z } from 'zod';
import { normalizeSymbol } from './symbols.ts';

/** Enough for a full strategy book; Alpaca's free IEX plan caps the whole connection at 30 quotes. */
export const MAX_SYMBOLS_PER_SOCKET = 100;
/** A subscribe message for MAX_SYMBOLS_PER_SOCKET option symbols is well under this. */
export const MAX_CLIENT_MESSAGE_BYTES = 8_192;

export interface SubscriptionMessage {
  type: 'subscribe' | 'unsubscribe';
  symbols: string[];
}

export type ParsedClientMessage =
  | { ok: true; message: SubscriptionMessage }
  | { ok: false; error: string; details?: unknown };

const ClientMessageSchema = z.object({
  type: z.enum(['subscribe', 'unsubscribe']),
  symbols: z.array(z.string()).min(1).max(MAX_SYMBOLS_PER_SOCKET),
});

export function parseClientMessage(raw: string | ArrayBuffer): ParsedClientMessage {
  if (typeof raw !== 'string') return { ok: false, error: 'Send JSON text frames, not binary ones.' };
  if (raw.length > MAX_CLIENT_MESSAGE_BYTES) {
    return { ok: false, error: `Messages are limited to ${MAX_CLIENT_MESSAGE_BYTES} bytes.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'The message is not valid JSON.' };
  }
  const parsed = ClientMessageSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      error:
        'Expected {"type":"subscribe"|"unsubscribe","symbols":[...]} with 1 to ' +
        `${MAX_SYMBOLS_PER_SOCKET} symbols.`,
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
    };
  }
  const symbols: string[] = [];
  const invalid: string[] = [];
  for (const raw of parsed.data.symbols) {
    const symbol = normalizeSymbol(raw);
    if (symbol) symbols.push(symbol);
    else invalid.push(raw.slice(0, 32));
  }
  if (invalid.length > 0) {
    return {
      ok: false,
      error: 'Symbols are stock tickers (SPY) or OCC option symbols (SPY261218C00600000).',
      details: { invalid },
    };
  }
  return { ok: true, message: { type: parsed.data.type, symbols: [...new Set(symbols)] } };
}
