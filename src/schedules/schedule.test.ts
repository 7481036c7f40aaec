import { describe, expect, it } from 'vitest';
import { cronProblem, requireValidSchedule, timeZoneProblem, validateSchedule } from './schedule.ts';

const valid = {
  id: 'greeks-snapshot-0800',
  cron: '0 8 * * MON-FRI',
  timezone: 'America/New_York',
  trading_days_only: true,
  paused: false,
};

describe('validateSchedule', () => {
  it('accepts a valid schedule and trims its cron', () => {
    expect(validateSchedule({ ...valid, cron: '  0 8 * * MON-FRI ' })).toEqual({ ok: true, schedule: valid });
  });

  it('lists every problem at once, each naming its field', () => {
    const validation = validateSchedule({
      id: '',
      cron: 7,
      timezone: 'Nowhere/Else',
      trading_days_only: 'yes',
    });
    expect(validation.ok).toBe(false);
    if (validation.ok) return;
    expect(validation.problems).toEqual([
      "id must be 1–100 characters: letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
      'cron must be a string of 5 fields (minute hour day-of-month month day-of-week)',
      "timezone 'Nowhere/Else' is not a known IANA time zone (e.g. 'America/New_York', 'Australia/Sydney', 'UTC')",
      'trading_days_only must be true or false',
      'paused must be true or false',
    ]);
  });

  it('refuses what is not an object', () => {
    expect(validateSchedule(null)).toEqual({ ok: false, problems: ['schedule must be an object'] });
    expect(validateSchedule([valid])).toEqual({ ok: false, problems: ['schedule must be an object'] });
  });

  it("refuses an id with '@', which would make run keys ambiguous", () => {
    expect(validateSchedule({ ...valid, id: 'a@b' }).ok).toBe(false);
  });

  it('requireValidSchedule throws with the problems joined', () => {
    expect(() => requireValidSchedule({ ...valid, timezone: 'EST5EDT6' })).toThrow(
      "invalid schedule: timezone 'EST5EDT6' is not a known IANA time zone",
    );
    expect(requireValidSchedule(valid)).toEqual(valid);
  });
});

describe('cronProblem', () => {
  it.each([
    '0 8 * * *',
    '*/15 9-16 * * 1-5',
    '30 21 * * MON-FRI',
    '0 0 L * *',
    '0 12 * * FRI#3',
    '0 8 * * 7',
  ])('accepts %s', (cron) => {
    expect(cronProblem(cron)).toBeNull();
  });

  it('refuses a 6-field cron, explaining that seconds are not supported', () => {
    expect(cronProblem('0 0 8 * * *')).toBe(
      "cron '0 0 8 * * *' has 6 fields: a seconds field is not supported (runs are whole minutes); write 5 fields (minute hour day-of-month month day-of-week), e.g. '0 8 * * MON-FRI'",
    );
  });

  it('refuses other field counts, nicknames and empty text', () => {
    expect(cronProblem('0 8 * *')).toContain("cron '0 8 * *' has 4 fields");
    expect(cronProblem('0 0 8 * * * 2026')).toContain('has 7 fields');
    expect(cronProblem('@daily')).toContain('nicknames are not supported');
    expect(cronProblem('   ')).toContain('cron is empty');
  });

  it("passes on croner's reason for an invalid field", () => {
    expect(cronProblem('61 8 * * *')).toBe("cron '61 8 * * *' is not valid: Invalid value for minute: 61");
    expect(cronProblem('0 8 * * FUNDAY')).toMatch(/^cron '0 8 \* \* FUNDAY' is not valid: /);
  });

  it('refuses a cron that never matches a date', () => {
    expect(cronProblem('0 0 30 2 *')).toBe("cron '0 0 30 2 *' never matches a date (e.g. 30 February)");
  });
});

describe('timeZoneProblem', () => {
  it('accepts IANA zones Intl knows and refuses others', () => {
    expect(timeZoneProblem('Australia/Sydney')).toBeNull();
    expect(timeZoneProblem('UTC')).toBeNull();
    expect(timeZoneProblem('America/Gotham')).toContain(
      "timezone 'America/Gotham' is not a known IANA time zone",
    );
    expect(timeZoneProblem('')).toContain('is not a known IANA time zone');
  });
});
