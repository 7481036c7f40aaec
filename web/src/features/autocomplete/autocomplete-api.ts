/** The autocomplete endpoints through the typed client (schema.d.ts). */
import { api, unwrap } from '../../api/client.ts';
import type { FeedbackBody } from './autocomplete-controller.ts';
import type { Completion } from './autocomplete-model.ts';

export async function requestCompletions(
  orchestratorId: string,
  text: string,
  cursor: number,
  signal: AbortSignal,
): Promise<{ completions: Completion[]; timed_out: boolean }> {
  return unwrap(
    await api.POST('/orchestrators/{id}/autocomplete', {
      params: { path: { id: orchestratorId } },
      body: { text, cursor },
      signal,
    }),
  );
}

export async function sendFeedback(orchestratorId: string, body: FeedbackBody): Promise<void> {
  unwrap(
    await api.POST('/orchestrators/{id}/autocomplete/feedback', {
      params: { path: { id: orchestratorId } },
      body,
    }),
  );
}
