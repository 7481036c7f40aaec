import { describe, expect, it } from 'vitest';
import { bundledNyseCalendar } from '../schedules/bundled-calendar.ts';
import { sessionTimes, tradingCalendarFrom } from '../schedules/trading-calendar.ts';
import {
  decideSnapshotTick,
  FIRST_TICK_WINDOW_MS,
  SNAPSHOT_LOOKBACK_MS,
  snapshotInstantsBetween,
} from './due-instants.ts';

const calendar = bundledNyseCalendar();
const at = (iso: string) => new Date(iso);
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const between = (after: string, until: string) =>
  iso(snapshotInstantsBetween(calendar, at(after), at(until)));

describe('snapshot instants: 08:00, 14:00 and 21:30 New York on trading days', () => {
  it('spring forward 2026 (8 March): 13:00Z/19:00Z/02:30Z before, 12:00Z/18:00Z/01:30Z after, weekend skipped', () => {
    expect(between('2026-03-06T04:00:00Z', '2026-03-10T02:00:00Z')).toEqual([
      '2026-03-06T13:00:00.000Z',
      '2026-03-06T19:00:00.000Z',
      '2026-03-07T02:30:00.000Z',
      '2026-03-09T12:00:00.000Z',
      '2026-03-09T18:00:00.000Z',
      '2026-03-10T01:30:00.000Z',
    ]);
  });

  it('fall back 2026 (1 November): 12:00Z/18:00Z/01:30Z before, 13:00Z/19:00Z/02:30Z after', () => {
    expect(between('2026-10-30T04:00:00Z', '2026-11-03T03:00:00Z')).toEqual([
      '2026-10-30T12:00:00.000Z',
      '2026-10-30T18:00:00.000Z',
      '2026-10-31T01:30:00.000Z',
      '2026-11-02T13:00:00.000Z',
      '2026-11-02T19:00:00.000Z',
      '2026-11-03T02:30:00.000Z',
    ]);
  });

  it('spring forward 2027 (14 March) and fall back 2027 (7 November)', () => {
    expect(between('2027-03-12T04:00:00Z', '2027-03-15T23:59:00Z')).toEqual([
      '2027-03-12T13:00:00.000Z',
      '2027-03-12T19:00:00.000Z',
      '2027-03-13T02:30:00.000Z',
      '2027-03-15T12:00:00.000Z',
      '2027-03-15T18:00:00.000Z',
    ]);
    expect(between('2027-11-05T04:00:00Z', '2027-11-08T23:59:00Z')).toEqual([
      '2027-11-05T12:00:00.000Z',
      '2027-11-05T18:00:00.000Z',
      '2027-11-06T01:30:00.000Z',
      '2027-11-08T13:00:00.000Z',
      '2027-11-08T19:00:00.000Z',
    ]);
  });

  it('Thanksgiving 2026 (26 November) has none; the early close the day after keeps all three', () => {
    expect(between('2026-11-25T04:00:00Z', '2026-11-28T12:00:00Z')).toEqual([
      '2026-11-25T13:00:00.000Z',
      '2026-11-25T19:00:00.000Z',
      '2026-11-26T02:30:00.000Z',
      // Friday 27th closes at 13:00: the 14:00 snapshot then records the closing quotes.
      '2026-11-27T13:00:00.000Z',
      '2026-11-27T19:00:00.000Z',
      '2026-11-28T02:30:00.000Z',
    ]);
    expect(sessionTimes(calendar, '2026-11-27')).toMatchObject({ close: '13:00', earlyClose: true });
  });

  it('a weekend has none, and the window is half-open: (after, until]', () => {
    expect(between('2026-12-05T03:00:00Z', '2026-12-07T12:59:00Z')).toEqual([]);
    expect(between('2026-12-07T12:59:00Z', '2026-12-07T13:00:00Z')).toEqual(['2026-12-07T13:00:00.000Z']);
    expect(between('2026-12-07T13:00:00Z', '2026-12-07T13:05:00Z')).toEqual([]);
  });

  it('follows a broker calendar: a closure it lists is skipped although no rule knows it', () => {
    // A closure on Tuesday 2026-12-08 that only the broker's list knows.
    const broker = tradingCalendarFrom(
      [
        { date: '2026-12-07', open: '09:30', close: '16:00' },
        { date: '2026-12-09', open: '09:30', close: '16:00' },
      ],
      { from: '2026-12-07', to: '2026-12-09' },
    );
    const instants = iso(
      snapshotInstantsBetween(broker, at('2026-12-08T03:00:00Z'), at('2026-12-09T14:00:00Z')),
    );
    expect(instants).toEqual(['2026-12-09T13:00:00.000Z']);
  });
});

