import { describe, expect, it } from 'vitest';
import { tradingDays } from './calendar.ts';

describe('trading calendar', () => {
  it('has the NYSE day counts for ordinary years', () => {
    expect(tradingDays('2019-01-01', '2019-12-31')).toHaveLength(252);
    expect(tradingDays('2020-01-01', '2020-12-31')).toHaveLength(253);
    expect(tradingDays('2022-01-01', '2022-12-31')).toHaveLength(251);
    expect(tradingDays('2023-01-01', '2023-12-31')).toHaveLength(250);
  });

  it('observes weekend holidays and moves Good Friday with Easter', () => {
    const year2020 = tradingDays('2020-01-01', '2020-12-31');
    for (const holiday of ['2020-01-01', '2020-04-10', '2020-07-03', '2020-11-26', '2020-12-25'])
      expect(year2020).not.toContain(holiday);
    expect(tradingDays('2021-12-31', '2021-12-31')).toEqual(['2021-12-31']); // a Saturday New Year is not observed
    expect(tradingDays('2022-06-20', '2022-06-20')).toEqual([]); // Juneteenth on a Sunday → Monday
  });

  it('skips weekends: the qtos sample month has 21 trading days', () => {
    const january = tradingDays('2020-01-01', '2020-01-31');
    expect(january).toHaveLength(21);
    expect(january[0]).toBe('2020-01-02');
    expect(january).not.toContain('2020-01-04');
  });
});
