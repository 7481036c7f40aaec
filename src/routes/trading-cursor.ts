/**
 * The `cursor` of the trading listings (orders, trades), newest first by (time, id). Broker order ids
 * and trade ids are not UUIDs, so the shared created_at/uuid cursor does not fit; this one carries
 * the time as text (Postgres' microseconds for orders, the fill's ISO time for trades) and the id.
 * Opaque to clients: base64url, validated on the way in.
 */
import { z } from '@hono/zod-openapi';
import { decodeOpaquePair, encodeOpaquePair } from '../db/opaque-pair.ts';

export interface TradingCursor {
  time: string;
  id: string;
}

const TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}(:?\d{2})?)$/;
const ID = /^[\w.:-]{1,128}$/;

export function encodeTradingCursor(cursor: TradingCursor): string {
  return encodeOpaquePair(cursor.time, cursor.id);
}

export function decodeTradingCursor(value: string): TradingCursor | undefined {
  const [time, id] = decodeOpaquePair(value) ?? [];
  if (!time || !id || !TIME.test(time) || !ID.test(id)) return undefined;
  return { time, id };
}

export const TradingCursorParam = z
  .string()
  .max(400)
  .transform((value, ctx) => {
    const cursor = decodeTradingCursor(value);
    if (!cursor) {
      ctx.addIssue({ code: 'custom', message: 'use next_cursor from the previous page' });
      return z.NEVER;
    }
    return cursor;
  })
  .optional()
  .openapi({ type: 'string', description: 'next_cursor from the previous page' });

/** The next page's cursor: the last item's, when the page was full; else null (no more). */
export function nextTradingCursor(items: readonly TradingCursor[], limit: number): string | null {
  const last = items.length === limit ? items.at(-1) : undefined;
  return last ? encodeTradingCursor(last) : null;
}
