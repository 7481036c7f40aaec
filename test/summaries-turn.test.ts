/**
 * Summaries end to end: a real orchestrator turn persists its events, the Durable Object asks the
 * real local queue for their summaries, the consumer asks the (emulated) fast model, and the object
 * broadcasts one `summary_update` that clients apply to the earlier events.
 */
import { describe, expect, it } from 'vitest';
import type { WireEvent } from '../src/events/types.ts';
import { call } from './helpers/api.ts';
import { modelRequests, scriptModel } from './helpers/emulator.ts';
import { createOrchestrator, hubOf, ofType, say, turnSettled } from './helpers/orchestrators.ts';
import { expectContiguous, openStream } from './helpers/stream.ts';
import {
  broadcastSummaries,
  summariesPending,
  summariesScope,
  summariesSettled,
  summaryAnswer,
  withSummaries,
} from './helpers/summaries.ts';

describe('summaries of a turn', () => {
  it('arrive on the WebSocket as summary_update, on REST rows and replays, and in the cost totals', async () => {
    const id = await createOrchestrator({ model: 'sonnet' });
    await scriptModel(id, [
      { text: 'Checking.', tool_uses: [{ name: 'list_agents', input: {} }] },
      { text: 'There are no agents yet.' },
    ]);
    // The summariser is told about seqs 1–40 in advance; it only keeps the ones it was asked about.
    const scripted = Array.from({ length: 40 }, (_, i) => ({
      seq: i + 1,
      summary: `AI summary of event ${i + 1}`,
    }));
    await scriptModel(summariesScope(id), [
      summaryAnswer(scripted, { usage: { input_tokens: 1_000, output_tokens: 100 } }),
    ]);
    const stream = await openStream(id, 0);
    const { turn_id } = await say(id, 'list the agents');
    await turnSettled(stream, turn_id);
    await summariesSettled(stream);

    const summaries = broadcastSummaries(stream.events);
    const userMessage = ofType(stream.events, 'chat_message')[0] as WireEvent;
    expect(summaries.get(userMessage.seq)).toBe(`AI summary of event ${userMessage.seq}`);
    for (const type of ['UserPromptSubmit', 'tool_use', 'PreToolUse', 'tool_result', 'PostToolUse', 'text']) {
      expect(ofType(stream.events, type).every((event) => summaries.has(event.seq))).toBe(true);
    }
    const unsummarised = ['text_delta', 'chat_typing', 'turn_started', 'model_call', 'summary_update'];
    for (const type of unsummarised) {
      expect(ofType(stream.events, type).some((event) => summaries.has(event.seq))).toBe(false);
    }
    expectContiguous(stream.events, 1);

    // The call is priced (Haiku: $1 in, $5 out per million) and counted in the orchestrator's totals.
    const calls = ofType(stream.events, 'model_call');
    expect(calls.find((e) => e.data.purpose === 'summary')?.data).toMatchObject({
      model: 'claude-haiku-4-5-20251001',
      cost_usd: 0.0015,
    });
    const orchestrator = (await (await call(`/api/orchestrators/${id}`)).json()) as {
      usage: { cost_usd: number };
    };
    const streamed = calls.reduce((sum, e) => sum + Number(e.data.cost_usd), 0);
    expect(orchestrator.usage.cost_usd).toBeCloseTo(streamed, 6);

    // REST rows and a fresh replay carry the summaries on the events themselves.
    const patched = withSummaries(stream.events);
    const rest = (await (await call(`/api/orchestrators/${id}/events?limit=1000`)).json()) as {
      events: WireEvent[];
    };
    expect(rest.events).toEqual(patched);
    const replay = await openStream(id, 0);
    await replay.waitFor((e) => e.seq === stream.events.at(-1)?.seq, 'the full replay');
    expect(replay.events).toEqual(patched);

    // Nothing more happens: the object does not summarise its own summary updates. Once every event
    // it emitted is in Postgres (and so reported to its summary batcher), nothing is left to ask for.
    const requests = (await modelRequests(summariesScope(id))).length;
    const lastSeq = stream.events.at(-1)?.seq;
    expect(await hubOf(id).flushEvents(id)).toBe(lastSeq);
    expect(await summariesPending(id)).toBe(false);
    expect(stream.events.at(-1)?.seq).toBe(lastSeq);
    expect(await modelRequests(summariesScope(id))).toHaveLength(requests);
    replay.close();
    stream.close();
  });
});
