/**
 * Keyset paging newest-first over `(created_at, id)`. The cursor carries the row's timestamp as
 * Postgres prints it (microseconds), not as a JavaScript Date (milliseconds): rows written within one
 * millisecond would otherwise be skipped. It is opaque to clients (base64url) and validated on the way in.
 */

import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { decodeOpaquePair, encodeOpaquePair } from './opaque-pair.ts';
import { isUuid } from './uuid.ts';

export interface Cursor {
  /** `created_at::text` of the last row of the previous page. */
  createdAt: string;
  id: string;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

export function encodeCursor(cursor: Cursor): string {
  return encodeOpaquePair(cursor.createdAt, cursor.id);
}

export function decodeCursor(value: string): Cursor | undefined {
  const [createdAt, id] = decodeOpaquePair(value) ?? [];
  if (!createdAt || !id || !TIMESTAMP.test(createdAt) || !isUuid(id)) return undefined;
  return { createdAt, id };
}

/** `(created_at, id) < (cursor)`, in the order the pages are sorted. */
export function before(createdAt: AnyColumn, id: AnyColumn, cursor: Cursor): SQL {
  return sql`(${createdAt}, ${id}) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`;
}

/** The exact `created_at` text of a row, selected alongside it for the next cursor. */
export function cursorText(createdAt: AnyColumn): SQL<string> {
  return sql<string>`${createdAt}::text`;
}
