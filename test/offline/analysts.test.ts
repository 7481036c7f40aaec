/**
 * The LLM analysts with the built-in offline model: deterministic answers derived from the input
 * (the keyword lexicon over the bundled SPY headlines, the insider signal from the aggregates,
 * coaching rules from the metrics), the same on every call, free and recorded under `offline`.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { modelCalls } from '../../src/db/schema.ts';
import { call, withDatabase } from '../helpers/api.ts';
import { createOrchestrator } from '../helpers/orchestrators.ts';

async function post<T>(path: string, json: unknown): Promise<T> {
  const response = await call(`/api/analysts/${path}`, { method: 'POST', json });
  if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const withoutId = <T extends { id: string }>({ id: _id, ...rest }: T) => rest;

describe('the analysts with the offline model', () => {
  it('reads the bundled SPY headlines with the lexicon, the same on every call', async () => {
    const id = await createOrchestrator();
    type Reading = { id: string; score: number; previous_score: number | null; delta: number | null };
    const first = await post<Reading>('sentiment-shift', { orchestrator_id: id, symbol: 'spy' });
    expect(first).toMatchObject({
      symbol: 'SPY',
      // 7 positive and 4 negative keywords over 5 headlines, every one with a hit.
      score: 0.273,
      confidence: 1,
      previous_score: null,
      news_count: 5,
      asof: '2024-12-06T21:00:00.000Z',
      model: 'offline',
      cost_usd: 0,
    });
    const second = await post<Reading>('sentiment-shift', { orchestrator_id: id, symbol: 'SPY' });
    expect(second).toMatchObject({ score: 0.273, previous_score: 0.273, delta: 0, shift_alert: false });

    const calls = await withDatabase((db) =>
      db.select().from(modelCalls).where(eq(modelCalls.orchestratorId, id)),
    );
    expect(calls.map((row) => [row.purpose, row.model, row.costUsd])).toEqual([
      ['analyst', 'offline', 0],
      ['analyst', 'offline', 0],
    ]);
  });

  it('shifts when the news turns', async () => {
    const id = await createOrchestrator();
    await post('sentiment-shift', { orchestrator_id: id, symbol: 'GLD' });
    const turned = await post<{ score: number; delta: number; shift_alert: boolean }>('sentiment-shift', {
      orchestrator_id: id,
      symbol: 'GLD',
      news: [{ headline: 'Gold plunges as outflows deepen', published_at: '2024-12-09T14:30:00Z' }],
    });
    expect(turned).toMatchObject({ score: -1, delta: -2, shift_alert: true });
  });

  it('calls net insider buying bullish from the computed aggregates', async () => {
    const id = await createOrchestrator();
    const body = { orchestrator_id: id, symbol: 'GLD' };
    const report = await post<{ id: string; signal: string; report: string }>('insider-report', body);
    expect(report).toMatchObject({
      net_shares: 2_000,
      net_value: 241.5 * 1_000 + 238.9 * 600 + 243 * 400,
      buyers: 3,
      sellers: 0,
      signal: 'bullish',
      confidence: 0.85,
      model: 'offline',
      cost_usd: 0,
    });
    expect(report.report).toContain('## Insider activity: GLD');
    expect(withoutId(await post<{ id: string }>('insider-report', body))).toEqual(withoutId(report));
  });

  it('coaches from the metrics, the same on every call', async () => {
    const id = await createOrchestrator();
    const body = {
      orchestrator_id: id,
      trades: [
        { date: '2024-01-02', symbol: 'SPY', side: 'long', qty: 10, entry: 100, exit: 98 },
        { date: '2024-01-03', symbol: 'QQQ', side: 'short', qty: 5, entry: 400, exit: 401 },
        { date: '2024-01-04', symbol: 'SPY', side: 'long', qty: 10, entry: 100, exit: 101 },
      ],
    };
    type Review = {
      id: string;
      metrics: { total_pnl: number };
      coaching: { rules: string[]; summary: string };
    };
    const review = await post<Review>('trade-journal', body);
    expect(review.metrics).toMatchObject({
      num_trades: 3,
      total_pnl: -15,
      win_rate: 0.3333,
      profit_factor: 0.4,
    });
    expect(review.coaching.rules).toContain(
      'Exit any trade once it loses 10 (your average win); no exceptions.',
    );
    expect(review.coaching.summary).toContain('[offline]');
    expect(withoutId(await post<Review>('trade-journal', body))).toEqual(withoutId(review));
  });
});
