/**
 * Interrupting a command agent in words while it runs, with the offline model. The offline model
 * answers at once, so the only thing that takes time is the work it asks for: a command that writes
 * a hundred files keeps the agent busy long enough to be interrupted in the middle.
 */
import { describe, expect, it } from 'vitest';
import { agentIdOf, ask, exchangeOf, filePaths } from '../helpers/conversation.ts';
import { agentStopped, createOrchestrator, ofType, say } from '../helpers/orchestrators.ts';
import { openStream } from '../helpers/stream.ts';

/** The interrupt lands within the first few writes; the rest must not run. */
const BULK_FILES = 120;

/** alpha gets a long command (one file per line) and, queued behind it, a short one. */
const LONG_THEN_SHORT = [
  'tell alpha to write bulk/f000.txt: 0',
  ...Array.from(
    { length: BULK_FILES - 1 },
    (_, n) => `write bulk/f${String(n + 1).padStart(3, '0')}.txt: ${n + 1}`,
  ),
  'tell alpha to write after.txt: queued behind the long command',
].join('\n');

describe('interrupting a running agent with the offline model', () => {
  it('stops the running command, says so, and runs the queued command next', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    await ask(id, stream, 'create agent alpha');
    const alpha = agentIdOf(stream, 'alpha');

    const commands = await ask(id, stream, LONG_THEN_SHORT);
    expect(commands.results.map((e) => String(e.data.content))).toEqual([
      'Command dispatched to alpha; it runs in the background.',
      'Command queued for alpha behind 1 other command(s); they run one at a time.',
    ]);
    // alpha has decided on its writes and is about to run them: it is running now.
    await stream.waitFor(
      (e) => e.type === 'text' && e.agent_id === alpha && String(e.data.text).includes('write_file'),
      'alpha to start writing',
    );
    const interrupt = await say(id, 'interrupt alpha');

    const stopped = await agentStopped(stream, 'alpha', 1);
    expect(stopped.data.reason).toBe('interrupted');
    const reply = await exchangeOf(stream, interrupt.turn_id);
    expect(reply.end).toBe('turn_completed');
    expect(reply.replies).toEqual([
      '[offline model] Calling interrupt_agent.',
      "[offline model] Tool results:\n- interrupt_agent: Interrupted alpha's current command.",
    ]);

    // The queued command was not dropped: it ran after the interrupted one, to completion.
    const next = await agentStopped(stream, 'alpha', 2);
    expect(next.data.reason).toBe('completed');
    expect(await filePaths(id, 'after.txt'), 'the queued command wrote its file').toEqual(['after.txt']);
    const prompts = ofType(stream.events, 'UserPromptSubmit').filter((e) => e.agent_id === alpha);
    expect(prompts.map((e) => String(e.data.prompt).split('\n')[0])).toEqual([
      'write bulk/f000.txt: 0',
      'write after.txt: queued behind the long command',
    ]);
    expect(prompts[1]?.seq).toBeGreaterThan(stopped.seq);
    stream.close();
  }, 60_000);

  it('an interrupted command stops writing: it does not go on to write every file it was given', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    await ask(id, stream, 'create agent alpha');
    const alpha = agentIdOf(stream, 'alpha');
    await ask(id, stream, LONG_THEN_SHORT.split('\n').slice(0, BULK_FILES).join('\n'));
    await stream.waitFor(
      (e) => e.type === 'text' && e.agent_id === alpha && String(e.data.text).includes('write_file'),
      'alpha to start writing',
    );
    const interrupt = await say(id, 'interrupt alpha');
    const requested = await stream.waitFor(
      (e) => e.type === 'PreToolUse' && e.agent_id === undefined && e.data.tool_name === 'interrupt_agent',
      'the interrupt_agent call',
    );
    const stopped = await agentStopped(stream, 'alpha', 1);
    expect(stopped.data.reason).toBe('interrupted');
    await exchangeOf(stream, interrupt.turn_id);

    // Writes alpha started after the interrupt had been asked for. One may already be under way
    // when the interrupt lands; the rest of the batch must not run.
    const startedAfter = stream.events.filter(
      (e) =>
        e.type === 'PreToolUse' &&
        e.agent_id === alpha &&
        e.data.tool_name === 'write_file' &&
        e.seq > requested.seq,
    );
    expect(startedAfter.length, 'write_file calls started after interrupt_agent').toBeLessThanOrEqual(2);
    expect((await filePaths(id, 'bulk')).length).toBeLessThan(BULK_FILES);
    stream.close();
  }, 60_000);
});
