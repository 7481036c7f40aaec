/**
 * The offline model in plain words, through REST and the WebSocket: "list agents" names every agent,
 * "create an agent called scout and ask it to …" creates and commands scout (never an agent named
 * "it"), the agent's report comes back to the chat, a read-only agent says it cannot write, and
 * "help" gets the grammar.
 */
import { describe, expect, it } from 'vitest';
import { ORCHESTRATOR_GRAMMAR } from '../../src/model/offline/grammar.ts';
import { call } from '../helpers/api.ts';
import { ask, exchangeOf, fileContent, resultOf } from '../helpers/conversation.ts';
import { agentStopped, createOrchestrator, ofType } from '../helpers/orchestrators.ts';
import { openStream, type StreamClient } from '../helpers/stream.ts';

async function agentNames(id: string): Promise<string[]> {
  const response = await call(`/api/orchestrators/${id}/agents`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { agents: Array<{ name: string }> }).agents.map((a) => a.name);
}

/** The turn an agent's report started (the n-th report turn naming it), once it has settled. */
async function reportTurnFor(stream: StreamClient, agent: string) {
  const started = await stream.waitFor(
    (e) =>
      e.type === 'turn_started' &&
      Array.isArray(e.data.agent_reports) &&
      (e.data.agent_reports as string[]).includes(agent),
    `a report turn for ${agent}`,
  );
  return exchangeOf(stream, String(started.data.turn_id));
}

describe('the offline model in plain words', () => {
  it('"list agents" names every agent in its reply', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    const created = await ask(id, stream, 'create three agents named ada, bob and cy');
    expect(created.results.map((e) => [e.data.name, e.data.is_error])).toEqual([
      ['create_agent', false],
      ['create_agent', false],
      ['create_agent', false],
    ]);
    const listed = await ask(id, stream, 'list agents');
    const reply = listed.replies.at(-1) ?? '';
    for (const name of ['ada', 'bob', 'cy']) expect(reply).toContain(`- ${name} [idle]`);
    expect(reply).toBe(
      `[offline model] Tool results:\n- list_agents:\n  ${resultOf(listed, 'list_agents').split('\n').join('\n  ')}`,
    );
    const doing = await ask(id, stream, 'what are my agents doing?');
    expect(resultOf(doing, 'list_agents').split('\n')).toHaveLength(3);
    stream.close();
  });

  it('"create an agent called scout and ask it to write …" creates scout, commands scout, and reports back', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    const exchange = await ask(id, stream, 'create an agent called scout and ask it to write notes/x.md: hi');
    expect(exchange.replies[0]).toBe('[offline model] Calling create_agent, command_agent.');
    expect(exchange.results.map((e) => [e.data.name, e.data.is_error])).toEqual([
      ['create_agent', false],
      ['command_agent', false],
    ]);
    expect(resultOf(exchange, 'command_agent')).toContain('scout');
    expect(await agentNames(id)).toEqual(['scout']);

    await agentStopped(stream, 'scout');
    expect(await fileContent(id, 'notes/x.md')).toBe('hi');
    // The agent's outcome comes back as the orchestrator's next turn, answered in the chat.
    const report = await reportTurnFor(stream, 'scout');
    expect(report.results).toEqual([]);
    expect(report.replies).toHaveLength(1);
    expect(report.replies[0]).toMatch(/^\[offline model\] scout finished:/);
    expect(report.replies[0]).toContain('- write_file: ');
    expect(report.replies[0]).toMatch(/\nFiles changed: notes\/x\.md\.$/);

    // "it" in a later message still means scout; no agent is ever named "it".
    const again = await ask(id, stream, 'tell it to read notes/x.md');
    expect(again.results.map((e) => e.data.name)).toEqual(['command_agent']);
    await agentStopped(stream, 'scout', 2);
    expect(await agentNames(id)).toEqual(['scout']);
    stream.close();
  });

  it('a read-only agent asked to write says it has no write tool', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    await ask(id, stream, 'create agent looker as scout and tell it to write a.md: x');
    await agentStopped(stream, 'looker');
    const report = await reportTurnFor(stream, 'looker');
    expect(report.replies[0]).toContain(
      "looker finished: [offline model] I can't write files: I have no write_file tool. My tools: ",
    );
    expect(report.replies[0]).toContain('read_file');
    expect(report.replies[0]).toMatch(/\nNo files changed\.$/);
    stream.close();
  });

  it('"help" answers with the grammar and calls nothing; a pronoun with no agent gets a hint', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    const help = await ask(id, stream, 'help');
    expect(help.results).toEqual([]);
    expect(help.replies).toEqual([
      '[offline model] This is the built-in offline model, not an AI: it follows a fixed grammar ' +
        `(case-insensitive).\n\n${ORCHESTRATOR_GRAMMAR}`,
    ]);
    const orphan = await ask(id, stream, 'ask it to write notes/x.md: hi');
    expect(orphan.results).toEqual([]);
    expect(orphan.replies[0]).toContain('"it" names no agent yet');
    expect(await agentNames(id)).toEqual([]);
    expect(ofType(stream.events, 'agent_created')).toEqual([]);
    stream.close();
  });
});
