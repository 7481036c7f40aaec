import { describe, expect, it } from 'vitest';
import { runIdentity, runKey } from './run-key.ts';

describe('run identity and key', () => {
  it('is the same for the same instant, whatever form it is given in', () => {
    const forms = [
      new Date('2026-03-09T12:00:00Z'),
      '2026-03-09T12:00:00Z',
      '2026-03-09T12:00:00.000Z',
      '2026-03-09T08:00:00-04:00',
      new Date(Date.UTC(2026, 2, 9, 12)),
    ];
    const keys = new Set(forms.map((form) => runKey('greeks-snapshot-0800', form)));
    expect([...keys]).toEqual(['greeks-snapshot-0800@2026-03-09T12:00:00.000Z']);
    expect(runIdentity('greeks-snapshot-0800', '2026-03-09T08:00:00-04:00')).toEqual({
      schedule_id: 'greeks-snapshot-0800',
      scheduled_for: '2026-03-09T12:00:00.000Z',
    });
  });

  it('differs between schedules and between instants', () => {
    expect(runKey('a', '2026-03-09T12:00:00Z')).not.toBe(runKey('b', '2026-03-09T12:00:00Z'));
    expect(runKey('a', '2026-03-09T12:00:00Z')).not.toBe(runKey('a', '2026-03-09T12:01:00Z'));
  });

  it('refuses an empty id or a non-instant', () => {
    expect(() => runKey('', new Date('2026-03-09T12:00:00Z'))).toThrow('schedule id must not be empty');
    expect(() => runKey('a', 'tomorrow')).toThrow("scheduled_for is not an instant (got 'tomorrow')");
  });
});
