/**
 * Alpaca's market-data stream protocol, as far as quotes need it. The server speaks in arrays of
 * messages, each tagged by `T`:
 * - control: `{T:"success", msg:"connected"|"authenticated"}`, `{T:"error", code, msg}` (e.g. 402 auth
 *   failed, 406 connection limit exceeded, 405 symbol limit exceeded),
 *   `{T:"subscription", quotes:[...], trades:[...], ...}` (the full subscription after each change);
 * - data: quotes `{T:"q", S, bp, bs, ap, as, t, ...}`; other data types are ignored.
 * The client sends `{action:"auth", key, secret}` and `{action:"subscribe"|"unsubscribe", quotes:[...]}`.
 * The stock stream (/v2/{feed}) speaks JSON text; the option stream (/v1beta1/{feed}) only MessagePack,
 * where `t` is a MessagePack timestamp (decoded to a Date). Pure.
 */
import { decode, encode } from '@msgpack/msgpack';
import { z } from 'zod';
import type { Quote } from '../trading/broker/types.ts';

export type StreamEncoding = 'json' | 'msgpack';

export type StreamMessage =
  | { kind: 'success'; msg: string }
  | { kind: 'error'; code: number; msg: string }
  | { kind: 'subscription'; quotes: string[] }
  | { kind: 'quote'; quote: Quote }
  | { kind: 'ignored'; type: string };

export type StreamAction =
  | { action: 'auth'; key: string; secret: string }
  | { action: 'subscribe' | 'unsubscribe'; quotes: string[] };

/** A frame that is not the protocol at all: the connection is not worth keeping. */
export class StreamProtocolError extends Error {
  override readonly name = 'StreamProtocolError';
}

const Tagged = z.object({ T: z.string() });
const Success = z.object({ msg: z.string() });
const ErrorMessage = z.object({ code: z.number(), msg: z.string() });
const Subscription = z.object({ quotes: z.array(z.string()).nullish() });
const QuoteMessage = z.object({
  S: z.string(),
  bp: z.number(),
  ap: z.number(),
  bs: z.number().nullish(),
  as: z.number().nullish(),
  t: z.union([z.string(), z.date()]),
});

export function decodeFrame(data: string | ArrayBuffer | Uint8Array): StreamMessage[] {
  let payload: unknown;
  try {
    payload = typeof data === 'string' ? JSON.parse(data) : decode(data);
  } catch (error) {
    throw new StreamProtocolError(`undecodable frame: ${error instanceof Error ? error.message : error}`);
  }
  const items = Array.isArray(payload) ? payload : [payload];
  return items.map(toMessage);
}

function toMessage(item: unknown): StreamMessage {
  const tagged = Tagged.safeParse(item);
  if (!tagged.success) throw new StreamProtocolError('a stream message without a "T" tag');
  const type = tagged.data.T;
  const fields = (schema: z.ZodType) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) throw new StreamProtocolError(`a malformed "${type}" message`);
    return parsed.data;
  };
  switch (type) {
    case 'success':
      return { kind: 'success', msg: (fields(Success) as z.infer<typeof Success>).msg };
    case 'error': {
      const { code, msg } = fields(ErrorMessage) as z.infer<typeof ErrorMessage>;
      return { kind: 'error', code, msg };
    }
    case 'subscription':
      return {
        kind: 'subscription',
        quotes: (fields(Subscription) as z.infer<typeof Subscription>).quotes ?? [],
      };
    case 'q': {
      const q = fields(QuoteMessage) as z.infer<typeof QuoteMessage>;
      return {
        kind: 'quote',
        quote: {
          symbol: q.S,
          bid: q.bp,
          ask: q.ap,
          bidSize: q.bs ?? 0,
          askSize: q.as ?? 0,
          time: typeof q.t === 'string' ? q.t : q.t.toISOString(),
        },
      };
    }
    default:
      return { kind: 'ignored', type };
  }
}

export function encodeAction(action: StreamAction, encoding: StreamEncoding): string | Uint8Array {
  return encoding === 'json' ? JSON.stringify(action) : encode(action);
}
