/** The console's one module for the pipeline, backtest and chain routes. */
import type { Backtest, Strategy, SymbolRange } from './backtest-model.ts';
import type { ChainLogEntry } from './chain-model.ts';
import { query, requestJson } from './http.ts';
import type { Run, Schedule, ScheduleDraft } from './pipelines-model.ts';

export const listSchedules = (orchestratorId: string) =>
  requestJson<{ schedules: Schedule[] }>(
    'GET',
    `/pipelines/schedules${query({ orchestrator_id: orchestratorId })}`,
  );
export const createSchedule = (orchestratorId: string, draft: ScheduleDraft) =>
  requestJson<Schedule>('POST', '/pipelines/schedules', { orchestrator_id: orchestratorId, ...draft });
export const scheduleAction = (id: string, action: 'pause' | 'resume') =>
  requestJson<Schedule>('POST', `/pipelines/schedules/${id}/${action}`);
export const runScheduleNow = (id: string) => requestJson<Run>('POST', `/pipelines/schedules/${id}/run`);
export const deleteSchedule = (id: string) => requestJson<unknown>('DELETE', `/pipelines/schedules/${id}`);

export const listRuns = (orchestratorId: string, cursor?: string, limit = 50) =>
  requestJson<{ runs: Run[]; next_cursor: string | null }>(
    'GET',
    `/pipelines/runs${query({ orchestrator_id: orchestratorId, limit, cursor })}`,
  );
export const getRun = (id: string) => requestJson<Run>('GET', `/pipelines/runs/${id}`);
export const runDecisionNow = (orchestratorId: string) =>
  requestJson<Run>('POST', '/pipelines/decision', { orchestrator_id: orchestratorId });

export const listStrategies = () => requestJson<{ strategies: Strategy[] }>('GET', '/backtests/strategies');
export const listSymbols = () =>
  requestJson<{ source: string; symbols: SymbolRange[] }>('GET', '/market-data/daily/symbols');
export const listBacktests = (orchestratorId: string) =>
  requestJson<{ backtests: Backtest[]; next_cursor: string | null }>(
    'GET',
    `/backtests${query({ orchestrator_id: orchestratorId })}`,
  );
export const getBacktest = (id: string) => requestJson<Backtest>('GET', `/backtests/${id}`);
export const createBacktest = (body: unknown) => requestJson<Backtest>('POST', '/backtests', body);

export interface ChainRun {
  id: string;
  chain?: string;
  request?: unknown;
  status: string;
  result?: unknown;
  error?: unknown;
  execution_log?: ChainLogEntry[];
  created_at: string;
  finished_at?: string | null;
}
export const startChain = (orchestratorId: string, text: string) =>
  requestJson<{ run_id: string; channel: string; status: string }>('POST', '/chains/run', {
    orchestrator_id: orchestratorId,
    text,
  });
export const listChainRuns = (orchestratorId: string) =>
  requestJson<{ runs: ChainRun[] }>('GET', `/chains/runs${query({ orchestrator_id: orchestratorId })}`);
export const getChainRun = (id: string) => requestJson<ChainRun>('GET', `/chains/runs/${id}`);
