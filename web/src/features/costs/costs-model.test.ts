import { describe, expect, it } from 'vitest';
import {
  agentLabel,
  bucketLabel,
  byAgentSeries,
  byModelSeries,
  type CostReport,
  describeBars,
  formatUsd,
  modelLabel,
  timeSeries,
  totalTokens,
  usageSummary,
} from './costs-model.ts';

const usage = (cost: number, tokens = 10) => ({
  input_tokens: tokens,
  output_tokens: tokens,
  cache_write_tokens: tokens,
  cache_read_tokens: tokens,
  cost_usd: cost,
  model_calls: 1,
});

const report: CostReport = {
  bucket: 'hour',
  totals: usage(1.5, 40),
  by_agent: [
    { purpose: 'orchestrator', agent_id: null, agent_name: null, ...usage(1) },
    { purpose: 'agent', agent_id: 'a1', agent_name: 'alpha', ...usage(0.4) },
    { purpose: 'summary', agent_id: null, agent_name: null, ...usage(0.1) },
  ],
  by_model: [{ model: 'claude-sonnet', ...usage(1.5, 40) }],
  series: [
    { start: '2026-01-01T10:00:00Z', ...usage(0.5) },
    { start: '2026-01-01T11:00:00Z', ...usage(1) },
  ],
};

describe('costs model', () => {
  it('labels rows by agent name or by what the calls were for', () => {
    expect(byAgentSeries(report).labels).toEqual(['Orchestrator', 'alpha', 'Summaries']);
    expect(agentLabel({ purpose: 'workflow', agent_id: null, agent_name: null })).toBe('Workflows');
    expect(agentLabel({ purpose: 'workflow', agent_id: 'x', agent_name: 'build' })).toBe('build (workflow)');
    expect(agentLabel({ purpose: 'agent', agent_id: '12345678-aaaa', agent_name: null })).toBe(
      'agent 12345678',
    );
  });

  it('labels buckets in UTC for their size', () => {
    expect(bucketLabel('2026-01-01T10:05:00Z', 'minute')).toBe('01-01 10:05');
    expect(bucketLabel('2026-01-01T10:00:00Z', 'hour')).toBe('01-01 10:00');
    expect(bucketLabel('2026-01-01T00:00:00Z', 'day')).toBe('2026-01-01');
    expect(bucketLabel('garbage', 'day')).toBe('garbage');
  });

  it('builds chart series with every token kind', () => {
    expect(timeSeries(report)).toEqual({
      labels: ['01-01 10:00', '01-01 11:00'],
      costs: [0.5, 1],
      tokens: [40, 40],
    });
    expect(byModelSeries(report).tokens).toEqual([160]);
    expect(totalTokens(usage(0, 5))).toBe(20);
  });

  it("labels the offline model's calls as the offline model, not as a real model", () => {
    const offline: CostReport = { ...report, by_model: [{ model: 'offline', ...usage(0, 40) }] };
    expect(byModelSeries(offline).labels).toEqual(['offline model']);
    expect(modelLabel('claude-sonnet-5')).toBe('claude-sonnet-5');
  });

  it("sums an orchestrator's usage in one line for the picker", () => {
    expect(usageSummary({ ...usage(0.0123, 3_000), model_calls: 4 })).toBe(
      '$0.0123 · 12.0k tokens · 4 calls',
    );
    expect(usageSummary({ ...usage(0, 1), model_calls: 1 })).toBe('$0.0000 · 4 tokens · 1 call');
    expect(usageSummary(undefined)).toBe('no usage yet');
  });

  it('formats dollars for small and large amounts', () => {
    expect([formatUsd(0), formatUsd(0.01234), formatUsd(1.5), formatUsd(1234.5)]).toEqual([
      '$0.00',
      '$0.0123',
      '$1.50',
      '$1,234.50',
    ]);
  });

  it('describes a chart by its largest entries', () => {
    expect(describeBars('Cost by agent', byAgentSeries(report), 2)).toBe(
      'Cost by agent, 3 entries; highest: Orchestrator $1.00, alpha $0.4000. The table below has every number.',
    );
    expect(describeBars('Cost over time', { labels: [], costs: [], tokens: [] })).toBe(
      'Cost over time: no data',
    );
  });
});
