/**
 * The orchestrator's own turn, interrupted while it works (by a new message or POST /interrupt),
 * with the offline model; the system log it leaves, read back in words ("logs"). A turn that creates
 * twenty agents is still at work when the next request arrives: its model call and twenty database
 * writes take far longer than one more HTTP request.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../helpers/api.ts';
import { ask, exchangeOf, resultOf } from '../helpers/conversation.ts';
import { createOrchestrator, ofType, say, turnEnded } from '../helpers/orchestrators.ts';
import { openStream } from '../helpers/stream.ts';

const BUSY_TURN = `create agents ${Array.from({ length: 20 }, (_, n) => `w${n}`).join(', ')}`;

interface HistoryJson {
  messages: Array<{ sender: string; kind: string; content: string; turn_id: string; interrupted: boolean }>;
}

async function historyOf(id: string): Promise<HistoryJson['messages']> {
  return ((await (await call(`/api/orchestrators/${id}/messages?limit=200`)).json()) as HistoryJson).messages;
}

describe('interrupting the orchestrator’s turn with the offline model', () => {
  it('a new message interrupts the running turn, which is logged and marked in history', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    const busy = await say(id, BUSY_TURN);
    const next = await say(id, 'list agents');
    expect(next.interrupted_turn_id).toBe(busy.turn_id);
    expect((await turnEnded(stream, busy.turn_id)).type).toBe('turn_interrupted');
    await exchangeOf(stream, next.turn_id);

    const log = ofType(stream.events, 'system_log').find((e) => e.data.turn_id === busy.turn_id);
    expect(log?.data).toMatchObject({ level: 'warning', message: 'The running turn was interrupted.' });
    const history = await historyOf(id);
    const busyMessages = history.filter((m) => m.turn_id === busy.turn_id);
    expect(busyMessages.find((m) => m.sender === 'user')?.content).toBe(BUSY_TURN);
    expect(busyMessages.every((m) => m.interrupted)).toBe(true);
    expect(history.filter((m) => m.turn_id === next.turn_id).every((m) => !m.interrupted)).toBe(true);

    // The orchestrator reads its own log in words.
    const logs = await ask(id, stream, 'show logs');
    expect(logs.replies[0]).toBe('[offline model] Calling read_system_logs.');
    expect(resultOf(logs, 'read_system_logs')).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z WARNING The running turn was interrupted\.$/,
    );
    stream.close();
  });

  it('the message that interrupted a turn is carried out, not dropped', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    const busy = await say(id, BUSY_TURN);
    const next = await say(id, 'list agents');
    expect(next.interrupted_turn_id).toBe(busy.turn_id);
    const reply = await exchangeOf(stream, next.turn_id);
    expect(reply.end).toBe('turn_completed');
    // The user asked for list_agents; whatever the interrupted turn left behind, that must run.
    expect(
      reply.results.map((e) => e.data.name),
      `reply to "list agents": ${reply.replies.join(' / ')}`,
    ).toContain('list_agents');
    stream.close();
  });

  it('POST /interrupt stops the running turn; logs are empty before and say so', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    const empty = await ask(id, stream, 'logs');
    expect(resultOf(empty, 'read_system_logs')).toBe('No matching log lines.');
    expect(empty.replies.at(-1)).toBe(
      '[offline model] Tool results:\n- read_system_logs: No matching log lines.',
    );

    const busy = await say(id, BUSY_TURN);
    const response = await call(`/api/orchestrators/${id}/interrupt`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ interrupted_turn_id: busy.turn_id });
    const end = await turnEnded(stream, busy.turn_id);
    expect(end.type).toBe('turn_interrupted');
    expect(end.data.status).toBe('interrupted');
    const idle = await call(`/api/orchestrators/${id}/interrupt`, { method: 'POST' });
    expect(await idle.json()).toEqual({ interrupted_turn_id: null });
    const live = (await (await call(`/api/orchestrators/${id}`)).json()) as {
      live: { turn_running: boolean };
    };
    expect(live.live.turn_running).toBe(false);
    stream.close();
  });
});
