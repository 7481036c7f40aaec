/**
 * /self-improve with the offline model: a websocket expert checks its expertise document against the
 * workspace, removes the line naming a file that no longer exists through update_expertise (a new
 * version by the agent, with a reason), and, run again, finds the document current.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../helpers/api.ts';
import { ask } from '../helpers/conversation.ts';
import { agentStopped, createOrchestrator, ofType, say } from '../helpers/orchestrators.ts';
import { openStream } from '../helpers/stream.ts';

const DOC = '# WebSocket\n- server: src/ws.ts\n- legacy server: src/old-socket.ts\n- replay after seq\n';

interface History {
  versions: { version: number; author: string; reason: string | null; lines_removed: number }[];
}

describe('an expert running /self-improve offline', () => {
  it('removes the stale line through update_expertise, then finds the document current', async () => {
    const id = await createOrchestrator({ name: 'experts offline' });
    const stream = await openStream(id, 0);
    const created = await ask(id, stream, 'create agent ws as websocket-expert');
    expect(created.replies.at(-1)).toContain('expert in websocket');
    await say(id, 'tell ws to write src/ws.ts: export const server = 1;');
    await agentStopped(stream, 'ws', 1);
    const put = await call(`/api/orchestrators/${id}/experts/websocket`, {
      method: 'PUT',
      json: { content: DOC, reason: 'notes from a review' },
    });
    expect(put.status).toBe(201);

    await say(id, 'tell ws to /self-improve');
    await agentStopped(stream, 'ws', 2);
    const doc = (await (await call(`/api/orchestrators/${id}/experts/websocket`)).json()) as {
      version: number;
      content: string;
    };
    expect(doc).toEqual(
      expect.objectContaining({
        version: 2,
        content: '# WebSocket\n- server: src/ws.ts\n- replay after seq\n',
      }),
    );
    const history = (await (
      await call(`/api/orchestrators/${id}/experts/websocket/versions`)
    ).json()) as History;
    expect(history.versions[0]).toMatchObject({
      version: 2,
      author: 'ws',
      lines_removed: 1,
      reason: 'self-improve: removed 1 line naming paths no longer in the workspace: src/old-socket.ts',
    });
    const update = ofType(stream.events, 'expertise_updated').find((e) => e.data.author === 'ws');
    expect(String(update?.data.diff)).toContain('-- legacy server: src/old-socket.ts');

    await say(id, 'tell ws to /self-improve');
    const again = await agentStopped(stream, 'ws', 3);
    const texts = stream.events.filter(
      (e) => e.type === 'text' && e.agent_id === again.agent_id && e.seq < again.seq,
    );
    expect(String(texts.at(-1)?.data.text)).toContain(
      'The "websocket" expertise document is current (version 2): all 1 workspace paths it names exist.',
    );
    const after = (await (await call(`/api/orchestrators/${id}/experts/websocket`)).json()) as {
      version: number;
    };
    expect(after.version).toBe(2);
    stream.close();
  });
});
