/**
 * Which Greeks snapshot instants one cron tick should act on. Workers cron runs in UTC every five
 * minutes; the snapshots are 08:00 / 14:00 / 21:30 New York time on trading days
 * (greeks-schedules.ts), so each tick lists the instants that fell in (window start, now] and:
 * - runs the newest one (catch-up is at most one run: a snapshot is a picture of the market now, and
 *   eight stale pictures after an outage would all show the same prices under different labels);
 * - reports the older ones as missed.
 *
 * The window starts at the newest instant already claimed (each instant is claimed once in
 * Postgres), bounded by a lookback so an outage of weeks reports days, not months, of misses. An
 * installation that has never claimed an instant starts with a short window: it has missed nothing
 * before it existed.
 *
 * Pure: the calendar (broker's or bundled), the last claim and `now` come in as values.
 */
import { greeksSnapshotInstantsOn } from '../schedules/greeks-schedules.ts';
import { addDays } from '../schedules/plain-date.ts';
import type { TradingCalendar } from '../schedules/trading-calendar.ts';
import { localDateOf } from '../schedules/wall-clock.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** Misses are reported over at most this much time behind the tick (a long weekend and then some). */
export const SNAPSHOT_LOOKBACK_MS = 4 * 24 * HOUR_MS;
/** Without any earlier claim, only instants this recent count: two cron periods of five minutes. */
export const FIRST_TICK_WINDOW_MS = 10 * MINUTE_MS;

export interface SnapshotTickInput {
  calendar: TradingCalendar;
  /** The tick's scheduled time. */
  now: Date;
  /** The newest instant claimed at or before `now` (cron runs only); null if none ever was. */
  lastClaimed: Date | null;
  lookbackMs?: number;
}

export interface SnapshotTickDecision {
  /** The instant to snapshot now, or null when nothing new fell due. */
  due: Date | null;
  /** Older unclaimed instants in the window, oldest first: not run, reported. */
  missed: Date[];
  /** The window that was looked at, (after, now]. */
  after: Date;
}

/** Every snapshot instant in (after, until], oldest first, trading days only. */
export function snapshotInstantsBetween(calendar: TradingCalendar, after: Date, until: Date): Date[] {
  if (until.getTime() <= after.getTime()) return [];
  const zone = calendar.timeZone;
  const instants: Date[] = [];
  const last = localDateOf(until, zone);
  for (let date = localDateOf(after, zone); date <= last; date = addDays(date, 1)) {
    for (const instant of greeksSnapshotInstantsOn(calendar, date)) {
      if (instant.getTime() > after.getTime() && instant.getTime() <= until.getTime()) instants.push(instant);
    }
  }
  return instants;
}

export function decideSnapshotTick(input: SnapshotTickInput): SnapshotTickDecision {
  const nowMs = input.now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError('now is not a valid instant');
  const lookbackMs = input.lookbackMs ?? SNAPSHOT_LOOKBACK_MS;
  const floor = nowMs - (input.lastClaimed === null ? FIRST_TICK_WINDOW_MS : lookbackMs);
  const afterMs = Math.max(floor, input.lastClaimed?.getTime() ?? floor);
  const after = new Date(afterMs);
  const instants = snapshotInstantsBetween(input.calendar, after, input.now);
  const due = instants.pop() ?? null;
  return { due, missed: instants, after };
}
