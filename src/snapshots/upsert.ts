/**
 * Batch upsert of snapshot rows keyed (symbol, snapshot_at): multi-row INSERT … ON CONFLICT DO
 * UPDATE in chunks. Re-running a snapshot instant overwrites its figures instead of adding rows;
 * one underlying's rows go in one transaction, so a failure stores none of them.
 *
 * Postgres allows at most 65,535 bind parameters per statement; every row binds one per column, so a
 * chunk holds at most ⌊65,535 / columns⌋ rows. Smaller chunks than that are faster in practice (the
 * driver builds and the server parses less per statement, and each chunk's work overlaps less with
 * locking), hence the default below; bench/snapshot-upsert.ts measures it.
 */
import { getTableColumns, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { optionSnapshots } from '../db/schema-trading.ts';
import type { SnapshotRow } from './contract-figures.ts';

export const MAX_BIND_PARAMETERS = 65_535;
export const DEFAULT_UPSERT_CHUNK = 1_000;

const { id: _id, ...insertColumns } = getTableColumns(optionSnapshots);
/** Columns a row binds (every column but the bigserial id, which takes its default). */
export const BOUND_COLUMNS = Object.keys(insertColumns).length;
/** The biggest chunk a statement can take. */
export const MAX_UPSERT_CHUNK = Math.floor(MAX_BIND_PARAMETERS / BOUND_COLUMNS);

/** Every column but the key, taken from the row being inserted. */
const updateFromExcluded = Object.fromEntries(
  Object.entries(insertColumns)
    .filter(([key]) => key !== 'symbol' && key !== 'snapshotAt')
    .map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)]),
);

export async function upsertSnapshotRows(
  db: Database,
  rows: readonly SnapshotRow[],
  chunkSize = DEFAULT_UPSERT_CHUNK,
): Promise<number> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_UPSERT_CHUNK)
    throw new RangeError(
      `chunk size must be a whole number from 1 to ${MAX_UPSERT_CHUNK} (got ${chunkSize})`,
    );
  if (rows.length === 0) return 0;
  // One transaction: an underlying's snapshot is stored whole or not at all (and commits once).
  await db.transaction(async (tx) => {
    for (let start = 0; start < rows.length; start += chunkSize) {
      await tx
        .insert(optionSnapshots)
        .values(rows.slice(start, start + chunkSize))
        .onConflictDoUpdate({
          target: [optionSnapshots.symbol, optionSnapshots.snapshotAt],
          set: updateFromExcluded,
        });
    }
  });
  return rows.length;
}
