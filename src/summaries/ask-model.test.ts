import type Anthropic from '@anthropic-ai/sdk';
import type { Message, MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import { askForSummaries, SUMMARY_MODEL } from './ask-model.ts';
import { SUMMARY_TOOL_NAME } from './prompt.ts';

class FakeApiError extends Error {
  constructor(readonly status: number) {
    super(`status ${status}`);
  }
}

/** A client whose `messages.create` answers from a list: an Error is thrown, a Message returned. */
function fakeClient(answers: Array<Message | Error>) {
  const requests: MessageCreateParamsNonStreaming[] = [];
  const client = {
    messages: {
      create: async (params: MessageCreateParamsNonStreaming) => {
        requests.push(params);
        const next = answers.shift();
        if (!next || next instanceof Error) throw next ?? new Error('no answer left');
        return next;
      },
    },
  };
  return { client: client as unknown as Anthropic, requests };
}

const message = { id: 'msg_1', content: [], model: SUMMARY_MODEL } as unknown as Message;
const events = [{ seq: 4, type: 'text' as const, data: { text: 'hi' } }];
const noSleep = async () => {};

describe('askForSummaries', () => {
  it('asks the fast model once, forcing the record_summaries tool, under the caller’s scope', async () => {
    const { client, requests } = fakeClient([message]);
    const answer = await askForSummaries(client, events, { callerId: 'orch:summaries', sleep: noSleep });
    expect(answer.message).toBe(message);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      model: 'claude-haiku-4-5-20251001',
      tool_choice: { type: 'tool', name: SUMMARY_TOOL_NAME },
      metadata: { user_id: 'orch:summaries' },
    });
    expect(requests[0]?.stream).toBeUndefined();
  });

  it('retries overload and rate limits, then gives up after the policy’s attempts', async () => {
    const { client, requests } = fakeClient([new FakeApiError(529), new FakeApiError(429), message]);
    const slept: number[] = [];
    const sleep = async (ms: number) => {
      slept.push(ms);
    };
    await askForSummaries(client, events, { callerId: 'x', sleep });
    expect(requests).toHaveLength(3);
    expect(slept).toHaveLength(2);

    const failing = fakeClient([new FakeApiError(529), new FakeApiError(529), new FakeApiError(529)]);
    await expect(askForSummaries(failing.client, events, { callerId: 'x', sleep })).rejects.toThrow('529');
    expect(failing.requests).toHaveLength(3);
  });

  it('does not retry a request error', async () => {
    const { client, requests } = fakeClient([new FakeApiError(400), message]);
    await expect(askForSummaries(client, events, { callerId: 'x', sleep: noSleep })).rejects.toThrow('400');
    expect(requests).toHaveLength(1);
  });
});
