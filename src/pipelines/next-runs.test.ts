import { describe, expect, it } from 'vitest';
import { nextRuns } from './next-runs.ts';

const morning = { cron: '35 9 * * *', timezone: 'America/New_York', trading_days_only: true, paused: false };

describe('nextRuns', () => {
  it('skips weekends and holidays for a trading-days schedule, in UTC across the DST change', () => {
    // Thursday 5 March 2026; the clocks go forward on Sunday 8 March.
    expect(nextRuns(morning, new Date('2026-03-05T15:00:00Z'))).toEqual([
      '2026-03-06T14:35:00.000Z',
      '2026-03-09T13:35:00.000Z',
      '2026-03-10T13:35:00.000Z',
    ]);
    // Thanksgiving (26 November 2026) is closed.
    expect(nextRuns(morning, new Date('2026-11-25T15:00:00Z'), 2)).toEqual([
      '2026-11-27T14:35:00.000Z',
      '2026-11-30T14:35:00.000Z',
    ]);
  });

  it('keeps every day without the filter, and has none for a paused schedule', () => {
    const daily = { ...morning, trading_days_only: false };
    expect(nextRuns(daily, new Date('2026-03-06T15:00:00Z'))).toEqual([
      '2026-03-07T14:35:00.000Z',
      '2026-03-08T13:35:00.000Z',
      '2026-03-09T13:35:00.000Z',
    ]);
    expect(nextRuns({ ...morning, paused: true }, new Date('2026-03-06T15:00:00Z'))).toEqual([]);
  });

  it('gives up on a schedule that only matches closed days', () => {
    const weekends = { ...morning, cron: '0 10 * * SAT,SUN' };
    expect(nextRuns(weekends, new Date('2026-03-06T15:00:00Z'))).toEqual([]);
  });
});
