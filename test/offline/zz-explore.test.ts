import { describe, it } from 'vitest';
import { call } from '../helpers/api.ts';
import { agentStopped, createOrchestrator, say, turnSettled } from '../helpers/orchestrators.ts';
import { openStream } from '../helpers/stream.ts';

describe('explore', () => {
  it('runs', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    await turnSettled(stream, (await say(id, 'create agents alpha and beta')).turn_id);
    const t2 = await say(
      id,
      'tell alpha to write a.txt: hello from alpha\nsecond line and tell beta to write b.txt: hi from beta',
    );
    await turnSettled(stream, t2.turn_id);
    await agentStopped(stream, 'alpha');
    await agentStopped(stream, 'beta');
    const files = Array.from({ length: 300 }, (_, i) => `write f${i}.txt: x${i}`).join('\n');
    const t3 = await say(id, `tell alpha to ${files}`);
    await stream.waitFor(
      (e) =>
        e.type === 'PostToolUse' &&
        e.agent_id !== undefined &&
        e.data.tool_name === 'write_file' &&
        String(e.data.result).includes('f0.txt'),
      'first write',
    );
    const t4 = await say(id, 'interrupt alpha');
    await turnSettled(stream, t4.turn_id);
    await agentStopped(stream, 'alpha', 2);
    const list = (await (await call(`/api/orchestrators/${id}/files?limit=5000`)).json()) as {
      files: unknown[];
    };
    console.log('FILES', list.files.length, 't3', t3.turn_id);
    const t5 = await say(id, 'report cost');
    await turnSettled(stream, t5.turn_id);
    for (const e of stream.events)
      if (e.type !== 'text_delta')
        console.log(e.seq, e.type, e.agent_id?.slice(0, 6) ?? '-', JSON.stringify(e.data).slice(0, 230));
    stream.close();
  }, 60_000);
});
