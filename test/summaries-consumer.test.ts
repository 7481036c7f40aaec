/**
 * The `summarize_events` queue handler against the real database and the Messages API emulator.
 * Events are written straight to Postgres at seqs from 1001 (the orchestrator's Durable Object never
 * saw them, so it asks for no summaries of its own and its `summary_update` takes seq 1 or 2).
 */
import { env } from 'cloudflare:test';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { appendEvents, type EventRow } from '../src/db/events.ts';
import { insertModelCall } from '../src/db/model-calls.ts';
import { events as eventsTable, modelCalls } from '../src/db/schema.ts';
import { categoryOf, type EventType, type WireEvent } from '../src/events/types.ts';
import { summarizeEvents } from '../src/summaries/consumer.ts';
import { summarizeEventsMessage } from '../src/summaries/message.ts';
import { call, withDatabase } from './helpers/api.ts';
import { modelRequests, scriptModel } from './helpers/emulator.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';
import { deliverBatch } from './helpers/queue.ts';
import { summariesScope, summaryAnswer } from './helpers/summaries.ts';
import { until } from './helpers/wait.ts';

const SEEDED: Array<[EventType, Record<string, unknown>]> = [
  ['chat_message', { message: { sender: 'user', kind: 'text', content: 'Please build a todo app' } }],
  ['UserPromptSubmit', { prompt: 'Please build a todo app', prompt_length: 23 }],
  ['text_delta', { text: 'I will' }],
  ['text', { text: 'I will create a builder agent.' }],
  ['tool_use', { tool_use_id: 't1', name: 'create_agent', input: { name: 'builder' } }],
  ['PreToolUse', { tool_name: 'create_agent', tool_input: { name: 'builder' }, tool_use_id: 't1' }],
  ['model_call', { model: 'claude-sonnet-5', cost_usd: 0.01 }],
  ['PostToolUse', { tool_name: 'create_agent', tool_use_id: 't1', is_error: false, result: 'Created' }],
];
const FIRST = 1001;
const LAST = FIRST + SEEDED.length - 1;
/** The seeded events worth a summary (not the delta nor the cost record). */
const SUMMARISABLE = [1001, 1002, 1004, 1005, 1006, 1008];

async function seed(options: { budget_usd?: number; rows?: EventRow[] } = {}): Promise<string> {
  const id = await createOrchestrator(
    options.budget_usd === undefined ? {} : { budget_usd: options.budget_usd },
  );
  const rows =
    options.rows ??
    SEEDED.map(([type, data], i) => ({
      orchestratorId: id,
      seq: FIRST + i,
      type,
      category: categoryOf(type),
      data,
      createdAt: new Date(),
    }));
  await withDatabase((db) =>
    appendEvents(
      db,
      rows.map((row) => ({ ...row, orchestratorId: id })),
    ),
  );
  return id;
}

const deliver = (body: unknown, messageId = 'summaries-1') => deliverBatch([{ id: messageId, body }]);

async function storedSummaries(id: string): Promise<Map<number, string | null>> {
  const rows = await withDatabase((db) =>
    db
      .select({ seq: eventsTable.seq, summary: eventsTable.summary })
      .from(eventsTable)
      .where(eq(eventsTable.orchestratorId, id)),
  );
  return new Map(rows.filter((row) => row.seq >= FIRST).map((row) => [row.seq, row.summary]));
}

async function summaryCalls(id: string) {
  return withDatabase((db) =>
    db
      .select()
      .from(modelCalls)
      .where(and(eq(modelCalls.orchestratorId, id), eq(modelCalls.purpose, 'summary'))),
  );
}

/** The orchestrator's stored events of one type (the REST API flushes the object first). */
async function restEvents(id: string, type: string): Promise<WireEvent[]> {
  const response = await call(`/api/orchestrators/${id}/events?type=${type}`);
  return ((await response.json()) as { events: WireEvent[] }).events;
}

const aiSummaries = SUMMARISABLE.map((seq) => ({ seq, summary: `AI summary of event ${seq}` }));

