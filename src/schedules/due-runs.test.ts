import { describe, expect, it } from 'vitest';
import { dueRuns } from './due-runs.ts';
import type { Schedule } from './schedule.ts';
import { tradingCalendarFrom } from './trading-calendar.ts';

const at = (iso: string) => new Date(iso);

function schedule(cron: string, timezone = 'America/New_York', overrides: Partial<Schedule> = {}): Schedule {
  return { id: 's1', cron, timezone, trading_days_only: false, paused: false, ...overrides };
}

function instants(
  cron: string,
  timezone: string,
  from: string,
  to: string,
  overrides: Partial<Schedule> = {},
) {
  return dueRuns(schedule(cron, timezone, overrides), at(from), at(to)).runs.map((run) => run.scheduled_for);
}

function expectStrictlyIncreasing(values: string[]): void {
  const times = values.map((value) => Date.parse(value));
  times.slice(1).forEach((time, index) => {
    expect(time).toBeGreaterThan(times[index] as number);
  });
}

describe('dueRuns: the interval (last, now]', () => {
  it('returns every run in order, with identities', () => {
    const result = dueRuns(schedule('0 8 * * *'), at('2026-03-02T00:00:00Z'), at('2026-03-05T12:00:00Z'));
    expect(result).toEqual({
      runs: [
        { schedule_id: 's1', scheduled_for: '2026-03-02T13:00:00.000Z' },
        { schedule_id: 's1', scheduled_for: '2026-03-03T13:00:00.000Z' },
        { schedule_id: 's1', scheduled_for: '2026-03-04T13:00:00.000Z' },
      ],
      missed: null,
    });
  });

  it('includes a run exactly at now and excludes one exactly at the last check', () => {
    expect(instants('0 8 * * *', 'America/New_York', '2026-03-03T13:00:00Z', '2026-03-04T13:00:00Z')).toEqual(
      ['2026-03-04T13:00:00.000Z'],
    );
    // The next tick, from where the previous one stopped, does not repeat it.
    expect(instants('0 8 * * *', 'America/New_York', '2026-03-04T13:00:00Z', '2026-03-04T13:05:00Z')).toEqual(
      [],
    );
  });

  it('returns nothing when now is not after the last check', () => {
    expect(instants('* * * * *', 'UTC', '2026-03-04T13:00:00Z', '2026-03-04T13:00:00Z')).toEqual([]);
    expect(instants('* * * * *', 'UTC', '2026-03-04T13:00:00Z', '2026-03-04T12:00:00Z')).toEqual([]);
  });

  it('returns nothing for a paused schedule', () => {
    expect(
      dueRuns(
        schedule('* * * * *', 'UTC', { paused: true }),
        at('2026-03-04T00:00:00Z'),
        at('2026-03-05T00:00:00Z'),
      ),
    ).toEqual({ runs: [], missed: null });
  });

  it('refuses invalid instants and limits', () => {
    const daily = schedule('0 8 * * *');
    expect(() => dueRuns(daily, at('not a date'), at('2026-03-05T00:00:00Z'))).toThrow(
      'lastChecked is not a valid instant',
    );
    expect(() =>
      dueRuns(daily, at('2026-03-04T00:00:00Z'), at('2026-03-05T00:00:00Z'), { maxRuns: 0 }),
    ).toThrow('maxRuns must be a whole number ≥ 1 (got 0)');
  });
});

