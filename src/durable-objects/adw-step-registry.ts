/**
 * The workflow steps this object has taken on, in its SQLite, from before their claim until the next
 * step is enqueued, so no claimed step is ever left without an owner (see src/workflows/step-runner.ts).
 * - `adw_steps`: one row per step held, with its phase and the reminders it has had.
 * - `adw_step_results`: how a step in the `finishing` phase ended, until StepEnd is recorded.
 */
import type { AdwStepPhase, AdwStepRecord, StepResult } from '../workflows/step-record.ts';

const SCHEMA = `
  create table if not exists adw_steps (
    adw_id text not null, step_index integer not null, phase text not null, nudges integer not null default 0,
    primary key (adw_id, step_index));
  create table if not exists adw_step_results (
    adw_id text not null, step_index integer not null,
    status text not null check (status in ('completed', 'failed')), error text,
    primary key (adw_id, step_index));
`;

/** Results were kept as JSON in `meta` under `adw_end:<adw id>:<step index>` before they had a table. */
const LEGACY_RESULT_PREFIX = 'adw_end:';

interface StepRow extends Record<string, SqlStorageValue> {
  adw_id: string;
  step_index: number;
  phase: string;
  nudges: number;
  result_status: string | null;
  result_error: string | null;
}

const SELECT_STEPS = `
  select s.adw_id, s.step_index, s.phase, s.nudges, r.status as result_status, r.error as result_error
  from adw_steps s left join adw_step_results r on r.adw_id = s.adw_id and r.step_index = s.step_index`;

export class AdwStepRegistry {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(SCHEMA);
    this.#adoptLegacyResults();
  }

  /** Adds the step unless this object already owns it; true when added. */
  take(adwId: string, stepIndex: number): boolean {
    const cursor = this.sql.exec(
      `insert into adw_steps (adw_id, step_index, phase) values (?, ?, 'claiming') on conflict do nothing`,
      adwId,
      stepIndex,
    );
    return cursor.rowsWritten > 0;
  }

  get(adwId: string, stepIndex: number): AdwStepRecord | undefined {
    const row = this.sql
      .exec<StepRow>(`${SELECT_STEPS} where s.adw_id = ? and s.step_index = ?`, adwId, stepIndex)
      .toArray()[0];
    return row && toRecord(row);
  }

  update(adwId: string, stepIndex: number, change: { phase?: AdwStepPhase; nudges?: number }): void {
    const current = this.get(adwId, stepIndex);
    if (!current) return;
    this.sql.exec(
      'update adw_steps set phase = ?, nudges = ? where adw_id = ? and step_index = ?',
      change.phase ?? current.phase,
      change.nudges ?? current.nudges,
      adwId,
      stepIndex,
    );
  }

  /** Records how the step ended and moves it to `finishing`, in one synchronous step. */
  finish(adwId: string, stepIndex: number, result: StepResult): void {
    this.update(adwId, stepIndex, { phase: 'finishing' });
    this.sql.exec(
      `insert into adw_step_results (adw_id, step_index, status, error) values (?, ?, ?, ?)
       on conflict (adw_id, step_index) do update set status = excluded.status, error = excluded.error`,
      adwId,
      stepIndex,
      result.status,
      result.error,
    );
  }

  remove(adwId: string, stepIndex: number): void {
    this.sql.exec('delete from adw_steps where adw_id = ? and step_index = ?', adwId, stepIndex);
    this.sql.exec('delete from adw_step_results where adw_id = ? and step_index = ?', adwId, stepIndex);
  }

  all(): AdwStepRecord[] {
    return this.sql.exec<StepRow>(`${SELECT_STEPS} order by s.adw_id, s.step_index`).toArray().map(toRecord);
  }

  /**
   * Moves results an earlier version left in `meta` into their table, once: a step that was finishing
   * when the new version was deployed still ends the way it was decided.
   */
  #adoptLegacyResults(): void {
    const legacy = this.sql
      .exec<{ key: string; value: string }>(
        `select key, value from meta where key like '${LEGACY_RESULT_PREFIX}%'`,
      )
      .toArray();
    for (const { key, value } of legacy) {
      const [adwId, stepIndex] = key.slice(LEGACY_RESULT_PREFIX.length).split(':');
      if (adwId && stepIndex !== undefined && /^\d+$/.test(stepIndex)) {
        const result = parseLegacyResult(value);
        this.sql.exec(
          `insert into adw_step_results (adw_id, step_index, status, error) values (?, ?, ?, ?)
           on conflict do nothing`,
          adwId,
          Number(stepIndex),
          result.status,
          result.error,
        );
      }
      this.sql.exec('delete from meta where key = ?', key);
    }
  }
}

function toRecord(row: StepRow): AdwStepRecord {
  return {
    adw_id: row.adw_id,
    step_index: row.step_index,
    phase: row.phase as AdwStepPhase,
    nudges: row.nudges,
    result:
      row.result_status === 'completed' || row.result_status === 'failed'
        ? { status: row.result_status, error: row.result_error }
        : null,
  };
}

function parseLegacyResult(value: string): StepResult {
  try {
    const parsed = JSON.parse(value) as { status?: unknown; error?: unknown };
    return {
      status: parsed.status === 'completed' ? 'completed' : 'failed',
      error: typeof parsed.error === 'string' ? parsed.error : null,
    };
  } catch {
    return { status: 'failed', error: 'unknown' };
  }
}