describe('the summarize_events consumer', () => {
  it('summarises a batch in one tool call, writes the rows, records the cost and broadcasts once', async () => {
    const id = await seed();
    await scriptModel(summariesScope(id), [
      summaryAnswer(aiSummaries, { usage: { input_tokens: 2_000, output_tokens: 300 } }),
    ]);
    const result = await deliver(summarizeEventsMessage(id, FIRST - 1, LAST));
    expect(result.explicitAcks).toEqual(['summaries-1']);
    expect(result.retryMessages).toEqual([]);

    const stored = await storedSummaries(id);
    for (const seq of SUMMARISABLE) expect(stored.get(seq)).toBe(`AI summary of event ${seq}`);
    expect(stored.get(1003)).toBeNull();
    expect(stored.get(1007)).toBeNull();

    const requests = await modelRequests(summariesScope(id));
    expect(requests).toHaveLength(1);
    const body = requests[0]?.body as {
      model: string;
      stream?: boolean;
      tool_choice: unknown;
      tools: Array<{ name: string }>;
      messages: Array<{ content: string }>;
    };
    expect(body.model).toBe('claude-haiku-4-5-20251001');
    expect(body.stream).toBeUndefined();
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'record_summaries' });
    expect(body.tools.map((tool) => tool.name)).toEqual(['record_summaries']);
    const asked = body.messages[0]?.content
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { seq: number }).seq);
    expect(asked).toEqual(SUMMARISABLE);

    // Haiku: $1 in, $5 out per million tokens.
    const calls = await summaryCalls(id);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      model: 'claude-haiku-4-5-20251001',
      inputTokens: 2_000,
      outputTokens: 300,
    });
    expect(calls[0]?.costUsd).toBeCloseTo(0.0035, 6);
    const orchestrator = (await (await call(`/api/orchestrators/${id}`)).json()) as {
      usage: { cost_usd: number; input_tokens: number; model_calls: number };
    };
    expect(orchestrator.usage).toMatchObject({ input_tokens: 2_000, model_calls: 1 });
    expect(orchestrator.usage.cost_usd).toBeCloseTo(0.0035, 6);

    const updates = await restEvents(id, 'summary_update');
    expect(updates.map((e) => e.data)).toEqual([{ summaries: aiSummaries }]);
    expect((await restEvents(id, 'model_call'))[0]?.data).toMatchObject({
      purpose: 'summary',
      cost_usd: 0.0035,
    });
    // REST serves the summaries on the rows themselves.
    const texts = await restEvents(id, 'text');
    expect(texts[0]?.summary).toBe('AI summary of event 1004');
  });

  it('does nothing for a redelivered message or events that already have summaries', async () => {
    const id = await seed();
    await scriptModel(summariesScope(id), [summaryAnswer(aiSummaries)]);
    const message = summarizeEventsMessage(id, FIRST - 1, LAST);
    await deliver(message);
    const before = await storedSummaries(id);
    const again = await deliver(message, 'summaries-1-again');
    const overlapping = await deliver(summarizeEventsMessage(id, 1003, 1006), 'summaries-overlap');
    expect(again.explicitAcks).toEqual(['summaries-1-again']);
    expect(overlapping.explicitAcks).toEqual(['summaries-overlap']);
    expect(await modelRequests(summariesScope(id))).toHaveLength(1);
    expect(await storedSummaries(id)).toEqual(before);
    expect(await restEvents(id, 'summary_update')).toHaveLength(1);
    expect(await summaryCalls(id)).toHaveLength(1);
  });

  it('falls back to the deterministic description when the model keeps failing', async () => {
    const id = await seed();
    await scriptModel(summariesScope(id), [
      { error: { status: 529 } },
      { error: { status: 400, message: 'messages: bad shape' } },
    ]);
    const result = await deliver(summarizeEventsMessage(id, FIRST - 1, LAST));
    expect(result.explicitAcks).toEqual(['summaries-1']);
    // The overload was retried once; the request error was not.
    expect(await modelRequests(summariesScope(id))).toHaveLength(2);
    const stored = await storedSummaries(id);
    expect(stored.get(1001)).toBe('Message: Please build a todo app');
    expect(stored.get(1006)).toBe('Using tool: create_agent');
    expect(stored.get(1008)).toBe('Completed tool: create_agent');
    expect(await summaryCalls(id)).toEqual([]);
    expect((await restEvents(id, 'summary_update'))[0]?.data.summaries).toHaveLength(SUMMARISABLE.length);
  });

  it('keeps a partial answer and describes the events it left out', async () => {
    const id = await seed();
    await scriptModel(summariesScope(id), [
      summaryAnswer([
        { seq: 1004, summary: 'Orchestrator plans to create a builder agent' },
        { seq: 42, summary: 'an event nobody asked about' },
      ]),
    ]);
    await deliver(summarizeEventsMessage(id, FIRST - 1, LAST));
    const stored = await storedSummaries(id);
    expect(stored.get(1004)).toBe('Orchestrator plans to create a builder agent');
    expect(stored.get(1002)).toBe('Prompt: Please build a todo app');
    expect(stored.get(1005)).toBe('Tool call create_agent {"name":"builder"}');
    // The call cost money even though most of its answer was unusable.
    expect(await summaryCalls(id)).toHaveLength(1);
  });

  it('describes every event when the answer is not a record_summaries call', async () => {
    const id = await seed();
    await scriptModel(summariesScope(id), [{ text: 'Sure! Here are the summaries you asked for.' }]);
    await deliver(summarizeEventsMessage(id, FIRST - 1, LAST));
    const stored = await storedSummaries(id);
    expect(SUMMARISABLE.every((seq) => stored.get(seq) && !stored.get(seq)?.startsWith('Sure'))).toBe(true);
    expect(stored.get(1004)).toBe('Text: I will create a builder agent.');
    expect(await summaryCalls(id)).toHaveLength(1);
  });

  it('acknowledges messages for archived or unknown orchestrators, and malformed ones, doing nothing', async () => {
    const id = await seed();
    await call(`/api/orchestrators/${id}/archive`, { method: 'POST' });
    const archived = await deliver(summarizeEventsMessage(id, FIRST - 1, LAST), 'archived');
    const unknown = await deliver(summarizeEventsMessage(crypto.randomUUID(), 0, 10), 'unknown');
    const malformed = await deliver({ kind: 'summarize_events', orchestrator_id: id, after_seq: 9 }, 'bad');
    expect([...archived.explicitAcks, ...unknown.explicitAcks, ...malformed.explicitAcks]).toEqual([
      'archived',
      'unknown',
      'bad',
    ]);
    expect([...archived.retryMessages, ...unknown.retryMessages, ...malformed.retryMessages]).toEqual([]);
    expect(await modelRequests(summariesScope(id))).toEqual([]);
    expect([...(await storedSummaries(id)).values()].every((summary) => summary === null)).toBe(true);
  });

  it('spends nothing once the orchestrator’s budget is used up', async () => {
    const id = await seed({ budget_usd: 0.01 });
    await withDatabase((db) =>
      insertModelCall(db, {
        orchestratorId: id,
        purpose: 'orchestrator',
        model: 'claude-opus-5',
        costUsd: 0.02,
      }),
    );
    await deliver(summarizeEventsMessage(id, FIRST - 1, LAST));
    expect(await modelRequests(summariesScope(id))).toEqual([]);
    expect((await storedSummaries(id)).get(1006)).toBe('Using tool: create_agent');
  });

  it('with the offline model, writes deterministic summaries without a model call', async () => {
    const id = await seed();
    const offline = { ...env, ANTHROPIC_BASE_URL: '', ANTHROPIC_API_KEY: '' };
    await summarizeEvents(summarizeEventsMessage(id, FIRST - 1, LAST), offline);
    expect(await modelRequests(summariesScope(id))).toEqual([]);
    const stored = await storedSummaries(id);
    expect(stored.get(1001)).toBe('Message: Please build a todo app');
    expect(stored.get(1003)).toBeNull();
    expect(await summaryCalls(id)).toEqual([]);
    expect(await restEvents(id, 'summary_update')).toHaveLength(1);
  });

  it('splits a backlog into calls of 50 events, continuing through the queue', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({
      orchestratorId: '',
      seq: FIRST + i,
      type: 'text',
      category: 'response',
      data: { text: `line ${i}` },
      createdAt: new Date(),
    }));
    const id = await seed({ rows });
    await scriptModel(summariesScope(id), [summaryAnswer([]), summaryAnswer([])]);
    await deliver(summarizeEventsMessage(id, FIRST - 1, FIRST + 59));
    // The continuation message is delivered by the real local queue.
    await until(
      async () => [...(await storedSummaries(id)).values()].every((summary) => summary !== null),
      'a summary on every event of the backlog',
    );
    expect([...(await storedSummaries(id)).values()].every((summary) => summary !== null)).toBe(true);
    const counts = (await modelRequests(summariesScope(id))).map((request) => {
      const content = (request.body as { messages: Array<{ content: string }> }).messages[0]?.content ?? '';
      return content.split('\n').filter((line) => line.startsWith('{')).length;
    });
    expect(counts).toEqual([50, 10]);
  });
});
