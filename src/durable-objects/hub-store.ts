/**
 * The orchestrator Durable Object's own SQLite: hot state only; Postgres is the system of record.
 * - `events`: every event with its `seq`; the outbox of those not yet in Postgres, and a recent
 *   window kept for fast replay.
 * - `conversation_messages`: each conversation's Messages API history, one row per message (no value
 *   near the 2 MB row limit), checkpointed after every response and every batch of tool results.
 * - `tool_ledger`: started/finished state and result of every tool call, keyed by `tool_use_id`.
 * - `runs`: runs in flight, so a restarted object knows what to resume.
 * - `adw_steps` and `adw_step_results`: workflow steps this object has taken on, from before their
 *   claim until the next step is enqueued (see adw-step-registry.ts).
 * All writes are synchronous SQLite calls: within one event-loop turn they commit together.
 */
import type { MessageParam, ToolResultBlockParam } from '@anthropic-ai/sdk/resources/messages';
import type { ConversationStore } from '../agents/loop.ts';
import type { ToolLedger } from '../agents/tool-executor.ts';
import { categoryOf, type EventInput, type WireEvent } from '../events/types.ts';
import type { RunRecord, RuntimeStore } from '../orchestrator/runtime-store.ts';
import { AdwStepRegistry } from './adw-step-registry.ts';
import { AgentReportQueue } from './agent-report-queue.ts';

const SCHEMA = `
  create table if not exists meta (key text primary key, value text not null);
  create table if not exists events (seq integer primary key, json text not null, flushed integer not null default 0);
  create index if not exists events_unflushed on events (flushed, seq);
  create table if not exists conversation_messages (
    conversation_id text not null, idx integer not null, json text not null, primary key (conversation_id, idx));
  create table if not exists tool_ledger (
    tool_use_id text primary key, conversation_id text not null, name text not null, result text);
  create table if not exists runs (
    id text primary key, kind text not null, conversation_id text not null, agent_id text, prompt_id text,
    started_at integer not null);
`;

/** How many already-persisted events stay in SQLite for replay without a Postgres round trip. */
const REPLAY_WINDOW = 5_000;

export function openHubStore(sql: SqlStorage) {
  sql.exec(SCHEMA);
  return {
    events: new EventLog(sql),
    conversations: new Conversations(sql),
    runs: new RunRegistry(sql),
    adwSteps: new AdwStepRegistry(sql),
    meta: new Meta(sql),
    agentReports: new AgentReportQueue(sql),
  };
}

export type HubStore = ReturnType<typeof openHubStore>;

// The runtime's view of this store must stay satisfied by it.
openHubStore satisfies (sql: SqlStorage) => RuntimeStore;

export class Meta {
  constructor(private readonly sql: SqlStorage) {}
  get(key: string): string | undefined {
    const row = this.sql.exec<{ value: string }>('select value from meta where key = ?', key).toArray()[0];
    return row?.value;
  }
  set(key: string, value: string): void {
    this.sql.exec(
      'insert into meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
      key,
      value,
    );
  }
  delete(key: string): void {
    this.sql.exec('delete from meta where key = ?', key);
  }
}

