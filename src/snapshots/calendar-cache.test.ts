import { beforeEach, describe, expect, it } from 'vitest';
import { isTradingDay } from '../schedules/trading-calendar.ts';
import type { TradingDay } from '../trading/broker/types.ts';
import {
  CALENDAR_TTL_MS,
  type CalendarProvider,
  clearCalendarCache,
  snapshotCalendar,
} from './calendar-cache.ts';

/** A broker's calendar endpoint that lists every weekday as open except the given dates. */
function alpacaCalendar(closed: string[]): CalendarProvider & { requests: Array<[string, string]> } {
  const requests: Array<[string, string]> = [];
  return {
    kind: 'alpaca',
    requests,
    async calendar(start, end) {
      requests.push([start, end]);
      const days: TradingDay[] = [];
      for (let t = Date.parse(`${start}T12:00:00Z`); t <= Date.parse(`${end}T12:00:00Z`); t += 86_400_000) {
        const date = new Date(t).toISOString().slice(0, 10);
        const weekday = new Date(t).getUTCDay();
        if (weekday !== 0 && weekday !== 6 && !closed.includes(date))
          days.push({ date, open: '09:30', close: '16:00' });
      }
      return days;
    },
  };
}

beforeEach(() => clearCalendarCache());

describe('the snapshot calendar', () => {
  it('uses the broker’s list, cached until it is stale or does not cover the dates', async () => {
    const broker = alpacaCalendar(['2026-12-08']);
    const now = Date.parse('2026-12-07T12:00:00Z');
    const first = await snapshotCalendar(broker, 'account', '2026-12-03', '2026-12-08', now);
    expect(first.source).toBe('broker');
    expect(isTradingDay(first.calendar, '2026-12-08')).toBe(false);
    expect((await snapshotCalendar(broker, 'account', '2026-12-04', '2026-12-09', now + 60_000)).source).toBe(
      'cache',
    );
    expect(broker.requests).toHaveLength(1);
    expect(
      (await snapshotCalendar(broker, 'account', '2026-12-04', '2026-12-09', now + CALENDAR_TTL_MS)).source,
    ).toBe('broker');
    expect(
      (await snapshotCalendar(broker, 'account', '2027-06-01', '2027-06-02', now + CALENDAR_TTL_MS)).source,
    ).toBe('broker');
    expect(broker.requests).toHaveLength(3);
  });

  it('falls back to the bundled calendar when the broker fails, saying why', async () => {
    const failing: CalendarProvider = {
      kind: 'alpaca',
      calendar: async () => {
        throw new Error('circuit open');
      },
    };
    const choice = await snapshotCalendar(failing, 'account', '2026-11-20', '2026-11-27');
    expect(choice).toMatchObject({ source: 'bundled', fallbackReason: 'circuit open' });
    expect(isTradingDay(choice.calendar, '2026-11-26')).toBe(false);
  });

  it('the offline source and no source use the bundled calendar without asking', async () => {
    const offline = { ...alpacaCalendar([]), kind: 'offline' as const };
    expect((await snapshotCalendar(offline, 'x', '2026-12-01', '2026-12-02')).source).toBe('bundled');
    expect(offline.requests).toEqual([]);
    expect((await snapshotCalendar(null, '', '2026-12-01', '2026-12-02')).source).toBe('bundled');
  });
});
