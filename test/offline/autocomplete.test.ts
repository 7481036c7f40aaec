/**
 * The learning autocomplete with the built-in offline model, end to end: completions come from the
 * grammar and the catalog's templates, free and recorded under `offline`; after one completion is
 * accepted and another rejected, the next suggestions lead with the accepted one and never offer
 * the rejected one.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { modelCalls } from '../../src/db/schema.ts';
import { call, withDatabase } from '../helpers/api.ts';
import { createOrchestrator } from '../helpers/orchestrators.ts';

interface Completions {
  completions: Array<{ completion: string; reasoning: string }>;
  model: string;
  cost_usd: number;
  timed_out: boolean;
}

async function suggest(id: string, text: string): Promise<Completions> {
  const response = await call(`/api/orchestrators/${id}/autocomplete`, { method: 'POST', json: { text } });
  if (response.status !== 200) throw new Error(`autocomplete: ${response.status} ${await response.text()}`);
  return (await response.json()) as Completions;
}

async function feedback(id: string, body: Record<string, string>): Promise<void> {
  const response = await call(`/api/orchestrators/${id}/autocomplete/feedback`, {
    method: 'POST',
    json: body,
  });
  if (response.status !== 204) throw new Error(`feedback: ${response.status} ${await response.text()}`);
}

describe('offline autocomplete learns from feedback', () => {
  it('accepting one completion and rejecting another changes the next suggestions', async () => {
    const id = await createOrchestrator();
    const text = 'create agent ';
    const first = await suggest(id, text);
    expect(first).toMatchObject({ model: 'offline', cost_usd: 0, timed_out: false });
    const offered = first.completions.map((item) => item.completion);
    expect(offered).toHaveLength(3);
    // Agent templates from the catalog, in the grammar's `create agent <name> as <template>`.
    for (const completion of offered) expect(completion).toMatch(/^([a-z-]+) as \1$/);
    const [rejected, , accepted] = offered as [string, string, string];

    await feedback(id, { outcome: 'accepted', input_before: text, completion: accepted });
    await feedback(id, { outcome: 'rejected', input_before: text, completion: rejected });

    const next = (await suggest(id, text)).completions.map((item) => item.completion);
    expect(next[0]).toBe(accepted);
    expect(next).not.toContain(rejected);
    expect(next).toHaveLength(3);
    // A shorter prefix of the accepted command is completed towards it, too.
    const shorter = await suggest(id, 'create');
    expect(shorter.completions[0]).toMatchObject({
      completion: ` agent ${accepted}`,
      reasoning: 'You accepted this completion before',
    });

    const rows = await withDatabase((db) =>
      db.select().from(modelCalls).where(eq(modelCalls.orchestratorId, id)),
    );
    expect(rows.map((row) => [row.purpose, row.model, row.costUsd])).toEqual([
      ['autocomplete', 'offline', 0],
      ['autocomplete', 'offline', 0],
      ['autocomplete', 'offline', 0],
    ]);
  });

  it('what was sent instead of a completion is offered the next time', async () => {
    const id = await createOrchestrator();
    await feedback(id, { outcome: 'ignored', input_before: 'list', input_sent: 'list agents; report cost' });
    const { completions } = await suggest(id, 'report');
    expect(completions[0]).toEqual({ completion: ' cost', reasoning: 'You sent this before' });
  });
});
