/**
 * A command the orchestrator dispatched reports back when it ends: the orchestrator gets a turn with
 * the agent's outcome (no polling) and its answer reaches the chat.
 */
import { describe, expect, it } from 'vitest';
import { parseAgentReports } from '../src/orchestrator/agent-report.ts';
import { call } from './helpers/api.ts';
import { modelRequests, scriptModel } from './helpers/emulator.ts';
import { agentStopped, createOrchestrator, ofType, say, turnEnded } from './helpers/orchestrators.ts';
import { openStream, type StreamClient } from './helpers/stream.ts';

const create = (name: string) => ({ name: 'create_agent', input: { name } });
const command = (agent: string, text: string) => ({
  name: 'command_agent',
  input: { agent_name: agent, command: text },
});

interface Request {
  messages: Array<{ role: string; content: string | Array<{ type: string; text?: string }> }>;
}

/** The text of the last user message of a model request. */
function lastUserText(body: unknown): string {
  const messages = (body as Request).messages.filter((m) => m.role === 'user');
  const content = messages.at(-1)?.content ?? '';
  return typeof content === 'string'
    ? content
    : content.map((block) => (block.type === 'text' ? (block.text ?? '') : '')).join('\n');
}

/** Turns started by agent reports, each with the agents it reports on. */
function reportTurns(stream: StreamClient) {
  return ofType(stream.events, 'turn_started').filter((e) => Array.isArray(e.data.agent_reports));
}

describe('agent reports', () => {
  it('tell the orchestrator what a finished command answered, and its reply reaches the chat', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [
      { tool_uses: [create('reader')] },
      { tool_uses: [command('reader', 'read notes.md and tell me what it says')] },
      { text: 'Dispatched reader.' },
      { text: 'reader read notes.md: it says "buy milk".' },
    ]);
    await scriptModel(`${id}:reader`, [{ text: 'notes.md says: buy milk\nand eggs' }]);
    const stream = await openStream(id, 0);
    const { turn_id } = await say(id, 'make a reader and have it read notes.md');
    await turnEnded(stream, turn_id);
    await agentStopped(stream, 'reader');

    const reportTurn = await stream.waitFor(
      (e) => e.type === 'turn_started' && Array.isArray(e.data.agent_reports),
      'a report turn',
    );
    expect(reportTurn.data.agent_reports).toEqual(['reader']);
    await turnEnded(stream, String(reportTurn.data.turn_id));

    const requests = await modelRequests(id);
    const reports = parseAgentReports(lastUserText(requests.at(-1)?.body));
    expect(reports).toEqual([
      {
        agent: 'reader',
        status: 'completed',
        command: 'read notes.md and tell me what it says',
        result: 'notes.md says: buy milk\nand eggs',
        filesChanged: [],
      },
    ]);

    const history = (await (await call(`/api/orchestrators/${id}/messages`)).json()) as {
      messages: Array<{ sender: string; content: string }>;
    };
    expect(history.messages.map((m) => m.content)).toContain('reader read notes.md: it says "buy milk".');
    // The notice is the model's input, not something the person typed: no user bubble for it.
    expect(history.messages.filter((m) => m.sender === 'user')).toHaveLength(1);
    stream.close();
  });

  it('reports every finished command exactly once, also when several end during a turn', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [
      { tool_uses: [create('alpha'), create('beta')] },
      { tool_uses: [command('alpha', 'write a.txt'), command('beta', 'write b.txt')] },
      { text: 'Both dispatched.', delay_ms: 300 },
      { text: 'Report noted.' },
      { text: 'Report noted.' },
    ]);
    for (const agent of ['alpha', 'beta']) {
      await scriptModel(`${id}:${agent}`, [
        { tool_uses: [{ name: 'write_file', input: { path: `${agent[0]}.txt`, content: agent } }] },
        { text: `${agent} wrote its file.` },
      ]);
    }
    const stream = await openStream(id, 0);
    const { turn_id } = await say(id, 'two agents, two files');
    await turnEnded(stream, turn_id);
    await agentStopped(stream, 'alpha');
    await agentStopped(stream, 'beta');
    // Wait until the reports of both agents have been delivered in report turns, then for those turns.
    await stream.waitFor(
      () => reportTurns(stream).flatMap((e) => e.data.agent_reports as string[]).length >= 2,
      'reports of both agents',
    );
    for (const turn of reportTurns(stream)) await turnEnded(stream, String(turn.data.turn_id));

    const reported = reportTurns(stream).flatMap((e) => e.data.agent_reports as string[]);
    expect(reported.sort()).toEqual(['alpha', 'beta']);
    const requests = await modelRequests(id);
    const delivered = requests.flatMap((request) => parseAgentReports(lastUserText(request.body)));
    expect(delivered.map((r) => [r.agent, r.status, r.filesChanged]).sort()).toEqual([
      ['alpha', 'completed', ['a.txt']],
      ['beta', 'completed', ['b.txt']],
    ]);
    stream.close();
  });

  it('reports a failed command with its error', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [
      { tool_uses: [create('broken')] },
      { tool_uses: [command('broken', 'do the thing')] },
      { text: 'Dispatched.' },
      { text: 'broken failed.' },
    ]);
    await scriptModel(`${id}:broken`, [
      { error: { status: 400, type: 'invalid_request_error', message: 'prompt is too long' } },
    ]);
    const stream = await openStream(id, 0);
    const { turn_id } = await say(id, 'make broken do the thing');
    await turnEnded(stream, turn_id);
    await agentStopped(stream, 'broken');
    const reportTurn = await stream.waitFor(
      (e) => e.type === 'turn_started' && Array.isArray(e.data.agent_reports),
      'a report turn',
    );
    await turnEnded(stream, String(reportTurn.data.turn_id));
    const requests = await modelRequests(id);
    const [report] = parseAgentReports(lastUserText(requests.at(-1)?.body));
    expect(report?.status).toBe('failed');
    expect(report?.result).toContain('prompt is too long');
    stream.close();
  });
});
