/**
 * A chain run's own SQLite: the run's spec and state (one row), and every message its socket carried,
 * numbered from 1, so a socket that connects late or reconnects is replayed the whole history.
 * All writes are synchronous: a message is stored before any socket sees it.
 */
import type { ChainMessage, ChainMessageBody } from '../chains/channel-messages.ts';
import type { ChainRunEnding } from '../db/chain-runs.ts';

const SCHEMA = `
  create table if not exists chain_run (id integer primary key check (id = 1), json text not null);
  create table if not exists chain_messages (seq integer primary key, json text not null);
`;

/** What a run was started with. */
export interface ChainRunSpec {
  run_id: string;
  /** A registered chain's name (src/chains/registry.ts), or a name of the caller's own agents. */
  chain: string;
  params: Record<string, unknown>;
  /** The sentence the parameters came from, if any. */
  request: string | null;
  orchestrator_id: string | null;
  /** Caps every agent's timeout (and is the default for agents without one). */
  timeout_ms?: number;
}

export interface ChainRunState {
  spec: ChainRunSpec;
  status: 'running' | 'succeeded' | 'failed';
  /** Set once the run ended and until Postgres has the ending (a failed write is retried). */
  unsavedEnding?: ChainRunEnding;
}

export class ChainRunStore {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(SCHEMA);
  }

  get state(): ChainRunState | undefined {
    const row = this.sql.exec<{ json: string }>('select json from chain_run where id = 1').toArray()[0];
    return row ? (JSON.parse(row.json) as ChainRunState) : undefined;
  }

  set state(state: ChainRunState) {
    this.sql.exec(
      'insert into chain_run (id, json) values (1, ?) on conflict (id) do update set json = excluded.json',
      JSON.stringify(state),
    );
  }

  get lastSeq(): number {
    const row = this.sql.exec<{ seq: number | null }>('select max(seq) as seq from chain_messages').one();
    return row.seq ?? 0;
  }

  /** Numbers and stores a message; returns it serialised, as every socket gets it. */
  append(runId: string, body: ChainMessageBody, timestamp: string): string {
    const message: ChainMessage = { ...body, run_id: runId, seq: this.lastSeq + 1, timestamp };
    const json = JSON.stringify(message);
    this.sql.exec('insert into chain_messages (seq, json) values (?, ?)', message.seq, json);
    return json;
  }

  /** Every stored message as sent, in order. */
  history(): string[] {
    return this.sql
      .exec<{ json: string }>('select json from chain_messages order by seq')
      .toArray()
      .map((row) => row.json);
  }
}
