/**
 * An event as a Postgres `events` row and back: the wire form is snake_case with an ISO timestamp,
 * the row camelCase with nulls for what the event leaves out. Pure.
 */
import type { EventRow, StoredEvent } from '../db/events.ts';
import type { WireEvent } from './types.ts';

export function toRow(event: WireEvent): EventRow {
  return {
    orchestratorId: event.orchestrator_id,
    seq: event.seq,
    type: event.type,
    category: event.category,
    agentId: event.agent_id ?? null,
    adwId: event.adw_id ?? null,
    adwStep: event.adw_step ?? null,
    promptId: event.prompt_id ?? null,
    summary: event.summary ?? null,
    data: event.data,
    createdAt: new Date(event.ts),
  };
}

export function fromRow(row: StoredEvent): WireEvent {
  return {
    seq: row.seq,
    type: row.type as WireEvent['type'],
    category: row.category as WireEvent['category'],
    ts: row.createdAt.toISOString(),
    orchestrator_id: row.orchestratorId,
    ...(row.agentId ? { agent_id: row.agentId } : {}),
    ...(row.adwId ? { adw_id: row.adwId } : {}),
    ...(row.adwStep ? { adw_step: row.adwStep } : {}),
    ...(row.promptId ? { prompt_id: row.promptId } : {}),
    ...(row.summary ? { summary: row.summary } : {}),
    data: row.data,
  };
}
