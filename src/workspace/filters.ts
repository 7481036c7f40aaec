/** SQL fragments the workspace queries share. */
import { eq, or, type SQL, sql } from 'drizzle-orm';
import { workspaceFiles } from '../db/schema.ts';

/** Byte order, as `git ls-files` sorts, whatever the database's collation; page cursors rely on it. */
export const pathOrder = sql`${workspaceFiles.path} collate "C"`;

/** Paths after a page cursor, in `pathOrder`. */
export function pathAfter(after: string | undefined): SQL | undefined {
  return after === undefined ? undefined : sql`${pathOrder} > ${after}`;
}

/** The file `prefix` itself or anything under that directory; '' is the whole workspace. */
export function underPrefix(prefix: string): SQL | undefined {
  if (prefix === '') return undefined;
  return or(eq(workspaceFiles.path, prefix), sql`starts_with(${workspaceFiles.path}, ${`${prefix}/`})`);
}