describe('dueRuns across DST in America/New_York', () => {
  it('runs a 02:30 schedule once at 03:00 EDT on the spring-forward day, nothing skipped or doubled', () => {
    expect(
      instants('30 2 * * *', 'America/New_York', '2026-03-06T12:00:00Z', '2026-03-10T12:00:00Z'),
    ).toEqual([
      '2026-03-07T07:30:00.000Z', // 02:30 EST
      '2026-03-08T07:00:00.000Z', // 02:30 does not exist: 03:00 EDT, when the gap ends
      '2026-03-09T06:30:00.000Z', // 02:30 EDT
      '2026-03-10T06:30:00.000Z',
    ]);
  });

  it('runs a 02:30 schedule once on the fall-back day (02:30 occurs once, in EST)', () => {
    expect(
      instants('30 2 * * *', 'America/New_York', '2026-10-30T12:00:00Z', '2026-11-02T12:00:00Z'),
    ).toEqual([
      '2026-10-31T06:30:00.000Z', // 02:30 EDT
      '2026-11-01T07:30:00.000Z', // 02:30 EST
      '2026-11-02T07:30:00.000Z',
    ]);
  });

  it('runs a time in the repeated hour (01:30) once, at its first occurrence', () => {
    expect(
      instants('30 1 * * *', 'America/New_York', '2026-10-31T12:00:00Z', '2026-11-02T12:00:00Z'),
    ).toEqual([
      '2026-11-01T05:30:00.000Z', // 01:30 EDT; 01:30 EST (06:30Z) does not run again
      '2026-11-02T06:30:00.000Z',
    ]);
    // A list of explicit times is wall-clock too: 01:30 and 02:30 each run once.
    expect(
      instants('30 1,2 * * *', 'America/New_York', '2026-11-01T04:00:00Z', '2026-11-01T12:00:00Z'),
    ).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-01T07:30:00.000Z']);
  });

  it('runs an interval schedule on elapsed time: both repeated half-hours, none in the gap', () => {
    const fallBack = instants(
      '*/30 * * * *',
      'America/New_York',
      '2026-11-01T04:45:00Z',
      '2026-11-01T07:45:00Z',
    );
    expect(fallBack).toEqual([
      '2026-11-01T05:00:00.000Z', // 01:00 EDT
      '2026-11-01T05:30:00.000Z', // 01:30 EDT
      '2026-11-01T06:00:00.000Z', // 01:00 EST
      '2026-11-01T06:30:00.000Z', // 01:30 EST
      '2026-11-01T07:00:00.000Z', // 02:00 EST
      '2026-11-01T07:30:00.000Z',
    ]);
    const springForward = instants(
      '*/30 * * * *',
      'America/New_York',
      '2026-03-08T05:45:00Z',
      '2026-03-08T07:45:00Z',
    );
    expect(springForward).toEqual([
      '2026-03-08T06:00:00.000Z', // 01:00 EST
      '2026-03-08T06:30:00.000Z', // 01:30 EST
      '2026-03-08T07:00:00.000Z', // 03:00 EDT
      '2026-03-08T07:30:00.000Z',
    ]);
  });

  it('never doubles or loses a run of an every-15-minutes schedule across the fall-back night', () => {
    const runs = dueRuns(schedule('*/15 * * * *'), at('2026-10-31T00:00:00Z'), at('2026-11-02T00:00:00Z'), {
      maxRuns: 1000,
    }).runs.map((run) => run.scheduled_for);
    expectStrictlyIncreasing(runs);
    // 48 hours of real time, one run per 15 minutes: the repeated hour adds no run and loses none.
    expect(runs).toHaveLength(48 * 4);
  });
});

describe('dueRuns across DST in Australia/Sydney (southern hemisphere)', () => {
  it('runs 02:30 once at 03:00 AEDT when clocks spring forward (2026-10-04)', () => {
    expect(
      instants('30 2 * * *', 'Australia/Sydney', '2026-10-02T12:00:00Z', '2026-10-05T12:00:00Z'),
    ).toEqual([
      '2026-10-02T16:30:00.000Z', // 2026-10-03 02:30 AEST
      '2026-10-03T16:00:00.000Z', // 2026-10-04 03:00 AEDT (02:30 does not exist)
      '2026-10-04T15:30:00.000Z', // 2026-10-05 02:30 AEDT
    ]);
  });

  it('runs 02:30 once, at its first occurrence, when clocks fall back (2026-04-05)', () => {
    expect(
      instants('30 2 * * *', 'Australia/Sydney', '2026-04-03T12:00:00Z', '2026-04-06T12:00:00Z'),
    ).toEqual([
      '2026-04-03T15:30:00.000Z', // 2026-04-04 02:30 AEDT
      '2026-04-04T15:30:00.000Z', // 2026-04-05 02:30 AEDT (first of the two 02:30s)
      '2026-04-05T16:30:00.000Z', // 2026-04-06 02:30 AEST
    ]);
  });
});

