/** The season-plan chain with no model configured: the offline grammar reads the sentence, end to end. */
import { describe, expect, it } from 'vitest';
import { call } from '../helpers/api.ts';
import { openChainSocket, runEnded } from '../helpers/chains.ts';

const SENTENCE =
  'Plan a 26-week season from 2026-08-03, bi-weekly replenishment, 10% holdback, markdown at week 8';

describe('a season plan offline', () => {
  it('extracts the parameters with the offline grammar and runs the chain to completion', async () => {
    const extracted = await call('/api/chains/extract-parameters', {
      method: 'POST',
      json: { text: SENTENCE },
    });
    expect(extracted.status).toBe(200);
    expect(await extracted.json()).toMatchObject({
      source: 'offline',
      parameters: {
        forecast_horizon_weeks: 26,
        replenishment_strategy: 'bi-weekly',
        markdown_checkpoint_week: 8,
      },
    });

    const started = await call('/api/chains/run', { method: 'POST', json: { text: SENTENCE } });
    expect(started.status).toBe(202);
    const { run_id } = (await started.json()) as { run_id: string };
    const socket = await openChainSocket(run_id);
    const end = await runEnded(socket);
    socket.close();
    expect(end.type).toBe('complete');
    const run = (await (await call(`/api/chains/runs/${run_id}`)).json()) as Record<string, unknown>;
    expect(run).toMatchObject({
      status: 'succeeded',
      request: SENTENCE,
      params: { season_end_date: '2027-01-31' },
    });
  });
});
