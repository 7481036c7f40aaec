/** The `before` query parameter of newest-first listings: an opaque cursor from `next_before`. */
import { z } from '@hono/zod-openapi';
import { type Cursor, decodeCursor, encodeCursor } from '../db/cursor.ts';

export const BeforeCursorParam = z
  .string()
  .max(200)
  .transform((value, ctx) => {
    const cursor = decodeCursor(value);
    if (!cursor) {
      ctx.addIssue({ code: 'custom', message: 'use next_before from the previous page' });
      return z.NEVER;
    }
    return cursor;
  })
  .optional()
  .openapi({ type: 'string', description: 'next_before from the previous page' });

/** `next_before` for a page: the last row's cursor when the page was full, else null (no more). */
export function nextBefore(rows: Array<{ cursor: Cursor }>, limit: number): string | null {
  const last = rows.length === limit ? rows.at(-1) : undefined;
  return last ? encodeCursor(last.cursor) : null;
}