describe('one cron tick', () => {
  it('at a due instant, after the previous claim: that instant, nothing missed', () => {
    const decision = decideSnapshotTick({
      calendar,
      now: at('2026-12-07T13:00:00Z'),
      lastClaimed: at('2026-12-05T02:30:00Z'),
    });
    expect(decision.due?.toISOString()).toBe('2026-12-07T13:00:00.000Z');
    expect(decision.missed).toEqual([]);
  });

  it('a repeated tick finds its instant claimed: nothing', () => {
    const decision = decideSnapshotTick({
      calendar,
      now: at('2026-12-07T13:00:00Z'),
      lastClaimed: at('2026-12-07T13:00:00Z'),
    });
    expect(decision).toMatchObject({ due: null, missed: [] });
  });

  it('after an outage: catches up only the newest instant and reports the older ones as missed', () => {
    // Last claim Friday 21:30; the cron comes back Tuesday 15:00 New York (20:00Z).
    const decision = decideSnapshotTick({
      calendar,
      now: at('2026-12-08T20:00:00Z'),
      lastClaimed: at('2026-12-05T02:30:00Z'),
    });
    expect(decision.due?.toISOString()).toBe('2026-12-08T19:00:00.000Z');
    expect(iso(decision.missed)).toEqual([
      '2026-12-07T13:00:00.000Z',
      '2026-12-07T19:00:00.000Z',
      '2026-12-08T02:30:00.000Z',
      '2026-12-08T13:00:00.000Z',
    ]);
  });

  it('reports misses only within the lookback after a long outage', () => {
    const now = at('2026-12-17T20:00:00Z');
    const decision = decideSnapshotTick({ calendar, now, lastClaimed: at('2026-12-01T13:00:00Z') });
    expect(decision.after.getTime()).toBe(now.getTime() - SNAPSHOT_LOOKBACK_MS);
    expect(decision.due?.toISOString()).toBe('2026-12-17T19:00:00.000Z');
    // Sunday 13th 20:00Z → Thursday 17th: Mon–Wed's nine, Thursday's 08:00.
    expect(decision.missed).toHaveLength(10);
    expect(decision.missed[0]?.toISOString()).toBe('2026-12-14T13:00:00.000Z');
  });

  it('an installation that never claimed an instant starts from the current one, missing nothing', () => {
    const soon = decideSnapshotTick({ calendar, now: at('2026-12-07T13:04:00Z'), lastClaimed: null });
    expect(soon.due?.toISOString()).toBe('2026-12-07T13:00:00.000Z');
    expect(soon.missed).toEqual([]);
    const later = decideSnapshotTick({
      calendar,
      now: new Date(Date.parse('2026-12-07T13:00:00Z') + FIRST_TICK_WINDOW_MS + 60_000),
      lastClaimed: null,
    });
    expect(later).toMatchObject({ due: null, missed: [] });
  });

  it('a weekend tick does nothing, and a holiday is neither run nor missed', () => {
    expect(
      decideSnapshotTick({
        calendar,
        now: at('2026-12-05T13:00:00Z'),
        lastClaimed: at('2026-12-05T02:30:00Z'),
      }),
    ).toMatchObject({ due: null, missed: [] });
    const afterThanksgiving = decideSnapshotTick({
      calendar,
      now: at('2026-11-27T13:00:00Z'),
      lastClaimed: at('2026-11-26T02:30:00Z'),
    });
    expect(afterThanksgiving.due?.toISOString()).toBe('2026-11-27T13:00:00.000Z');
    expect(afterThanksgiving.missed).toEqual([]);
  });

  it('DST day: the Monday after spring forward runs at 12:00Z, an hour earlier in UTC', () => {
    const decision = decideSnapshotTick({
      calendar,
      now: at('2026-03-09T12:00:00Z'),
      lastClaimed: at('2026-03-07T02:30:00Z'),
    });
    expect(decision.due?.toISOString()).toBe('2026-03-09T12:00:00.000Z');
    expect(decision.missed).toEqual([]);
  });
});
