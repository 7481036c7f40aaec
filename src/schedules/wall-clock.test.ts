import { describe, expect, it } from 'vitest';
import {
  instantAtWallClock,
  isKnownTimeZone,
  localDateOf,
  utcOffsetMinutes,
  wallClockAt,
} from './wall-clock.ts';

const NEW_YORK = 'America/New_York';
const SYDNEY = 'Australia/Sydney';
const at = (iso: string) => new Date(iso);

describe('instantAtWallClock', () => {
  it('maps New York wall-clock times to UTC in winter (EST) and summer (EDT)', () => {
    expect(instantAtWallClock('2026-01-15', '08:00', NEW_YORK).toISOString()).toBe(
      '2026-01-15T13:00:00.000Z',
    );
    expect(instantAtWallClock('2026-07-15', '08:00', NEW_YORK).toISOString()).toBe(
      '2026-07-15T12:00:00.000Z',
    );
    expect(instantAtWallClock('2026-07-15', '21:30', NEW_YORK).toISOString()).toBe(
      '2026-07-16T01:30:00.000Z',
    );
  });

  it('is right on the DST days themselves, away from the transition hour', () => {
    expect(instantAtWallClock('2026-03-08', '08:00', NEW_YORK).toISOString()).toBe(
      '2026-03-08T12:00:00.000Z',
    );
    expect(instantAtWallClock('2026-03-08', '01:59', NEW_YORK).toISOString()).toBe(
      '2026-03-08T06:59:00.000Z',
    );
    expect(instantAtWallClock('2026-11-01', '08:00', NEW_YORK).toISOString()).toBe(
      '2026-11-01T13:00:00.000Z',
    );
    expect(instantAtWallClock('2026-11-01', '00:30', NEW_YORK).toISOString()).toBe(
      '2026-11-01T04:30:00.000Z',
    );
  });

  it('maps a time in the spring-forward gap to the end of the gap (as schedules run)', () => {
    // 02:30 does not exist on 2026-03-08 in New York: clocks go 01:59 EST → 03:00 EDT at 07:00Z.
    expect(instantAtWallClock('2026-03-08', '02:30', NEW_YORK).toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
    expect(instantAtWallClock('2026-03-08', '03:00', NEW_YORK).toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
    // Sydney springs forward on 2026-10-04 at 02:00 AEST → 03:00 AEDT (16:00Z the day before).
    expect(instantAtWallClock('2026-10-04', '02:30', SYDNEY).toISOString()).toBe('2026-10-03T16:00:00.000Z');
  });

  it('maps a time in the repeated fall-back hour to its first occurrence', () => {
    // 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST) on 2026-11-01.
    expect(instantAtWallClock('2026-11-01', '01:30', NEW_YORK).toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    // Sydney falls back on 2026-04-05 at 03:00 AEDT → 02:00 AEST; 02:30 AEDT is 15:30Z the day before.
    expect(instantAtWallClock('2026-04-05', '02:30', SYDNEY).toISOString()).toBe('2026-04-04T15:30:00.000Z');
  });

  it('refuses malformed input with messages that say what was expected', () => {
    expect(() => instantAtWallClock('2026-03-08', '8:00', NEW_YORK)).toThrow(
      "time must be HH:MM in 24-hour form, e.g. '08:00' or '21:30' (got '8:00')",
    );
    expect(() => instantAtWallClock('2026-03-08', '24:00', NEW_YORK)).toThrow('HH:MM');
    expect(() => instantAtWallClock('2026-02-30', '08:00', NEW_YORK)).toThrow(
      'date must be a date as YYYY-MM-DD',
    );
    expect(() => instantAtWallClock('2026-03-08', '08:00', 'America/Gotham')).toThrow(
      "unknown time zone 'America/Gotham'",
    );
  });
});

describe('wallClockAt, localDateOf and utcOffsetMinutes', () => {
  it('reads an instant on a zone wall clock, including a date change', () => {
    expect(wallClockAt(at('2026-07-16T01:30:00Z'), NEW_YORK)).toEqual({ date: '2026-07-15', time: '21:30' });
    expect(wallClockAt(at('2026-11-01T06:30:00Z'), NEW_YORK)).toEqual({ date: '2026-11-01', time: '01:30' });
    expect(localDateOf(at('2026-10-03T16:00:00Z'), SYDNEY)).toBe('2026-10-04');
    expect(wallClockAt(at('2026-03-09T00:00:00Z'), 'UTC')).toEqual({ date: '2026-03-09', time: '00:00' });
  });

  it('gives the offset on each side of a transition', () => {
    expect(utcOffsetMinutes(at('2026-03-08T06:59:00Z'), NEW_YORK)).toBe(-300);
    expect(utcOffsetMinutes(at('2026-03-08T07:00:00Z'), NEW_YORK)).toBe(-240);
    expect(utcOffsetMinutes(at('2026-04-04T15:59:00Z'), SYDNEY)).toBe(660);
    expect(utcOffsetMinutes(at('2026-04-04T16:00:00Z'), SYDNEY)).toBe(600);
  });

  it('knows IANA zones and refuses unknown ones', () => {
    expect(isKnownTimeZone(NEW_YORK)).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isKnownTimeZone('')).toBe(false);
  });
});
