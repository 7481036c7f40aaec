/**
 * The `summarize_events` queue handler: loads the events of the message's
 * seq range that still lack a summary, asks the fast model for all of them in one call, and hands
 * the summaries to the orchestrator's Durable Object, which writes them and broadcasts one
 * `summary_update`. Every event ends with a summary: what the model could not give is filled with
 * the deterministic description, and the offline model (which cannot summarise) is not asked at all.
 *
 * Idempotent under at-least-once, unordered delivery: only events without a summary are loaded and
 * only empty summaries are written, so a redelivered message finds nothing to do.
 */
import { type Database, openDatabase } from '../db/client.ts';
import { unsummarizedEvents } from '../db/event-summaries.ts';
import { spentUsd } from '../db/model-calls.ts';
import { findOrchestrator, type OrchestratorRow } from '../db/orchestrators.ts';
import { fromRow } from '../events/event-rows.ts';
import { createModelClient, type MessagesClient } from '../model/client.ts';
import type { WorkMessage } from '../queues/messages.ts';
import { askForSummaries } from './ask-model.ts';
import { SUMMARIZABLE_TYPES } from './events.ts';
import { withFallbacks } from './fallback.ts';
import { SummarizeEventsMessage, summarizeEventsMessage } from './message.ts';
import { readSummaries, type SummarySubject } from './prompt.ts';
import { recordSummaryCall } from './record-call.ts';

/** Events per model call: the Durable Object asks in batches of at most this many, too. */
export const EVENTS_PER_CALL = 50;

export async function summarizeEvents(message: WorkMessage, env: Env): Promise<void> {
  const parsed = SummarizeEventsMessage.safeParse(message);
  if (!parsed.success) {
    // Retrying cannot fix a malformed message: acknowledge it, loudly.
    console.error('summarize_events: malformed message, dropped', parsed.error.issues, message);
    return;
  }
  const { orchestrator_id: orchestratorId, after_seq: afterSeq, up_to_seq: upToSeq } = parsed.data;
  const handle = openDatabase(env, { maxConnections: 2 });
  try {
    const db = handle.db;
    const orchestrator = await findOrchestrator(db, orchestratorId);
    // Deleted or archived since the events were written: nobody will read these summaries.
    if (!orchestrator || orchestrator.archivedAt) return;
    const rows = await unsummarizedEvents(
      db,
      orchestratorId,
      { afterSeq, upToSeq },
      SUMMARIZABLE_TYPES,
      EVENTS_PER_CALL + 1,
    );
    if (rows.length === 0) return;
    const batch = rows.slice(0, EVENTS_PER_CALL).map(fromRow);
    const { summaries: fromModel, modelCall } = await summariesFromModel(env, db, orchestrator, batch);
    const hub = env.ORCHESTRATOR.get(env.ORCHESTRATOR.idFromName(orchestratorId));
    await hub.applySummaries(orchestratorId, withFallbacks(batch, fromModel), modelCall);
    // A backlog larger than one call (after the queue was unreachable for a while) continues in a new
    // message, so each invocation stays one bounded model call.
    const last = batch.at(-1);
    if (rows.length > EVENTS_PER_CALL && last) {
      await env.WORK_QUEUE.send(summarizeEventsMessage(orchestratorId, last.seq, upToSeq));
    }
  } finally {
    await handle.close();
  }
}

interface ModelSummaries {
  summaries: Map<number, string>;
  /** The `model_call` event data of the call made, if one was. */
  modelCall?: Record<string, unknown>;
}

async function summariesFromModel(
  env: Env,
  db: Database,
  orchestrator: OrchestratorRow,
  batch: readonly SummarySubject[],
): Promise<ModelSummaries> {
  const { client, provider } = createModelClient(env);
  // The offline model follows a command grammar and cannot summarise; its answer would be noise.
  if (provider.provider === 'offline') return { summaries: new Map() };
  // Budgets are checked before every model call; a spent budget costs no more for summaries.
  if (orchestrator.budgetUsd !== null && (await spentUsd(db, orchestrator.id)) >= orchestrator.budgetUsd) {
    return { summaries: new Map() };
  }
  const answer = await ask(client, orchestrator.id, batch);
  if (!answer) return { summaries: new Map() };
  const modelCall = await recordSummaryCall(db, orchestrator.id, answer);
  const asked = new Set(batch.map((event) => event.seq));
  return { summaries: readSummaries(answer.message.content, asked), modelCall };
}

async function ask(client: MessagesClient, orchestratorId: string, batch: readonly SummarySubject[]) {
  try {
    return await askForSummaries(client, batch, { callerId: `${orchestratorId}:summaries` });
  } catch (error) {
    console.warn(
      `orchestrator ${orchestratorId}: summary call failed, using deterministic summaries`,
      error instanceof Error ? error.message : error,
    );
    return undefined;
  }
}
