/**
 * Batch upsert of snapshot rows keyed (symbol, snapshot_at): INSERT … SELECT FROM unnest(<one array
 * per column>) ON CONFLICT (symbol, snapshot_at) DO UPDATE, in chunks. Re-running a snapshot instant
 * overwrites its figures instead of adding rows; one underlying's rows go in one transaction, so a
 * failure stores none of them.
 *
 * Why arrays rather than a multi-row VALUES list: VALUES binds one parameter per cell (18 per row,
 * so Postgres' 65,535-parameter limit allows at most 3,640 rows a statement), and building such a
 * statement with drizzle costs ~300 ms per 1,000 rows in its query builder alone — a 12,000-contract
 * run spent seconds there. With arrays a statement binds 18 parameters however many rows it carries,
 * and the driver only serialises them. bench/snapshot-upsert.ts measures both against one row at a
 * time. Chunks still bound the size of one statement (memory in the Worker, one WebSocket message).
 */
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { optionSnapshots } from '../db/schema-trading.ts';
import type { SnapshotRow } from './contract-figures.ts';

export const DEFAULT_UPSERT_CHUNK = 2_000;
export const MAX_UPSERT_CHUNK = 20_000;

/** The Postgres array type each column is sent as; every column of a row but the bigserial id. */
const ARRAY_TYPES: Record<keyof SnapshotRow, string> = {
  underlying: 'text[]',
  symbol: 'text[]',
  snapshotAt: 'timestamptz[]',
  expiry: 'text[]',
  optionType: 'text[]',
  strike: 'float8[]',
  underlyingPrice: 'float8[]',
  bid: 'float8[]',
  ask: 'float8[]',
  last: 'float8[]',
  impliedVolatility: 'float8[]',
  delta: 'float8[]',
  gamma: 'float8[]',
  theta: 'float8[]',
  vega: 'float8[]',
  rho: 'float8[]',
  greeksSource: 'text[]',
  source: 'text[]',
};

const tableColumns = getTableColumns(optionSnapshots);
const fields = Object.keys(ARRAY_TYPES) as Array<keyof SnapshotRow>;
const columnNames = fields.map((field) => tableColumns[field].name);
const KEY = new Set(['symbol', 'snapshot_at']);
const insertInto = sql.raw(
  `insert into "option_snapshots" (${columnNames.map((name) => `"${name}"`).join(', ')}) select * from unnest(`,
);
const onConflict = sql.raw(
  `) on conflict ("symbol", "snapshot_at") do update set ${columnNames
    .filter((name) => !KEY.has(name))
    .map((name) => `"${name}" = excluded."${name}"`)
    .join(', ')}`,
);

/** One statement for a chunk: each column's values as one array parameter. */
function upsertStatement(rows: readonly SnapshotRow[]): SQL {
  const arrays = fields.map((field) => {
    const values = rows.map((row) => row[field] ?? null);
    return sql`${sql.param(values)}::${sql.raw(ARRAY_TYPES[field])}`;
  });
  return sql.join([insertInto, sql.join(arrays, sql.raw(', ')), onConflict]);
}

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
  await db.transaction(async (tx) => {
    for (let start = 0; start < rows.length; start += chunkSize) {
      await tx.execute(upsertStatement(rows.slice(start, start + chunkSize)));
    }
  });
  return rows.length;
}
