/** Schedules and runs as the API answers them (snake_case, ISO UTC instants). */
import type { PipelineRunRow } from '../db/pipeline-runs.ts';
import type { PipelineScheduleRow } from '../db/pipeline-schedules.ts';
import { nextRuns } from './next-runs.ts';
import type { StepLogEntry } from './pipeline-chain.ts';

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export function toScheduleJson(row: PipelineScheduleRow, now: Date = new Date()) {
  return {
    id: row.id,
    orchestrator_id: row.orchestratorId,
    name: row.name,
    kind: row.kind,
    cron: row.cron,
    timezone: row.timezone,
    trading_days_only: row.tradingDaysOnly,
    paused: row.paused,
    params: row.params,
    checked_through: row.checkedThrough.toISOString(),
    next_runs: nextRuns(
      { cron: row.cron, timezone: row.timezone, trading_days_only: row.tradingDaysOnly, paused: row.paused },
      now > row.checkedThrough ? now : row.checkedThrough,
    ),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function toRunJson(row: PipelineRunRow) {
  return {
    id: row.id,
    orchestrator_id: row.orchestratorId,
    schedule_id: row.scheduleId,
    kind: row.kind,
    trigger: row.trigger,
    scheduled_for: iso(row.scheduledFor),
    status: row.status,
    params: row.params,
    result: row.result,
    error: row.error,
    // Written only by this module's runners, in the StepLogEntry shape.
    execution_log: row.executionLog as unknown as StepLogEntry[],
    attempts: row.attempts,
    created_at: row.createdAt.toISOString(),
    started_at: iso(row.startedAt),
    finished_at: iso(row.finishedAt),
  };
}
