/**
 * What an orchestrator has recorded, seen the way a client sees it (REST only): the last event seq
 * and the size of its chat history. Bad-input tests take it before and after a refused request.
 */
import { expect } from 'vitest';
import { call } from './api.ts';

export interface RecordedState {
  lastSeq: number;
  chatMessages: number;
}

export async function recordedState(orchestratorId: string): Promise<RecordedState> {
  const events = await call(`/api/orchestrators/${orchestratorId}/events?limit=1`);
  if (events.status !== 200) throw new Error(`events: ${events.status} ${await events.text()}`);
  const chat = await call(`/api/orchestrators/${orchestratorId}/messages?limit=200`);
  if (chat.status !== 200) throw new Error(`messages: ${chat.status} ${await chat.text()}`);
  const { last_seq } = (await events.json()) as { last_seq: number };
  const { messages } = (await chat.json()) as { messages: unknown[] };
  return { lastSeq: last_seq, chatMessages: messages.length };
}

/**
 * Asserts that no chat message was stored and no event appended since `before`. Summaries of earlier
 * events arrive on their own schedule (`summary_update`); they are not the request's doing.
 */
export async function expectNothingRecorded(orchestratorId: string, before: RecordedState): Promise<void> {
  const response = await call(`/api/orchestrators/${orchestratorId}/events?after_seq=${before.lastSeq}`);
  const { events } = (await response.json()) as { events: Array<{ seq: number; type: string }> };
  expect(events.filter((event) => event.type !== 'summary_update')).toEqual([]);
  expect((await recordedState(orchestratorId)).chatMessages).toBe(before.chatMessages);
}

/** The failing paths a 422 names (`body.message`, `query.limit`, …). */
export function issuePaths(details: unknown): string[] {
  const issues = (details as { issues?: Array<{ path: string }> } | undefined)?.issues ?? [];
  return issues.map((issue) => issue.path);
}
