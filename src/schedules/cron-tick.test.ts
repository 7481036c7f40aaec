import { describe, expect, it } from 'vitest';
import { decideCronTick, type ScheduleState } from './cron-tick.ts';
import type { Schedule } from './schedule.ts';

const at = (iso: string) => new Date(iso);
const tick = (iso: string) => Date.parse(iso);

function schedule(id: string, cron: string, overrides: Partial<Schedule> = {}): Schedule {
  return { id, cron, timezone: 'America/New_York', trading_days_only: false, paused: false, ...overrides };
}

describe('decideCronTick', () => {
  it('enqueues the due runs of every schedule, oldest first, and checks each through the tick', () => {
    const states: ScheduleState[] = [
      { schedule: schedule('b-hourly', '0 * * * *'), last_checked: at('2026-03-09T12:55:00Z') },
      { schedule: schedule('a-hourly', '0 * * * *'), last_checked: at('2026-03-09T11:55:00Z') },
      { schedule: schedule('never-now', '0 3 * * *'), last_checked: at('2026-03-09T12:55:00Z') },
    ];
    expect(decideCronTick(states, tick('2026-03-09T13:00:00Z'))).toEqual({
      enqueue: [
        { schedule_id: 'a-hourly', scheduled_for: '2026-03-09T12:00:00.000Z' },
        { schedule_id: 'a-hourly', scheduled_for: '2026-03-09T13:00:00.000Z' },
        { schedule_id: 'b-hourly', scheduled_for: '2026-03-09T13:00:00.000Z' },
      ],
      missed: [],
      checked: [
        { schedule_id: 'b-hourly', checked_through: '2026-03-09T13:00:00.000Z' },
        { schedule_id: 'a-hourly', checked_through: '2026-03-09T13:00:00.000Z' },
        { schedule_id: 'never-now', checked_through: '2026-03-09T13:00:00.000Z' },
      ],
      rejected: [],
    });
  });

  it('gives the same run identities when a tick is delivered twice', () => {
    const states: ScheduleState[] = [
      { schedule: schedule('s', '*/5 * * * *'), last_checked: at('2026-03-09T12:50:00Z') },
    ];
    const first = decideCronTick(states, tick('2026-03-09T13:00:00Z'));
    const again = decideCronTick(states, tick('2026-03-09T13:00:00Z'));
    expect(again.enqueue).toEqual(first.enqueue);
    expect(first.enqueue.map((run) => run.scheduled_for)).toEqual([
      '2026-03-09T12:55:00.000Z',
      '2026-03-09T13:00:00.000Z',
    ]);
  });

  it('does nothing for a tick older than the last check, and never moves the check backwards', () => {
    const states: ScheduleState[] = [
      { schedule: schedule('s', '* * * * *'), last_checked: at('2026-03-09T13:05:00Z') },
    ];
    expect(decideCronTick(states, tick('2026-03-09T13:00:00Z'))).toEqual({
      enqueue: [],
      missed: [],
      checked: [{ schedule_id: 's', checked_through: '2026-03-09T13:05:00.000Z' }],
      rejected: [],
    });
  });

  it('checks a paused schedule through the tick so that resuming does not replay what it skipped', () => {
    const states: ScheduleState[] = [
      { schedule: schedule('s', '* * * * *', { paused: true }), last_checked: at('2026-03-09T12:00:00Z') },
    ];
    const decision = decideCronTick(states, tick('2026-03-09T13:00:00Z'));
    expect(decision.enqueue).toEqual([]);
    expect(decision.checked).toEqual([{ schedule_id: 's', checked_through: '2026-03-09T13:00:00.000Z' }]);
  });

  it('reports missed runs after an outage instead of flooding the queue', () => {
    const states: ScheduleState[] = [
      { schedule: schedule('s', '* * * * *'), last_checked: at('2026-03-09T00:00:00Z') },
    ];
    const decision = decideCronTick(states, tick('2026-03-09T13:00:00Z'), { maxRuns: 5 });
    expect(decision.enqueue).toHaveLength(5);
    expect(decision.missed).toEqual([
      {
        schedule_id: 's',
        count: 13 * 60 - 5,
        first: '2026-03-09T00:01:00.000Z',
        last: '2026-03-09T12:55:00.000Z',
        unscanned: null,
      },
    ]);
  });

  it('rejects stored schedules that no longer validate and duplicate ids, leaving them unchecked', () => {
    const states: ScheduleState[] = [
      {
        schedule: schedule('bad-zone', '0 8 * * *', { timezone: 'America/Gotham' }),
        last_checked: at('2026-03-09T00:00:00Z'),
      },
      { schedule: schedule('bad-cron', '0 0 8 * * *'), last_checked: at('2026-03-09T00:00:00Z') },
      { schedule: schedule('twice', '0 8 * * *'), last_checked: at('2026-03-09T00:00:00Z') },
      { schedule: schedule('twice', '0 9 * * *'), last_checked: at('2026-03-09T00:00:00Z') },
      { schedule: schedule('bad-check', '0 8 * * *'), last_checked: at('yesterday') },
    ];
    const decision = decideCronTick(states, tick('2026-03-09T13:00:00Z'));
    expect(decision.rejected).toEqual([
      { schedule_id: 'bad-zone', problems: [expect.stringContaining("timezone 'America/Gotham'")] },
      { schedule_id: 'bad-cron', problems: [expect.stringContaining('6 fields')] },
      { schedule_id: 'twice', problems: ["id 'twice' is listed twice"] },
      { schedule_id: 'bad-check', problems: ['last_checked is not a valid instant'] },
    ]);
    expect(decision.checked).toEqual([{ schedule_id: 'twice', checked_through: '2026-03-09T13:00:00.000Z' }]);
    expect(decision.enqueue).toEqual([{ schedule_id: 'twice', scheduled_for: '2026-03-09T12:00:00.000Z' }]);
  });

  it('refuses a tick time that is not an instant', () => {
    expect(() => decideCronTick([], Number.NaN)).toThrow('scheduledTime is not an instant (got NaN)');
  });
});
