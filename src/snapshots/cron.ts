/**
 * The snapshot part of the Worker's cron tick (every five minutes, UTC): work out which New York
 * snapshot instant fell due since the last claimed one (due-instants.ts, on the broker's cached
 * calendar or the bundled one), record older unclaimed instants as missed runs, claim the newest and
 * enqueue it. Claims go through the partial unique index on cron runs' snapshot_at, so a repeated or
 * concurrent tick cannot run an instant twice. Short by design: the queue does the work. Each tick
 * also ends runs that were lost (lost-runs.ts) as failed.
 */
import type { Database } from '../db/client.ts';
import { addDays } from '../schedules/plain-date.ts';
import { localDateOf } from '../schedules/wall-clock.ts';
import type { BrokerEnvironment } from '../trading/broker/factory.ts';
import { snapshotCalendar } from './calendar-cache.ts';
import { parseUnderlyings } from './config.ts';
import { decideSnapshotTick, SNAPSHOT_LOOKBACK_MS } from './due-instants.ts';
import { lostRuns } from './lost-runs.ts';
import { type OptionSnapshotRunMessage, optionSnapshotRunMessage } from './message.ts';
import {
  claimCronRun,
  lastClaimedInstant,
  markRunLost,
  recordMissedRun,
  releaseCronRun,
  runningRuns,
} from './runs-store.ts';
import { openSnapshotSource } from './source.ts';

/**
 * What snapshots read from the Worker's env: the broker settings, the underlyings to take, and
 * optionally the account whose market data to use (source.ts has the rule without it).
 */
export type SnapshotEnvironment = BrokerEnvironment & {
  SNAPSHOT_UNDERLYINGS?: string | undefined;
  SNAPSHOT_ACCOUNT_ID?: string | undefined;
};

export interface SnapshotTickDeps {
  db: Database;
  env: SnapshotEnvironment;
  enqueue: (message: OptionSnapshotRunMessage) => Promise<void>;
}

export interface SnapshotTickReport {
  /** Runs found lost (still running long after they started) and marked failed. */
  lost: number;
  /** The instant claimed and enqueued by this tick (ISO), if any. */
  enqueued: string | null;
  /** Instants newly recorded as missed. */
  missed: number;
  calendar: 'broker' | 'cache' | 'bundled';
}

const ZONE = 'America/New_York';

export async function snapshotTick(
  deps: SnapshotTickDeps,
  scheduledTime: number,
): Promise<SnapshotTickReport> {
  // First, so a tick that fails later (no calendar, no queue) still ends the lost runs.
  const lost = await reapLostRuns(deps.db);
  const now = new Date(scheduledTime);
  const underlyings = parseUnderlyings(deps.env.SNAPSHOT_UNDERLYINGS);
  const lastClaimed = await lastClaimedInstant(deps.db, now);
  // The calendar is only needed for the dates the window can reach.
  const from = localDateOf(new Date(scheduledTime - SNAPSHOT_LOOKBACK_MS), ZONE);
  const to = addDays(localDateOf(now, ZONE), 1);
  const source = await openSnapshotSource(deps.db, deps.env, deps.env.SNAPSHOT_ACCOUNT_ID).catch(
    (error: unknown) => {
      console.error('option snapshots: no market-data source for the calendar, using the bundled one', error);
      return null;
    },
  );
  const choice = await snapshotCalendar(source?.broker ?? null, source?.account.id ?? '', from, to);
  if (choice.fallbackReason)
    console.warn(
      `option snapshots: broker calendar unavailable (${choice.fallbackReason}); bundled calendar used`,
    );

  const decision = decideSnapshotTick({ calendar: choice.calendar, now, lastClaimed });
  const report: SnapshotTickReport = { lost, enqueued: null, missed: 0, calendar: choice.source };
  for (const instant of decision.missed) {
    const reason =
      `missed: the cron did not run at ${instant.toISOString()}; only the most recent instant ` +
      `(${decision.due?.toISOString()}) was caught up`;
    if (await recordMissedRun(deps.db, instant, underlyings, reason, now)) report.missed += 1;
  }
  if (decision.due) {
    const run = await claimCronRun(deps.db, decision.due, underlyings);
    if (run) {
      try {
        await deps.enqueue(optionSnapshotRunMessage(run.id, source?.account.id));
      } catch (error) {
        // Unclaimed again, so the next tick retries instead of leaving a run nobody executes.
        await releaseCronRun(deps.db, run.id);
        throw error;
      }
      report.enqueued = run.snapshotAt.toISOString();
    }
  }
  return report;
}

/** Marks the lost runs (lost-runs.ts) failed; how many this tick ended. */
async function reapLostRuns(db: Database): Promise<number> {
  const { runs, now } = await runningRuns(db);
  if (!now) return 0;
  let ended = 0;
  for (const run of lostRuns(runs, now)) {
    if (await markRunLost(db, run, now)) {
      ended += 1;
      console.warn(`option snapshots: run ${run.id} ${run.error}`);
    }
  }
  return ended;
}
