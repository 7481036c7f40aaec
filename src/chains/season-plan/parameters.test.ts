import { describe, expect, it } from 'vitest';
import { parametersFrom } from './extraction-tool.ts';
import {
  ChainInputError,
  completeDerivedFields,
  type SeasonParameters,
  validateSeasonParameters,
} from './parameters.ts';

const VALID: SeasonParameters = {
  forecast_horizon_weeks: 12,
  season_start_date: '2026-03-02',
  season_end_date: '2026-05-24',
  replenishment_strategy: 'weekly',
  dc_holdback_percentage: 0.25,
};

function failure(input: unknown): ChainInputError {
  try {
    validateSeasonParameters(input);
  } catch (error) {
    if (error instanceof ChainInputError) return error;
    throw error;
  }
  throw new Error('expected a ChainInputError');
}

describe('validateSeasonParameters', () => {
  it('accepts valid parameters, the optional ones included', () => {
    expect(validateSeasonParameters(VALID)).toEqual(VALID);
    const withMarkdown = { ...VALID, markdown_checkpoint_week: 6, markdown_threshold: 0.6 };
    expect(validateSeasonParameters(withMarkdown)).toEqual(withMarkdown);
  });

  it.each([
    [
      { forecast_horizon_weeks: 3 },
      'forecast_horizon_weeks',
      'must be between 4 and 52 weeks',
      'weeks must be between 4 and 52',
    ],
    [
      { forecast_horizon_weeks: 53 },
      'forecast_horizon_weeks',
      'must be between 4 and 52 weeks',
      'weeks must be between 4 and 52',
    ],
    [
      { forecast_horizon_weeks: 12.5 },
      'forecast_horizon_weeks',
      'must be a whole number of weeks',
      'weeks must be',
    ],
    [
      { dc_holdback_percentage: 1.5 },
      'dc_holdback_percentage',
      'must be between 0 and 1 (0.25 for 25%)',
      'holdback must be between 0 and 1',
    ],
    [
      { dc_holdback_percentage: -0.1 },
      'dc_holdback_percentage',
      'must be between 0 and 1 (0.25 for 25%)',
      'holdback',
    ],
    [
      { replenishment_strategy: 'daily' },
      'replenishment_strategy',
      'must be one of none, weekly, bi-weekly',
      'replenishment is one of',
    ],
    [{ season_start_date: '2026-02-30' }, 'season_start_date', 'is not a real date', 'YYYY-MM-DD'],
    [
      { season_end_date: '2026-03-01' },
      'season_end_date',
      'must be after season_start_date',
      'end date must come after',
    ],
    [
      { markdown_checkpoint_week: 13 },
      'markdown_checkpoint_week',
      'must be within the 12-week horizon',
      'within the horizon',
    ],
    [
      { markdown_threshold: 60 },
      'markdown_threshold',
      'must be between 0 and 1 (0.6 for 60%)',
      'sell-through between 0 and 1',
    ],
  ])('422 for %o: %s %s', (change, field, message, suggestion) => {
    const error = failure({ ...VALID, ...change });
    expect(error.status).toBe(422);
    expect(error.code).toBe('invalid_parameters');
    expect(error.fields?.[field]).toBe(message);
    expect(error.suggestions.join(' | ')).toContain(suggestion);
  });

  it('names every missing field and refuses unknown ones', () => {
    const error = failure({ forecast_horizon_weeks: 12, stores: 30 });
    expect(error.fields).toMatchObject({
      season_start_date: 'is required',
      season_end_date: 'is required',
      replenishment_strategy: 'is required',
      dc_holdback_percentage: 'is required',
    });
    expect(Object.keys(error.fields ?? {})).toContain('parameters');
  });
});

describe('completeDerivedFields and parametersFrom', () => {
  it('derives the end from start + weeks, and the weeks from the dates', () => {
    expect(
      completeDerivedFields({ forecast_horizon_weeks: 12, season_start_date: '2026-03-02' }),
    ).toMatchObject({
      season_end_date: '2026-05-24',
    });
    expect(
      completeDerivedFields({ season_start_date: '2026-08-03', season_end_date: '2027-01-31' }),
    ).toMatchObject({
      forecast_horizon_weeks: 26,
    });
  });

  it('fills the defaults a sentence leaves out', () => {
    expect(parametersFrom({ forecast_horizon_weeks: 12, season_start_date: '2026-03-02' })).toEqual({
      ...VALID,
      dc_holdback_percentage: 0,
    });
  });

  it('400 unparseable when nothing about a season was found, with example sentences', () => {
    for (const found of [{}, { dc_holdback_percentage: 0.2 }]) {
      let error: unknown;
      try {
        parametersFrom(found);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ChainInputError);
      expect((error as ChainInputError).status).toBe(400);
      expect((error as ChainInputError).code).toBe('unparseable');
      expect((error as ChainInputError).suggestions[0]).toMatch(/^Plan a 12-week/);
    }
  });

  it('422 when the start is missing', () => {
    expect(() => parametersFrom({ forecast_horizon_weeks: 12 })).toThrow(/season_start_date is required/);
  });
});
