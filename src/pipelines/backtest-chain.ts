/**
 * A backtest pipeline run: one `backtest` step that runs the stored request on the bundled bars and
 * stores it (src/backtests); the run's result points at the stored backtest with its headline figures.
 */
import { BacktestInputError } from '../backtests/errors.ts';
import { parseBacktestRequest } from '../backtests/request.ts';
import { runAndStoreBacktest } from '../backtests/run-and-store.ts';
import type { ChainAgent } from '../chains/runner.ts';
import type { Database } from '../db/client.ts';
import type { PipelineChain } from './pipeline-chain.ts';

/** Backtests on ten symbols over ten years take well under this. */
const BACKTEST_TIMEOUT_MS = 60_000;

/** Why `params` is not a backtest request a schedule can store, as issues naming each field. */
export function backtestParamsIssues(params: Record<string, unknown>): { path: string; message: string }[] {
  if ('orchestrator_id' in params)
    return [{ path: 'orchestrator_id', message: 'is the schedule’s orchestrator; leave it out of params' }];
  try {
    parseBacktestRequest(params);
    return [];
  } catch (error) {
    if (error instanceof BacktestInputError) return [...error.issues];
    throw error;
  }
}

type Stored = Awaited<ReturnType<typeof runAndStoreBacktest>>;

export function backtestChain(
  db: Database,
  params: Record<string, unknown>,
  orchestratorId: string,
): PipelineChain {
  const agent: ChainAgent = {
    name: 'backtest',
    kind: 'deterministic',
    timeoutMs: BACKTEST_TIMEOUT_MS,
    run: async () =>
      runAndStoreBacktest(db, params as Parameters<typeof runAndStoreBacktest>[1], orchestratorId),
  };
  return {
    agents: [agent],
    resultOf: (results) => {
      const stored = results.backtest as Stored;
      return {
        result: { backtest_id: stored.id, metrics: stored.metrics, num_trades: stored.num_trades },
        summary: `${stored.strategy} on ${stored.symbols.join(', ')} ${stored.start}…${stored.end}: ${stored.num_trades} trades, final value ${Math.round(stored.final_value)}`,
      };
    },
    inputError: () => undefined,
  };
}
