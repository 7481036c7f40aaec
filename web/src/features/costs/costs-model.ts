/** The cost report shaped for charts and tables: row labels, bucket labels, formatted numbers. Pure. */
import type { Schemas } from '../../api/client.ts';
import { compactTokens, usd } from '../../lib/format.ts';

export type CostReport = Schemas['CostReport'];
export type CostUsage = Schemas['CostUsage'];
export type Bucket = CostReport['bucket'];
export type AgentCostRow = CostReport['by_agent'][number];

export const BUCKETS: ReadonlyArray<{ value: Bucket; label: string }> = [
  { value: 'minute', label: 'Minute' },
  { value: 'hour', label: 'Hour' },
  { value: 'day', label: 'Day' },
];

const PURPOSE_LABEL: Record<string, string> = {
  orchestrator: 'Orchestrator',
  summary: 'Summaries',
  workflow: 'Workflows',
  agent: 'Agent',
  autocomplete: 'Autocomplete',
};

/** Who a by-agent row is: the agent's name, or what the calls were for (Orchestrator, Summaries…). */
export function agentLabel(row: Pick<AgentCostRow, 'purpose' | 'agent_name' | 'agent_id'>): string {
  if (row.agent_name) return row.purpose === 'workflow' ? `${row.agent_name} (workflow)` : row.agent_name;
  if (row.purpose === 'agent' && row.agent_id) return `agent ${row.agent_id.slice(0, 8)}`;
  return PURPOSE_LABEL[row.purpose] ?? row.purpose;
}

/** A bucket's start (ISO, UTC) as a short UTC label for its size. */
export function bucketLabel(start: string, bucket: Bucket): string {
  const date = new Date(start);
  if (Number.isNaN(date.getTime())) return start;
  const iso = date.toISOString();
  const day = iso.slice(0, 10);
  if (bucket === 'day') return day;
  return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/** Dollars with enough digits for small amounts: $0.0123, $1.23, $1,234.50. */
export function formatUsd(value: number): string {
  if (value === 0) return '$0.00';
  if (Math.abs(value) < 1) return `$${value.toFixed(4)}`;
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function formatTokens(value: number): string {
  return value.toLocaleString('en-US');
}

/** Every token of a row: input, output, cache writes and cache reads. */
export function totalTokens(usage: CostUsage): number {
  return usage.input_tokens + usage.output_tokens + usage.cache_write_tokens + usage.cache_read_tokens;
}

export interface BarSeries {
  labels: string[];
  costs: number[];
  tokens: number[];
}

export function byAgentSeries(report: CostReport): BarSeries {
  return {
    labels: report.by_agent.map(agentLabel),
    costs: report.by_agent.map((row) => row.cost_usd),
    tokens: report.by_agent.map(totalTokens),
  };
}

/**
 * The server records calls the built-in offline model answered under the id `offline`, whatever
 * model was asked for, so that they are never shown as a real model's.
 */
const MODEL_LABELS: Readonly<Record<string, string>> = { offline: 'offline model' };

export function modelLabel(model: string): string {
  return MODEL_LABELS[model] ?? model;
}

export function byModelSeries(report: CostReport): BarSeries {
  return {
    labels: report.by_model.map((row) => modelLabel(row.model)),
    costs: report.by_model.map((row) => row.cost_usd),
    tokens: report.by_model.map(totalTokens),
  };
}

export function timeSeries(report: CostReport): BarSeries {
  return {
    labels: report.series.map((point) => bucketLabel(point.start, report.bucket)),
    costs: report.series.map((point) => point.cost_usd),
    tokens: report.series.map(totalTokens),
  };
}

/** An orchestrator's totals in one line (the picker's cards): cost, every token, model calls. */
export function usageSummary(usage: Schemas['Orchestrator']['usage']): string {
  if (!usage) return 'no usage yet';
  const tokens = compactTokens(totalTokens(usage));
  const calls = `${formatTokens(usage.model_calls)} call${usage.model_calls === 1 ? '' : 's'}`;
  return `${usd(usage.cost_usd)} · ${tokens} tokens · ${calls}`;
}

/** One sentence for a chart's accessible name: what it shows and its largest entries. */
export function describeBars(title: string, series: BarSeries, top = 3): string {
  if (!series.labels.length) return `${title}: no data`;
  const ranked = series.labels
    .map((label, i) => ({ label, cost: series.costs[i] ?? 0 }))
    .sort((a, b) => b.cost - a.cost)
    .slice(0, top)
    .map((entry) => `${entry.label} ${formatUsd(entry.cost)}`);
  return `${title}, ${series.labels.length} entr${series.labels.length === 1 ? 'y' : 'ies'}; highest: ${ranked.join(', ')}. The table below has every number.`;
}
