import { describe, expect, it } from 'vitest';
import { bundledNyseCalendar } from './bundled-calendar.ts';
import { decideCronTick, type ScheduleState } from './cron-tick.ts';
import { dueRuns } from './due-runs.ts';
import { dailyAtLocalTime, greeksSnapshotInstantsOn, greeksSnapshotSchedules } from './greeks-schedules.ts';
import { addDays } from './plain-date.ts';
import { validateSchedule } from './schedule.ts';
import { localDateOf } from './wall-clock.ts';

const calendar = bundledNyseCalendar();
const FIVE_MINUTES = 5 * 60_000;

/** Every Greeks snapshot instant in (from, to], sorted, from the wall-clock helper and the calendar. */
function expectedSnapshots(from: string, to: string): string[] {
  const instants: string[] = [];
  // The New York dates around the UTC window: a 21:30 snapshot is already the next day in UTC.
  for (
    let date = addDays(from.slice(0, 10), -1);
    date <= addDays(to.slice(0, 10), 1);
    date = addDays(date, 1)
  ) {
    instants.push(...greeksSnapshotInstantsOn(calendar, date).map((instant) => instant.toISOString()));
  }
  return instants
    .filter((instant) => instant > new Date(from).toISOString() && instant <= new Date(to).toISOString())
    .sort();
}

/** Runs the UTC cron every 5 minutes from `from` to `to`, carrying each schedule's last check forward. */
function simulateTicks(from: string, to: string): string[] {
  let states: ScheduleState[] = greeksSnapshotSchedules().map((schedule) => ({
    schedule,
    last_checked: new Date(from),
  }));
  const enqueued: string[] = [];
  for (let time = Date.parse(from) + FIVE_MINUTES; time <= Date.parse(to); time += FIVE_MINUTES) {
    const decision = decideCronTick(states, time);
    expect(decision.missed).toEqual([]);
    enqueued.push(...decision.enqueue.map((run) => run.scheduled_for));
    const checkedThrough = new Map(
      decision.checked.map((check) => [check.schedule_id, check.checked_through]),
    );
    states = states.map((state) => ({
      schedule: state.schedule,
      last_checked: new Date(checkedThrough.get(state.schedule.id) ?? state.last_checked),
    }));
  }
  return enqueued;
}

