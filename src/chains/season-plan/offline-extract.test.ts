import { describe, expect, it } from 'vitest';
import { extractOffline } from './offline-extract.ts';

const TODAY = '2026-01-15';

describe('extractOffline', () => {
  it('reads the example sentence: weeks, a start without a year, holdback as a percentage', () => {
    const { found } = extractOffline(
      'Plan a 12-week spring season for 30 stores with a 25% holdback, starting March 2',
      TODAY,
    );
    expect(found).toEqual({
      forecast_horizon_weeks: 12,
      season_start_date: '2026-03-02',
      dc_holdback_percentage: 0.25,
    });
  });

  it('reads every field of a full sentence', () => {
    const { found, confidence } = extractOffline(
      'Plan a 26-week season from 2026-08-03 to 2027-01-31, no replenishment, hold back 10%, ' +
        'markdown at week 8 if sell-through is below 60%.',
      TODAY,
    );
    expect(found).toEqual({
      forecast_horizon_weeks: 26,
      season_start_date: '2026-08-03',
      season_end_date: '2027-01-31',
      replenishment_strategy: 'none',
      dc_holdback_percentage: 0.1,
      markdown_checkpoint_week: 8,
      markdown_threshold: 0.6,
    });
    expect(confidence).toBe(1);
  });

  it.each([
    ['with bi-weekly replenishment', 'bi-weekly'],
    ['replenish every two weeks', 'bi-weekly'],
    ['with weekly replenishment', 'weekly'],
    ['without replenishment', 'none'],
  ])('replenishment: "%s" → %s', (phrase, strategy) => {
    expect(extractOffline(`8 weeks starting 2026-05-04 ${phrase}`, TODAY).found.replenishment_strategy).toBe(
      strategy,
    );
  });

  it('takes the next occurrence of a day given without a year', () => {
    expect(extractOffline('10 weeks starting January 5', TODAY).found.season_start_date).toBe('2027-01-05');
    expect(extractOffline('10 weeks starting 5th of February', TODAY).found.season_start_date).toBe(
      '2026-02-05',
    );
  });

  it('keeps out-of-range values as stated, for validation to refuse', () => {
    const { found } = extractOffline('a 60-week season starting 2026-03-02 with a 150% holdback', TODAY);
    expect(found.forecast_horizon_weeks).toBe(60);
    expect(found.dc_holdback_percentage).toBe(1.5);
  });

  it('finds nothing in unrelated text', () => {
    expect(extractOffline('What is the weather like in Paris?', TODAY)).toEqual({ found: {}, confidence: 0 });
    expect(extractOffline('', TODAY).found).toEqual({});
  });
});
