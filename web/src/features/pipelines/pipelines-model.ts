/**
 * Scheduled pipelines and their runs, as the console shows them: the shapes of the pipeline routes,
 * the schedule presets, times in the schedule's zone and the reader's, and the run list kept current
 * by `pipeline_run` / `pipeline_step` events (a run the list has not seen yet is added at the top).
 */

export type PipelineKind = 'decision' | 'backtest';
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'missed';

export interface Schedule {
  id: string;
  orchestrator_id: string;
  name: string;
  kind: PipelineKind;
  cron: string;
  timezone: string;
  trading_days_only: boolean;
  paused: boolean;
  params: Record<string, unknown> | null;
  checked_through: string | null;
  next_runs: string[];
  created_at: string;
  updated_at: string;
}

export interface ExecutionStep {
  step: string;
  status: string;
  duration_ms?: number | null;
  error?: string | null;
}

export interface Run {
  id: string;
  schedule_id: string | null;
  kind: PipelineKind;
  trigger: string;
  scheduled_for: string | null;
  status: RunStatus;
  params?: unknown;
  result?: unknown;
  error?: string | null;
  execution_log: ExecutionStep[];
  created_at: string;
  started_at?: string | null;
  finished_at?: string | null;
  /** Live progress from `pipeline_step` events (index of the step in progress or done, and the count). */
  steps_total?: number;
}

export interface ScheduleDraft {
  name: string;
  kind: PipelineKind;
  cron: string;
  timezone: string;
  trading_days_only: boolean;
}

export const PRESETS: ReadonlyArray<{ label: string; draft: ScheduleDraft }> = [
  {
    label: 'Decision pipeline — 09:35 New York, trading days',
    draft: {
      name: 'Decision pipeline 09:35',
      kind: 'decision',
      cron: '35 9 * * 1-5',
      timezone: 'America/New_York',
      trading_days_only: true,
    },
  },
];

/** `2026-12-07 09:35` in `timeZone` (24 h clock), or the input when it is not a date. */
export function formatInZone(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** A next run in the schedule's zone, and in the reader's own when that differs. */
export function nextRunLine(iso: string, scheduleZone: string, localZone?: string): string {
  const inZone = `${formatInZone(iso, scheduleZone)} ${shortZone(scheduleZone)}`;
  const local = formatInZone(iso, localZone);
  const zoneName = localZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zoneName === scheduleZone) return inZone;
  return `${inZone} (${local} local)`;
}

function shortZone(zone: string): string {
  return zone.split('/').pop()?.replace(/_/g, ' ') ?? zone;
}

/** Newest first: by scheduled time or creation, whichever the run has, ties by id. */
export function sortRuns(runs: readonly Run[]): Run[] {
  const when = (run: Run) => run.scheduled_for ?? run.created_at;
  return [...runs].sort((a, b) => when(b).localeCompare(when(a)) || b.id.localeCompare(a.id));
}

type Data = Record<string, unknown>;
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * A `pipeline_run` or `pipeline_step` event applied to the list: the run's status changes, a step
 * joins its execution log, and a run first seen here is added. Other events leave the list as it is.
 */
export function applyPipelineEvent(runs: readonly Run[], event: { type: string; data: Data }): Run[] {
  const runId = str(event.data.run_id);
  if (!runId || (event.type !== 'pipeline_run' && event.type !== 'pipeline_step')) return [...runs];
  const existing = runs.find((run) => run.id === runId);
  const base: Run = existing ?? {
    id: runId,
    schedule_id: str(event.data.schedule_id),
    kind: event.data.kind === 'backtest' ? 'backtest' : 'decision',
    trigger: str(event.data.trigger) ?? 'schedule',
    scheduled_for: str(event.data.scheduled_for),
    status: 'queued',
    execution_log: [],
    created_at: new Date().toISOString(),
  };
  const next =
    event.type === 'pipeline_run' ? withRunEvent(base, event.data) : withStepEvent(base, event.data);
  const others = runs.filter((run) => run.id !== runId);
  return sortRuns([next, ...others]);
}

const STATUSES: readonly RunStatus[] = ['queued', 'running', 'succeeded', 'failed', 'missed'];

const ENDED: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'missed']);

function withRunEvent(run: Run, data: Data): Run {
  const told = STATUSES.find((s) => s === data.status) ?? run.status;
  // A run that ended stays ended: an older event replayed over a fresher fetch must not revive it.
  const status = ENDED.has(run.status) && !ENDED.has(told) ? run.status : told;
  return {
    ...run,
    status,
    error: str(data.error) ?? run.error ?? null,
    scheduled_for: str(data.scheduled_for) ?? run.scheduled_for,
  };
}

function withStepEvent(run: Run, data: Data): Run {
  const step = str(data.step);
  if (!step) return run;
  const entry: ExecutionStep = {
    step,
    status: str(data.status) ?? 'running',
    duration_ms: typeof data.duration_ms === 'number' ? data.duration_ms : null,
  };
  const log = run.execution_log.some((s) => s.step === step)
    ? run.execution_log.map((s) => (s.step === step ? { ...s, ...entry } : s))
    : [...run.execution_log, entry];
  return {
    ...run,
    status: run.status === 'queued' ? 'running' : run.status,
    execution_log: ENDED.has(run.status) && run.execution_log.length >= log.length ? run.execution_log : log,
    steps_total: typeof data.total === 'number' ? data.total : run.steps_total,
  };
}

/** One square per step: done ones coloured by status, the rest of the known total as pending. */
export function stepSquares(run: Run): Array<{ step: string; status: string }> {
  const squares = run.execution_log.map((s) => ({ step: s.step, status: s.status }));
  for (let i = squares.length; i < (run.steps_total ?? 0); i++)
    squares.push({ step: `step ${i + 1}`, status: 'pending' });
  return squares;
}

export function formatDuration(ms: number | null | undefined): string {
  if (typeof ms !== 'number') return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
