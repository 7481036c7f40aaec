/** Shortcuts for orchestrator tests: create one, talk to it, wait for its turn to end. */
import { env } from 'cloudflare:test';
import type { WireEvent } from '../../src/events/types.ts';
import { call } from './api.ts';
import type { StreamClient } from './stream.ts';

export async function createOrchestrator(body: Record<string, unknown> = {}): Promise<string> {
  const response = await call('/api/orchestrators', { method: 'POST', json: { name: 'test', ...body } });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** The orchestrator's Durable Object, for RPC calls and runInDurableObject. */
export function hubOf(orchestratorId: string) {
  return env.ORCHESTRATOR.get(env.ORCHESTRATOR.idFromName(orchestratorId));
}

export async function say(
  orchestratorId: string,
  message: string,
): Promise<{ turn_id: string; interrupted_turn_id: string | null }> {
  const response = await call(`/api/orchestrators/${orchestratorId}/messages`, {
    method: 'POST',
    json: { message },
  });
  if (response.status !== 202) throw new Error(`send failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { turn_id: string; interrupted_turn_id: string | null };
}

const TURN_END = new Set(['turn_completed', 'turn_interrupted', 'turn_failed']);

export function turnEnded(stream: StreamClient, turnId: string): Promise<WireEvent> {
  return stream.waitFor(
    (e) => TURN_END.has(e.type) && e.data.turn_id === turnId,
    `the end of turn ${turnId}`,
  );
}

/** Resolves once the turn's closing bookkeeping (the totals update) has been sent too. */
export async function turnSettled(stream: StreamClient, turnId: string): Promise<WireEvent> {
  const end = await turnEnded(stream, turnId);
  await stream.waitFor((e) => e.type === 'orchestrator_updated' && e.seq > end.seq, 'the totals update');
  return end;
}

/** Resolves when the agent's current command has stopped (its Stop hook). */
export function agentStopped(stream: StreamClient, agentName: string, nth = 1): Promise<WireEvent> {
  return stream
    .waitFor(() => {
      const agentId = stream.events.find(
        (e) => e.type === 'agent_created' && (e.data.agent as { name?: string }).name === agentName,
      )?.agent_id;
      return stream.events.filter((e) => e.type === 'Stop' && e.agent_id === agentId).length >= nth;
    }, `${agentName} to stop ${nth} time(s)`)
    .then(() => {
      const agentId = stream.events.find(
        (e) => e.type === 'agent_created' && (e.data.agent as { name?: string }).name === agentName,
      )?.agent_id;
      return stream.events.filter((e) => e.type === 'Stop' && e.agent_id === agentId)[nth - 1] as WireEvent;
    });
}

export function ofType(events: WireEvent[], type: string): WireEvent[] {
  return events.filter((event) => event.type === type);
}