describe('the Greeks snapshot schedules', () => {
  it('are three valid New York schedules on trading days', () => {
    const schedules = greeksSnapshotSchedules();
    expect(schedules).toEqual([
      {
        id: 'greeks-snapshot-0800',
        cron: '0 8 * * MON-FRI',
        timezone: 'America/New_York',
        trading_days_only: true,
        paused: false,
      },
      {
        id: 'greeks-snapshot-1400',
        cron: '0 14 * * MON-FRI',
        timezone: 'America/New_York',
        trading_days_only: true,
        paused: false,
      },
      {
        id: 'greeks-snapshot-2130',
        cron: '30 21 * * MON-FRI',
        timezone: 'America/New_York',
        trading_days_only: true,
        paused: false,
      },
    ]);
    expect(schedules.every((schedule) => validateSchedule(schedule).ok)).toBe(true);
  });

  it('shift by an hour in UTC across the March 2026 transition, none missed or doubled', () => {
    expect(greeksSnapshotInstantsOn(calendar, '2026-03-06').map((instant) => instant.toISOString())).toEqual([
      '2026-03-06T13:00:00.000Z',
      '2026-03-06T19:00:00.000Z',
      '2026-03-07T02:30:00.000Z',
    ]);
    expect(greeksSnapshotInstantsOn(calendar, '2026-03-09').map((instant) => instant.toISOString())).toEqual([
      '2026-03-09T12:00:00.000Z',
      '2026-03-09T18:00:00.000Z',
      '2026-03-10T01:30:00.000Z',
    ]);
    const runs = greeksSnapshotSchedules()
      .flatMap(
        (schedule) =>
          dueRuns(schedule, new Date('2026-03-02T05:00:00Z'), new Date('2026-03-14T05:00:00Z')).runs,
      )
      .map((run) => run.scheduled_for)
      .sort();
    // Ten trading days (the weekend of the change skipped), three snapshots each.
    expect(runs).toHaveLength(30);
    expect(runs).toEqual(expectedSnapshots('2026-03-02T05:00:00Z', '2026-03-14T05:00:00Z'));
  });

  it('shift back across the November 2026 transition and skip the weekend and Thanksgiving', () => {
    expect(greeksSnapshotInstantsOn(calendar, '2026-10-30')[0]?.toISOString()).toBe(
      '2026-10-30T12:00:00.000Z',
    );
    expect(greeksSnapshotInstantsOn(calendar, '2026-11-02')[0]?.toISOString()).toBe(
      '2026-11-02T13:00:00.000Z',
    );
    expect(greeksSnapshotInstantsOn(calendar, '2026-11-26')).toEqual([]);
    const runs = greeksSnapshotSchedules()
      .flatMap(
        (schedule) =>
          dueRuns(schedule, new Date('2026-10-26T05:00:00Z'), new Date('2026-11-28T05:00:00Z')).runs,
      )
      .map((run) => run.scheduled_for)
      .sort();
    expect(runs).toEqual(expectedSnapshots('2026-10-26T05:00:00Z', '2026-11-28T05:00:00Z'));
    expect(runs.some((run) => localDateOf(new Date(run), 'America/New_York') === '2026-11-26')).toBe(false);
    // 24 trading days from 26 October to 27 November (Thanksgiving closed; the 27th trades until 13:00).
    expect(runs).toHaveLength(24 * 3);
  });

  it('are each enqueued exactly once by a 5-minute UTC cron across the fall-back weekend', () => {
    const enqueued = simulateTicks('2026-10-29T04:00:00Z', '2026-11-04T05:00:00Z');
    expect(new Set(enqueued).size).toBe(enqueued.length);
    expect([...enqueued].sort()).toEqual(expectedSnapshots('2026-10-29T04:00:00Z', '2026-11-04T05:00:00Z'));
    expect(enqueued).toHaveLength(4 * 3);
  });

  it('are enqueued exactly once by the 5-minute cron across the spring-forward weekend and Good Friday', () => {
    const enqueued = simulateTicks('2026-03-05T05:00:00Z', '2026-03-10T04:00:00Z');
    expect([...enqueued].sort()).toEqual(expectedSnapshots('2026-03-05T05:00:00Z', '2026-03-10T04:00:00Z'));
    expect(enqueued).toHaveLength(3 * 3);
    const goodFriday = simulateTicks('2026-04-02T04:00:00Z', '2026-04-07T04:00:00Z');
    expect(goodFriday.some((run) => localDateOf(new Date(run), 'America/New_York') === '2026-04-03')).toBe(
      false,
    );
    expect(goodFriday).toHaveLength(2 * 3);
    expect([...goodFriday].sort()).toEqual(expectedSnapshots('2026-04-02T04:00:00Z', '2026-04-07T04:00:00Z'));
  });
});

describe('dailyAtLocalTime', () => {
  it('writes the cron for a wall-clock time, MON-FRI when trading days only', () => {
    expect(dailyAtLocalTime('x', '09:05', 'Australia/Sydney', { tradingDaysOnly: false })).toEqual({
      id: 'x',
      cron: '5 9 * * *',
      timezone: 'Australia/Sydney',
      trading_days_only: false,
      paused: false,
    });
    expect(
      dailyAtLocalTime('x', '21:30', 'America/New_York', { tradingDaysOnly: true, paused: true }),
    ).toMatchObject({
      cron: '30 21 * * MON-FRI',
      paused: true,
    });
    expect(() => dailyAtLocalTime('x', '9:5', 'UTC', { tradingDaysOnly: false })).toThrow('HH:MM');
  });
});
