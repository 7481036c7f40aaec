import { describe, expect, it } from 'vitest';
import { errorDetails } from './http.ts';

describe('errorDetails', () => {
  it('reads suggestions, per-field messages and validation issues', () => {
    expect(
      errorDetails({
        error: {
          type: 'invalid_parameters',
          message: 'The season parameters break a rule.',
          details: {
            suggestions: ['Use a horizon of 4 to 52 weeks.'],
            fields: { forecast_horizon_weeks: 'must be 4–52' },
            issues: [{ path: 'body.end', message: 'must be after start' }, { message: 'no path' }],
          },
        },
      }),
    ).toEqual({
      suggestions: ['Use a horizon of 4 to 52 weeks.'],
      issues: ['forecast_horizon_weeks: must be 4–52', 'body.end: must be after start', 'no path'],
    });
  });
  it('gives nothing for a body without details', () => {
    expect(errorDetails(null)).toEqual({ suggestions: [], issues: [] });
    expect(errorDetails({ error: { message: 'x', details: 'text' } })).toEqual({
      suggestions: [],
      issues: [],
    });
  });
});
