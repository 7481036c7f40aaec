/** The workflow routes through the typed API client; failures throw ApiError with the server's message. */
import { api, unwrap } from '../../api/client.ts';
import type { Adw, LaneEvent } from './types.ts';

export interface WorkflowType {
  type: string;
  description: string;
}

export interface StartWorkflowInput {
  workflow_type: string;
  name: string;
  prompt: string;
  description?: string;
}

export async function listAdws(
  orchestratorId: string,
  options: { limit?: number; before?: string } = {},
): Promise<{ adws: Adw[]; next_before: string | null }> {
  return unwrap(
    await api.GET('/orchestrators/{id}/adws', {
      params: { path: { id: orchestratorId }, query: { limit: options.limit ?? 50, before: options.before } },
    }),
  );
}

export async function getAdw(id: string): Promise<Adw> {
  return unwrap(await api.GET('/adws/{id}', { params: { path: { id } } }));
}

/** One page of a workflow's events, flattened from the by-step groups into seq order. */
export async function adwEventsPage(
  id: string,
  afterSeq: number,
  limit: number,
): Promise<{ events: LaneEvent[]; nextAfterSeq: number | null }> {
  const page = unwrap(
    await api.GET('/adws/{id}/events', { params: { path: { id }, query: { after_seq: afterSeq, limit } } }),
  );
  const rows: unknown[] = Object.values(page.steps).flat();
  const events = rows.filter(isLaneEvent).sort((a, b) => a.seq - b.seq);
  return { events, nextAfterSeq: page.next_after_seq };
}

export async function startAdw(orchestratorId: string, input: StartWorkflowInput): Promise<Adw> {
  return unwrap(
    await api.POST('/orchestrators/{id}/adws', { params: { path: { id: orchestratorId } }, body: input }),
  );
}

export async function cancelAdw(id: string): Promise<Adw> {
  return unwrap(await api.POST('/adws/{id}/cancel', { params: { path: { id } } }));
}

export async function workflowTypes(orchestratorId: string): Promise<WorkflowType[]> {
  const details = unwrap(await api.GET('/orchestrators/{id}', { params: { path: { id: orchestratorId } } }));
  return details.catalog.workflow_types;
}

function isLaneEvent(value: unknown): value is LaneEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Partial<LaneEvent>;
  return typeof event.seq === 'number' && typeof event.type === 'string' && typeof event.data === 'object';
}
