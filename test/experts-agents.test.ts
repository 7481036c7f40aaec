/**
 * Experts against the emulator, act → learn → reuse: expert A records what it learned with
 * update_expertise (a new version and an `expertise_updated` event each time), and expert B, created
 * afterwards, finds A's document in its very first model request. An update over the line limit comes
 * back to the model as an is_error tool result and records nothing.
 */
import { describe, expect, it } from 'vitest';
import { call } from './helpers/api.ts';
import { modelRequests, scriptModel } from './helpers/emulator.ts';
import { agentStopped, createOrchestrator, ofType, say, turnEnded } from './helpers/orchestrators.ts';
import { openStream } from './helpers/stream.ts';

interface RequestBody {
  system?: string | { text: string }[];
  tools?: { name: string }[];
  messages: { role: string; content: unknown }[];
}

const systemOf = (body: RequestBody) =>
  typeof body.system === 'string' ? body.system : (body.system ?? []).map((b) => b.text).join('\n');
const create = (name: string, extra: Record<string, unknown>) => ({
  name: 'create_agent',
  input: { name, ...extra },
});
const command = (agent: string, text: string) => ({
  name: 'command_agent',
  input: { agent_name: agent, command: text },
});
const LEARNED = '# WebSocket\n- server: src/ws.ts (hibernatable sockets)\n';

describe('expert agents', () => {
  it('reuse across agents: B, created after A learned, starts with A’s document; over the limit is an error', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [
      { tool_uses: [create('alpha', { template: 'websocket-expert' })] },
      { tool_uses: [command('alpha', 'find the socket server and note where it is')] },
      { text: 'Dispatched.' },
      // The turn alpha's report starts.
      { text: 'alpha has learned.' },
      { tool_uses: [create('beta', { template: 'expert', expertise: 'websocket' })] },
      { tool_uses: [command('beta', 'write down everything')] },
      { text: 'Dispatched.' },
    ]);
    await scriptModel(`${id}:alpha`, [
      {
        tool_uses: [
          {
            name: 'update_expertise',
            input: { content: '# WebSocket\n- server: src/ws.ts\n', reason: 'found the server' },
          },
        ],
      },
      {
        tool_uses: [
          {
            name: 'update_expertise',
            input: {
              edits: [{ old_string: 'src/ws.ts', new_string: 'src/ws.ts (hibernatable sockets)' }],
              reason: 'learned it hibernates',
            },
          },
        ],
      },
      { text: 'Noted.' },
    ]);
    const stream = await openStream(id, 0);
    await turnEnded(stream, (await say(id, 'have a websocket expert learn')).turn_id);
    await agentStopped(stream, 'alpha');
    await stream.waitFor(
      (e) => e.type === 'turn_started' && Boolean(e.data.agent_reports),
      'the report turn',
    );
    await stream.waitFor(() => ofType(stream.events, 'turn_completed').length >= 2, 'the report turn to end');

    const [alphaFirst] = await modelRequests(`${id}:alpha`);
    const alphaBody = alphaFirst?.body as RequestBody;
    expect(systemOf(alphaBody)).toContain('No expertise document exists yet for "websocket"');
    expect(alphaBody.tools?.map((t) => t.name)).toContain('update_expertise');
    const updates = ofType(stream.events, 'expertise_updated');
    expect(updates.map((e) => [e.data.version, e.data.author, e.data.reason])).toEqual([
      [1, 'alpha', 'found the server'],
      [2, 'alpha', 'learned it hibernates'],
    ]);
    expect(updates[1]?.data).toMatchObject({ domain: 'websocket', lines_added: 1, lines_removed: 1 });

    // B is created afterwards, as a domain-neutral expert given the domain at creation.
    const tooLong = Array.from({ length: 1_001 }, (_, n) => `fact ${n}`).join('\n');
    await scriptModel(`${id}:beta`, [
      { tool_uses: [{ name: 'update_expertise', input: { content: tooLong, reason: 'everything' } }] },
      { text: 'Too long; I will condense.' },
    ]);
    await turnEnded(stream, (await say(id, 'now a second expert')).turn_id);
    await agentStopped(stream, 'beta');

    const [betaFirst, betaSecond] = await modelRequests(`${id}:beta`);
    if (!betaFirst || !betaSecond) throw new Error('beta made fewer than two model requests');
    const system = systemOf(betaFirst.body as RequestBody);
    expect(system).toContain('<expertise domain="websocket" version="2" max_lines="1000">');
    expect(system).toContain(LEARNED.trimEnd());
    const refusal = JSON.stringify((betaSecond.body as RequestBody).messages.at(-1)?.content);
    expect(refusal).toContain('"is_error":true');
    expect(refusal).toContain('would have 1001 lines; its limit is 1000 (max_lines)');
    const errors = ofType(stream.events, 'tool_result').filter(
      (e) => e.data.name === 'update_expertise' && e.data.is_error,
    );
    expect(errors).toHaveLength(1);

    const doc = (await (await call(`/api/orchestrators/${id}/experts/websocket`)).json()) as {
      version: number;
      content: string;
    };
    expect(doc).toMatchObject({ version: 2, content: LEARNED });
    expect(ofType(stream.events, 'expertise_updated')).toHaveLength(2);
    stream.close();
  });
});
