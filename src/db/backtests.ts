/** Stored backtests: one row each, results as JSON documents read whole; listed newest first. */
import { and, desc, eq, getTableColumns } from 'drizzle-orm';
import type { BacktestRequest } from '../backtests/request.ts';
import type { BacktestOutcome, CurvePoint, StoredBacktest } from '../backtests/response.ts';
import type { Trade } from '../quant/backtest/types.ts';
import type { Database } from './client.ts';
import { before, type Cursor, cursorText } from './cursor.ts';
import { backtests } from './schema-pipelines.ts';

type Row = typeof backtests.$inferSelect;

export async function insertBacktest(
  db: Database,
  request: BacktestRequest,
  orchestratorId: string | null,
  outcome: BacktestOutcome,
): Promise<StoredBacktest> {
  const [row] = await db
    .insert(backtests)
    .values({
      orchestratorId,
      request: { ...request, orchestrator_id: orchestratorId },
      strategy: request.strategy,
      symbols: request.symbols,
      startDate: request.start,
      endDate: request.end,
      initialCash: request.initial_cash,
      finalValue: outcome.final_value,
      numTrades: outcome.num_trades,
      metrics: outcome.metrics,
      equityCurve: outcome.equity_curve as unknown as Record<string, unknown>[],
      trades: outcome.trades as unknown as Record<string, unknown>[],
    })
    .returning();
  if (!row) throw new Error('insert into backtests returned no row');
  return toStored(row);
}

export async function findBacktest(db: Database, id: string): Promise<StoredBacktest | undefined> {
  const [row] = await db.select().from(backtests).where(eq(backtests.id, id));
  return row ? toStored(row) : undefined;
}

/** Summaries (no curve, no trades: those are the bulk of a row), newest first. */
export async function listBacktests(
  db: Database,
  options: { orchestratorId?: string | undefined; limit: number; before?: Cursor | undefined },
): Promise<Array<Omit<StoredBacktest, 'equity_curve' | 'trades'> & { cursor: Cursor }>> {
  const { equityCurve: _curve, trades: _trades, ...columns } = getTableColumns(backtests);
  const rows = await db
    .select({ ...columns, createdAtText: cursorText(backtests.createdAt) })
    .from(backtests)
    .where(
      and(
        options.orchestratorId ? eq(backtests.orchestratorId, options.orchestratorId) : undefined,
        options.before ? before(backtests.createdAt, backtests.id, options.before) : undefined,
      ),
    )
    .orderBy(desc(backtests.createdAt), desc(backtests.id))
    .limit(options.limit);
  return rows.map(({ createdAtText, ...row }) => ({
    ...toSummary(row),
    cursor: { createdAt: createdAtText, id: row.id },
  }));
}

export async function deleteBacktest(db: Database, id: string): Promise<boolean> {
  const deleted = await db.delete(backtests).where(eq(backtests.id, id)).returning({ id: backtests.id });
  return deleted.length > 0;
}

function toSummary(
  row: Omit<Row, 'equityCurve' | 'trades'>,
): Omit<StoredBacktest, 'equity_curve' | 'trades'> {
  return {
    id: row.id,
    orchestrator_id: row.orchestratorId,
    request: row.request as BacktestRequest,
    final_value: row.finalValue,
    num_trades: row.numTrades,
    metrics: row.metrics as BacktestOutcome['metrics'],
    created_at: row.createdAt,
  };
}

function toStored(row: Row): StoredBacktest {
  return {
    ...toSummary(row),
    equity_curve: row.equityCurve as unknown as CurvePoint[],
    trades: row.trades as unknown as Trade[],
  };
}