export class EventLog {
  #lastSeq: number;
  constructor(private readonly sql: SqlStorage) {
    this.#lastSeq = sql.exec<{ seq: number | null }>('select max(seq) as seq from events').one().seq ?? 0;
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** Sequences an event: the next `seq`, stored before anyone can see it. */
  append(orchestratorId: string, input: EventInput, now = new Date()): WireEvent {
    const seq = this.#lastSeq + 1;
    const event: WireEvent = {
      seq,
      type: input.type,
      category: categoryOf(input.type),
      ts: now.toISOString(),
      orchestrator_id: orchestratorId,
      ...(input.agentId ? { agent_id: input.agentId } : {}),
      ...(input.adwId ? { adw_id: input.adwId } : {}),
      ...(input.adwStep ? { adw_step: input.adwStep } : {}),
      ...(input.promptId ? { prompt_id: input.promptId } : {}),
      ...(input.summary ? { summary: input.summary } : {}),
      data: input.data,
    };
    // One statement per event: pruning always keeps the newest rows, so max(seq) is the counter.
    this.sql.exec('insert into events (seq, json) values (?, ?)', seq, JSON.stringify(event));
    this.#lastSeq = seq;
    return event;
  }

  unflushed(limit: number): WireEvent[] {
    return this.sql
      .exec<{ json: string }>('select json from events where flushed = 0 order by seq limit ?', limit)
      .toArray()
      .map((row) => JSON.parse(row.json) as WireEvent);
  }

  hasUnflushed(): boolean {
    return this.sql.exec('select 1 from events where flushed = 0 limit 1').toArray().length > 0;
  }

  markFlushed(upToSeq: number): void {
    this.sql.exec('update events set flushed = 1 where seq <= ? and flushed = 0', upToSeq);
    this.sql.exec('delete from events where flushed = 1 and seq <= ?', this.#lastSeq - REPLAY_WINDOW);
  }

  /**
   * Sets the summaries of events still held locally, so a replay from here carries them as a replay
   * from Postgres does (events already pruned are only there, and already have them).
   */
  setSummaries(summaries: ReadonlyArray<{ seq: number; summary: string }>): void {
    for (const { seq, summary } of summaries) {
      this.sql.exec("update events set json = json_set(json, '$.summary', ?) where seq = ?", summary, seq);
    }
  }

  /** The workflow of each of these events still held locally that belongs to one. */
  adwIdsOf(seqs: readonly number[]): Map<number, string> {
    const found = new Map<number, string>();
    for (const seq of seqs) {
      const row = this.sql
        .exec<{ adw_id: string | null }>(
          "select json_extract(json, '$.adw_id') as adw_id from events where seq = ?",
          seq,
        )
        .toArray()[0];
      if (row?.adw_id) found.set(seq, row.adw_id);
    }
    return found;
  }

  /** The oldest seq still held locally (events before it are only in Postgres). */
  oldestLocalSeq(): number | undefined {
    return this.sql.exec<{ seq: number | null }>('select min(seq) as seq from events').one().seq ?? undefined;
  }

  after(afterSeq: number, limit: number): WireEvent[] {
    return this.sql
      .exec<{ json: string }>('select json from events where seq > ? order by seq limit ?', afterSeq, limit)
      .toArray()
      .map((row) => JSON.parse(row.json) as WireEvent);
  }
}

export class Conversations {
  constructor(private readonly sql: SqlStorage) {}

  /** The checkpointed history of one conversation, with the ledger for its tool calls. */
  open(conversationId: string): ConversationStore & ToolLedger {
    const sql = this.sql;
    return {
      messages: () =>
        sql
          .exec<{ json: string }>(
            'select json from conversation_messages where conversation_id = ? order by idx',
            conversationId,
          )
          .toArray()
          .map((row) => JSON.parse(row.json) as MessageParam),
      last: () => {
        const row = sql
          .exec<{ json: string }>(
            'select json from conversation_messages where conversation_id = ? order by idx desc limit 1',
            conversationId,
          )
          .toArray()[0];
        return row ? (JSON.parse(row.json) as MessageParam) : undefined;
      },
      append: (message) => {
        sql.exec(
          `insert into conversation_messages (conversation_id, idx, json)
           values (?, (select coalesce(max(idx), -1) + 1 from conversation_messages where conversation_id = ?), ?)`,
          conversationId,
          conversationId,
          JSON.stringify(message),
        );
      },
      lookup: (toolUseId) => {
        const row = sql
          .exec<{ result: string | null }>('select result from tool_ledger where tool_use_id = ?', toolUseId)
          .toArray()[0];
        if (!row) return undefined;
        return row.result === null
          ? { state: 'started' }
          : { state: 'finished', result: JSON.parse(row.result) as ToolResultBlockParam };
      },
      start: (toolUseId, name) => {
        sql.exec(
          'insert into tool_ledger (tool_use_id, conversation_id, name) values (?, ?, ?) on conflict do nothing',
          toolUseId,
          conversationId,
          name,
        );
      },
      finish: (toolUseId, result) => {
        sql.exec(
          `insert into tool_ledger (tool_use_id, conversation_id, name, result) values (?, ?, '', ?)
           on conflict (tool_use_id) do update set result = excluded.result`,
          toolUseId,
          conversationId,
          JSON.stringify(result),
        );
      },
    };
  }

  /** The last message, rewritten (to close an interrupted turn before the next one starts). */
  replaceLast(conversationId: string, message: MessageParam): void {
    this.sql.exec(
      `update conversation_messages set json = ? where conversation_id = ?
       and idx = (select max(idx) from conversation_messages where conversation_id = ?)`,
      JSON.stringify(message),
      conversationId,
      conversationId,
    );
  }

  clear(conversationId: string): void {
    this.sql.exec('delete from conversation_messages where conversation_id = ?', conversationId);
    this.sql.exec('delete from tool_ledger where conversation_id = ?', conversationId);
  }
}

export class RunRegistry {
  constructor(private readonly sql: SqlStorage) {}
  add(run: RunRecord): void {
    this.sql.exec(
      'insert into runs (id, kind, conversation_id, agent_id, prompt_id, started_at) values (?, ?, ?, ?, ?, ?)',
      run.id,
      run.kind,
      run.conversation_id,
      run.agent_id,
      run.prompt_id,
      run.started_at,
    );
  }
  remove(id: string): void {
    this.sql.exec('delete from runs where id = ?', id);
  }
  all(): RunRecord[] {
    return this.sql
      .exec<RunRecord & Record<string, SqlStorageValue>>('select * from runs order by started_at')
      .toArray();
  }
}
