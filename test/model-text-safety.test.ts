/**
 * The model's text and tool calls may hold characters Postgres cannot store (NUL, lone surrogates).
 * A turn with them completes; its chat history, events, agent and command are stored (those characters
 * replaced with U+FFFD) and readable over REST and the WebSocket; a file write with them is refused with
 * an `is_error` result; and the orchestrator goes on answering.
 */
import { describe, expect, it } from 'vitest';
import type { WireEvent } from '../src/events/types.ts';
import { call } from './helpers/api.ts';
import { scriptModel } from './helpers/emulator.ts';
import { agentStopped, createOrchestrator, ofType, say, turnEnded } from './helpers/orchestrators.ts';
import { openStream } from './helpers/stream.ts';

const NUL = '\u0000';
const LONE = '\uD800';
const FFFD = '\uFFFD';

function resultsOf(events: WireEvent[], tool: string): WireEvent[] {
  return ofType(events, 'tool_result').filter((e) => e.data.name === tool);
}

describe('model output Postgres cannot store', () => {
  it('completes the turn, stores everything readable, and refuses the binary file write', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [
      {
        thinking: `Thinking${NUL} hard`,
        text: `Creating${NUL} an agent ${LONE}`,
        tool_uses: [
          { name: 'create_agent', input: { name: `bad${NUL}name` } },
          { name: 'create_agent', input: { name: 'nul-writer', system_prompt: `You${NUL} write files.` } },
        ],
      },
      {
        tool_uses: [
          { name: 'command_agent', input: { agent_name: 'nul-writer', command: `write${NUL} it` } },
        ],
      },
      { text: `Dispatched${NUL}.` },
      { text: 'Still here.' },
    ]);
    await scriptModel(`${id}:nul-writer`, [
      { tool_uses: [{ name: 'write_file', input: { path: 'notes.txt', content: `bin${NUL}ary` } }] },
      { text: `Could not${NUL} write it.` },
    ]);
    const stream = await openStream(id, 0);
    const first = await say(id, 'make an agent write a file');
    expect((await turnEnded(stream, first.turn_id)).type).toBe('turn_completed');
    await agentStopped(stream, 'nul-writer');

    // The tools answered: the bad name and the binary write with errors the model can act on.
    const creates = resultsOf(stream.events, 'create_agent');
    expect(creates.map((e) => e.data.is_error)).toEqual([true, false]);
    const [write] = resultsOf(stream.events, 'write_file');
    expect(write?.data.is_error).toBe(true);
    expect(String(write?.data.content)).toContain('U+0000 (NUL)');
    expect((await call(`/api/orchestrators/${id}/files/notes.txt`)).status).toBe(404);

    // Chat history: the text, thinking and tool input, with the characters replaced.
    const history = await call(`/api/orchestrators/${id}/messages?limit=200`);
    expect(history.status).toBe(200);
    const historyText = await history.text();
    expect(historyText).not.toMatch(/\\u0000|\\ud800/i);
    const messages = (JSON.parse(historyText) as { messages: Array<{ kind: string; content: string }> })
      .messages;
    expect(messages.map((m) => m.content)).toEqual(
      expect.arrayContaining([
        `Creating${FFFD} an agent ${FFFD}`,
        `Thinking${FFFD} hard`,
        `Dispatched${FFFD}.`,
      ]),
    );
    expect(historyText).toContain(`You${FFFD} write files.`);

    // Events: every event reached Postgres (the page is flushed first), agent output included.
    const page = await call(`/api/orchestrators/${id}/events?limit=1000`);
    expect(page.status).toBe(200);
    const stored = (await page.json()) as { events: WireEvent[]; last_seq: number };
    expect(stored.events.map((e) => e.seq)).toEqual(
      stream.events.map((e) => e.seq).filter((s) => s <= stored.last_seq),
    );
    const texts = ofType(stored.events, 'text').map((e) => String(e.data.text));
    expect(texts).toEqual(
      expect.arrayContaining([`Creating${FFFD} an agent ${FFFD}`, `Could not${FFFD} write it.`]),
    );

    // The agent and its command were stored.
    const agents = (await (await call(`/api/orchestrators/${id}/agents`)).json()) as {
      agents: Array<{ name: string; status: string }>;
    };
    expect(agents.agents.map((a) => a.name)).toEqual(['nul-writer']);
    const queued = ofType(stream.events, 'command_queued')[0];
    expect(queued?.data.task_slug).toMatch(/^write-it-/);

    // A client replaying the stream from the start gets it all.
    const replay = await openStream(id, 0);
    await replay.waitFor((e) => e.seq === stored.last_seq, 'the replay to catch up');
    replay.close();

    // The orchestrator is not stuck: the next message gets its answer.
    const second = await say(id, 'are you there?');
    expect((await turnEnded(stream, second.turn_id)).type).toBe('turn_completed');
    stream.close();
  });
});
