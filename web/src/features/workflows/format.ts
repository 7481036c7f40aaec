/** Durations, costs, counters and status labels as the workflow cards show them. */
import type { Adw, AdwStatus, AdwStep } from './types.ts';

/** `850ms`, `12s`, `3m 05s`, `1h 02m`. Negative or missing input reads as `—`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const totalSeconds = Math.floor(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds}s`;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

/**
 * The duration to show: the final one once the workflow ended, the time since it started while it
 * runs (ticking with `now`), nothing before it started.
 */
export function liveDurationMs(
  adw: Pick<Adw, 'status' | 'started_at' | 'completed_at' | 'duration_ms'>,
  now: number,
): number | null {
  if (adw.duration_ms !== null) return adw.duration_ms;
  const started = adw.started_at ? Date.parse(adw.started_at) : Number.NaN;
  if (Number.isNaN(started)) return null;
  const ended = adw.completed_at ? Date.parse(adw.completed_at) : Number.NaN;
  if (!Number.isNaN(ended)) return Math.max(0, ended - started);
  return isActive(adw.status) ? Math.max(0, now - started) : null;
}

export function isActive(status: AdwStatus): boolean {
  return status === 'pending' || status === 'in_progress';
}

export function formatCost(usd: number): string {
  if (!Number.isFinite(usd) || usd <= 0) return '$0.00';
  return usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

const STATUS_LABELS: Record<AdwStatus, string> = {
  pending: 'Pending',
  in_progress: 'In progress',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function statusLabel(status: AdwStatus): string {
  return STATUS_LABELS[status] ?? status;
}

/** `2/4 steps`, plus `1 skipped` when a conditional step did not run (it is not counted as done). */
export function stepCounter(adw: Pick<Adw, 'completed_steps' | 'total_steps' | 'steps'>): string {
  const skipped = adw.steps.filter((step) => step.status === 'skipped').length;
  const base = `${adw.completed_steps}/${adw.total_steps} steps`;
  return skipped > 0 ? `${base}, ${skipped} skipped` : base;
}

/** A step lane's heading: `plan` → `Plan`, `_workflow` → `Workflow`. */
export function laneTitle(step: string): string {
  if (step === '_workflow') return 'Workflow';
  const spaced = step.replace(/[_-]+/g, ' ').trim();
  return spaced ? spaced[0]?.toUpperCase() + spaced.slice(1) : step;
}

export function stepStatusLabel(status: AdwStep['status'] | string): string {
  return status.replace(/_/g, ' ');
}

/** `HH:MM:SS.mmm` in local time, or the raw text when it is no date. */
export function formatTime(ts: string): string {
  const date = new Date(ts);
  if (Number.isNaN(date.getTime())) return ts;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
