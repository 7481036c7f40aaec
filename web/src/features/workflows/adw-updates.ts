/**
 * Applying live workflow events to the workflow objects of `GET /api/adws/:id`. Pure: an object in,
 * a new object out (the input is never mutated), unknown or malformed fields ignored.
 */
import type { Adw, AdwStatus, AdwStep, LaneEvent } from './types.ts';

const STATUSES: ReadonlySet<string> = new Set(['pending', 'in_progress', 'completed', 'failed', 'cancelled']);

const str = (value: unknown): string | null | undefined =>
  value === null ? null : typeof value === 'string' ? value : undefined;
const num = (value: unknown): number | null | undefined =>
  value === null ? null : typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** Only the fields the event carries with the right type; absent ones keep their value. */
function pickDefined<T extends object>(patch: { [K in keyof T]?: T[K] | undefined }): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

export function isAdw(value: unknown): value is Adw {
  if (typeof value !== 'object' || value === null) return false;
  const adw = value as Partial<Adw>;
  return (
    typeof adw.id === 'string' &&
    typeof adw.workflow_type === 'string' &&
    typeof adw.status === 'string' &&
    Array.isArray(adw.steps)
  );
}

/** `adw_status` data: status, step counters, timings and error. */
export function applyStatus(adw: Adw, data: Record<string, unknown>): Adw {
  const status =
    typeof data.status === 'string' && STATUSES.has(data.status) ? (data.status as AdwStatus) : undefined;
  return {
    ...adw,
    ...pickDefined<Adw>({
      status,
      current_step: str(data.current_step),
      completed_steps: num(data.completed_steps) ?? undefined,
      total_steps: num(data.total_steps) ?? undefined,
      started_at: str(data.started_at),
      completed_at: str(data.completed_at),
      duration_ms: num(data.duration_ms),
      error_step: str(data.error_step),
      error_message: str(data.error_message),
    }),
  };
}

/** `adw_step_change` data (StepStart / StepEnd) at the envelope's time `ts`. */
export function applyStepChange(adw: Adw, data: Record<string, unknown>, ts: string): Adw {
  const index = num(data.step_index);
  const name = str(data.step);
  const position = adw.steps.findIndex((step) =>
    typeof index === 'number' ? step.step_index === index : step.step === name,
  );
  if (position < 0) return adw;
  const current = adw.steps[position] as AdwStep;
  const start = data.change === 'StepStart';
  const output = data.output;
  const next: AdwStep = {
    ...current,
    ...pickDefined<AdwStep>({
      status: str(data.status) ?? undefined,
      agent_id: str(data.agent_id),
      agent_name: str(data.agent_name),
      duration_ms: num(data.duration_ms),
      error: str(data.error),
      output:
        typeof output === 'object' && output !== null && !Array.isArray(output)
          ? (output as Record<string, unknown>)
          : undefined,
    }),
  };
  if (start) {
    next.started_at = current.started_at ?? ts;
    next.completed_at = null;
  } else if (data.change === 'StepEnd' && data.status !== 'skipped') {
    next.completed_at = current.completed_at ?? ts;
  }
  const steps = [...adw.steps];
  steps[position] = next;
  return { ...adw, steps, ...(start && name ? { current_step: name } : {}) };
}

/** A step agent's model call adds its cost to the workflow until the next full read replaces it. */
export function applyModelCall(adw: Adw, event: LaneEvent): Adw {
  const cost = num(event.data.cost_usd);
  if (typeof cost !== 'number' || cost <= 0) return adw;
  const tokens = ['input_tokens', 'output_tokens', 'cache_write_tokens', 'cache_read_tokens']
    .map((key) => num(event.data[key]) ?? 0)
    .reduce((sum, n) => sum + n, 0);
  const steps = adw.steps.map((step) =>
    step.step === event.adw_step ? { ...step, cost_usd: step.cost_usd + cost } : step,
  );
  return { ...adw, cost_usd: adw.cost_usd + cost, tokens: adw.tokens + tokens, steps };
}

/** Newest first by `created_at`, then by id, so the order is stable. */
export function compareNewestFirst(
  a: Pick<Adw, 'created_at' | 'id'>,
  b: Pick<Adw, 'created_at' | 'id'>,
): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export function isTerminal(status: AdwStatus): boolean {
  return status === 'completed' || status === 'failed' || status === 'cancelled';
}

/**
 * A re-read (after a step ended) against the live object: the read brings costs, tokens and the
 * steps' outputs and summaries, but live events that arrived while it was in flight may be newer, so
 * statuses stay live unless the read says the workflow is over (nothing changes after that).
 */
export function mergeRead(live: Adw, read: Adw): Adw {
  if (isTerminal(read.status) || live.status === 'pending') return read;
  const steps = live.steps.map((step) => {
    const fresh = read.steps.find((candidate) => candidate.step_index === step.step_index);
    if (!fresh) return step;
    return {
      ...step,
      cost_usd: fresh.cost_usd,
      summary: fresh.summary,
      output: fresh.output,
      attempt: fresh.attempt,
      agent_id: step.agent_id ?? fresh.agent_id,
      agent_name: step.agent_name ?? fresh.agent_name,
      error: step.error ?? fresh.error,
    };
  });
  return { ...live, cost_usd: read.cost_usd, tokens: read.tokens, steps };
}