describe('dueRuns on trading days only', () => {
  it('skips weekends and Good Friday (bundled calendar)', () => {
    const runs = instants('0 8 * * *', 'America/New_York', '2025-04-14T00:00:00Z', '2025-04-23T00:00:00Z', {
      trading_days_only: true,
    });
    expect(runs).toEqual([
      '2025-04-14T12:00:00.000Z',
      '2025-04-15T12:00:00.000Z',
      '2025-04-16T12:00:00.000Z',
      '2025-04-17T12:00:00.000Z',
      // 04-18 Good Friday, 04-19/20 weekend
      '2025-04-21T12:00:00.000Z',
      '2025-04-22T12:00:00.000Z',
    ]);
  });

  it('reads the trading day as the New York date of the run, whatever the schedule zone', () => {
    // 07:00 Tokyo on Saturday 2025-04-19 is 18:00 on Friday 2025-04-18 in New York: Good Friday.
    // 07:00 Tokyo on Tuesday 2025-04-22 is Monday 2025-04-21 in New York: a trading day.
    const runs = instants('0 7 * * *', 'Asia/Tokyo', '2025-04-18T12:00:00Z', '2025-04-22T12:00:00Z', {
      trading_days_only: true,
    });
    expect(runs).toEqual(['2025-04-21T22:00:00.000Z']);
  });

  it('uses a given broker calendar instead of the bundled one', () => {
    const calendar = tradingCalendarFrom([{ date: '2026-03-10', open: '09:30', close: '16:00' }], {
      from: '2026-03-09',
      to: '2026-03-11',
    });
    const result = dueRuns(
      schedule('0 8 * * *', 'America/New_York', { trading_days_only: true }),
      at('2026-03-09T00:00:00Z'),
      at('2026-03-12T00:00:00Z'),
      { calendar },
    );
    expect(result.runs.map((run) => run.scheduled_for)).toEqual(['2026-03-10T12:00:00.000Z']);
  });
});

describe('dueRuns after a long outage', () => {
  it('returns the newest maxRuns and reports the older ones as missed', () => {
    // Every minute for 3 hours: 180 runs in (00:00, 03:00].
    const result = dueRuns(
      schedule('* * * * *', 'UTC'),
      at('2026-03-04T00:00:00Z'),
      at('2026-03-04T03:00:00Z'),
    );
    expect(result.runs).toHaveLength(100);
    expect(result.runs[0]?.scheduled_for).toBe('2026-03-04T01:21:00.000Z');
    expect(result.runs[99]?.scheduled_for).toBe('2026-03-04T03:00:00.000Z');
    expect(result.missed).toEqual({
      schedule_id: 's1',
      count: 80,
      first: '2026-03-04T00:01:00.000Z',
      last: '2026-03-04T01:20:00.000Z',
      unscanned: null,
    });
  });

  it('counts only trading-day runs as missed', () => {
    // 08:00 New York on trading days from 2025-04-01 to 2025-04-30: 21 trading days (Good Friday closed).
    const result = dueRuns(
      schedule('0 8 * * *', 'America/New_York', { trading_days_only: true }),
      at('2025-04-01T00:00:00Z'),
      at('2025-04-30T23:00:00Z'),
      { maxRuns: 5 },
    );
    expect(result.runs.map((run) => run.scheduled_for)).toEqual([
      '2025-04-24T12:00:00.000Z',
      '2025-04-25T12:00:00.000Z',
      '2025-04-28T12:00:00.000Z',
      '2025-04-29T12:00:00.000Z',
      '2025-04-30T12:00:00.000Z',
    ]);
    expect(result.missed).toMatchObject({
      count: 16,
      first: '2025-04-01T12:00:00.000Z',
      last: '2025-04-23T12:00:00.000Z',
    });
  });

  it('stops scanning at maxScan and reports the unscanned window rather than dropping it silently', () => {
    const result = dueRuns(
      schedule('* * * * *', 'UTC'),
      at('2026-03-01T00:00:00Z'),
      at('2026-03-04T00:00:00Z'),
      {
        maxRuns: 10,
        maxScan: 300,
      },
    );
    expect(result.runs).toHaveLength(10);
    expect(result.runs[9]?.scheduled_for).toBe('2026-03-04T00:00:00.000Z');
    expect(result.missed).toEqual({
      schedule_id: 's1',
      count: 290,
      first: '2026-03-03T19:01:00.000Z',
      last: '2026-03-03T23:50:00.000Z',
      unscanned: { after: '2026-03-01T00:00:00.000Z', before: '2026-03-03T19:01:00.000Z' },
    });
  });

  it('reports nothing missed when the scan ends exactly at the last check', () => {
    const result = dueRuns(
      schedule('* * * * *', 'UTC'),
      at('2026-03-04T00:00:00Z'),
      at('2026-03-04T00:10:00Z'),
      {
        maxRuns: 10,
        maxScan: 10,
      },
    );
    expect(result.runs).toHaveLength(10);
    expect(result.missed).toBeNull();
  });
});
