/**
 * Executing a snapshot run: for each underlying in turn, the underlying's quote and its whole option
 * chain from the broker, rows with Greeks (contract-figures.ts), one upsert. An underlying that fails
 * is recorded in the run's detail and the others go on; the run ends succeeded unless all failed.
 */
import type { Database } from '../db/client.ts';
import type { Broker } from '../trading/broker/types.ts';
import { chainRows, midPrice } from './contract-figures.ts';
import { runOutcome, type StoredUnderlying, type UnderlyingOutcome } from './run-outcome.ts';
import { finishSnapshotRun, type SnapshotRunRow } from './runs-store.ts';
import { upsertSnapshotRows } from './upsert.ts';

export interface SnapshotDeps {
  db: Database;
  broker: Broker;
  now?: () => Date;
}

/** One underlying's chain at `snapshotAt`, stored; throws when there is nothing to store. */
export async function snapshotUnderlying(
  deps: SnapshotDeps,
  underlying: string,
  snapshotAt: Date,
): Promise<StoredUnderlying> {
  const now = deps.now ?? (() => new Date());
  const [quote] = await deps.broker.latestQuotes([underlying]);
  const chain = await deps.broker.optionChain({ underlying });
  if (chain.length === 0)
    throw new Error(`the ${deps.broker.kind} broker has no option chain for ${underlying}`);
  const underlyingPrice = quote ? midPrice(quote.bid, quote.ask) : null;
  const result = chainRows(chain, {
    underlying,
    snapshotAt,
    pricedAt: now(),
    underlyingPrice,
    source: deps.broker.kind,
  });
  await upsertSnapshotRows(deps.db, result.rows);
  return {
    contracts: result.rows.length,
    provider: result.provider,
    computed: result.computed,
    none: result.none,
    skipped: result.skipped,
    underlying_price: underlyingPrice,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs a claimed (status running) run to its end and returns it as stored. A run that had already
 * finished (a duplicate queue delivery) is returned unchanged by finishSnapshotRun's guard.
 */
export async function executeSnapshotRun(
  deps: SnapshotDeps,
  run: SnapshotRunRow,
): Promise<SnapshotRunRow | undefined> {
  const outcomes = new Map<string, UnderlyingOutcome>();
  for (const underlying of run.underlyings) {
    try {
      outcomes.set(underlying, await snapshotUnderlying(deps, underlying, run.snapshotAt));
    } catch (error) {
      console.error(`option snapshot ${run.id}: ${underlying} failed`, error);
      outcomes.set(underlying, { error: messageOf(error) });
    }
  }
  return finishSnapshotRun(deps.db, run.id, runOutcome(outcomes), (deps.now ?? (() => new Date()))());
}
