/**
 * Talking to an orchestrator the way a user does (a message over REST, the answer on the WebSocket),
 * and picking one turn's reply and tool results out of the stream.
 */
import type { WireEvent } from '../../src/events/types.ts';
import { call } from './api.ts';
import { say, turnSettled } from './orchestrators.ts';
import type { StreamClient } from './stream.ts';

export interface Exchange {
  turnId: string;
  /** How the turn ended: turn_completed, turn_interrupted or turn_failed. */
  end: WireEvent['type'];
  /** The orchestrator's own text blocks in this turn, in order. */
  replies: string[];
  /** The tool_result events of this turn (the orchestrator's, not its agents'). */
  results: WireEvent[];
}

/** Sends a message and waits for its turn to settle (the totals update included). */
export async function ask(id: string, stream: StreamClient, message: string): Promise<Exchange> {
  const { turn_id } = await say(id, message);
  return exchangeOf(stream, turn_id);
}

/** The reply and tool results of a turn, once it has settled. */
export async function exchangeOf(stream: StreamClient, turnId: string): Promise<Exchange> {
  const end = await turnSettled(stream, turnId);
  const start = stream.events.find((e) => e.type === 'turn_started' && e.data.turn_id === turnId);
  const inTurn = stream.events.filter(
    (e) => e.agent_id === undefined && e.seq > (start?.seq ?? 0) && e.seq < end.seq,
  );
  return {
    turnId,
    end: end.type,
    replies: inTurn.filter((e) => e.type === 'text').map((e) => String(e.data.text)),
    results: inTurn.filter((e) => e.type === 'tool_result'),
  };
}

/** The full text of the turn's result of `tool` (the reply only quotes the first line). */
export function resultOf(exchange: Exchange, tool: string): string {
  const result = exchange.results.find((e) => e.data.name === tool);
  if (!result) throw new Error(`no ${tool} result in turn ${exchange.turnId}`);
  return String(result.data.content);
}

/** The id the stream announced for an agent (its latest agent_created). */
export function agentIdOf(stream: StreamClient, name: string): string {
  const created = stream.events.findLast(
    (e) => e.type === 'agent_created' && (e.data.agent as { name?: string }).name === name,
  );
  if (!created?.agent_id) throw new Error(`no agent_created for ${name}`);
  return created.agent_id;
}

/** A workspace file's current content, read through REST. */
export async function fileContent(id: string, path: string): Promise<string> {
  const response = await call(`/api/orchestrators/${id}/files/${path}`);
  if (response.status !== 200) throw new Error(`read ${path}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { content: string }).content;
}

/** The paths of the live workspace files under a prefix, through REST. */
export async function filePaths(id: string, prefix = ''): Promise<string[]> {
  const response = await call(
    `/api/orchestrators/${id}/files?limit=5000&prefix=${encodeURIComponent(prefix)}`,
  );
  if (response.status !== 200) throw new Error(`list: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { files: Array<{ path: string }> }).files.map((f) => f.path);
}

/** The last event seq the server has stored, through REST. */
export async function lastSeq(id: string): Promise<number> {
  const response = await call(`/api/orchestrators/${id}/events?limit=1`);
  return ((await response.json()) as { last_seq: number }).last_seq;
}
