/**
 * One backtest from request to stored row: validate (BacktestInputError on anything wrong, before
 * anything is written), load the bars from the bundled sample, run the engine, store the result.
 * The API's POST and scheduled backtest runs both come through here.
 */

import { insertBacktest } from '../db/backtests.ts';
import type { Database } from '../db/client.ts';
import { findOrchestrator } from '../db/orchestrators.ts';
import { bundledSampleSource, type DailyBarSource } from '../market-data/daily-bars.ts';
import { BacktestInputError } from './errors.ts';
import { loadBacktestBars } from './plan.ts';
import { type BacktestRequestInput, parseBacktestRequest } from './request.ts';
import { type BacktestJson, runRequestedBacktest, toBacktestJson } from './response.ts';

export type Backtest = BacktestJson;

export async function runAndStoreBacktest(
  db: Database,
  request: BacktestRequestInput,
  orchestratorId: string | null,
  source: DailyBarSource = bundledSampleSource,
): Promise<Backtest> {
  const parsed = parseBacktestRequest(request);
  const owner = orchestratorId ?? parsed.orchestrator_id;
  if (owner && !(await findOrchestrator(db, owner)))
    throw new BacktestInputError([{ path: 'orchestrator_id', message: `no orchestrator ${owner}` }]);
  const bars = await loadBacktestBars(parsed, source);
  const outcome = runRequestedBacktest(parsed, bars);
  return toBacktestJson(await insertBacktest(db, parsed, owner, outcome));
}
