import { describe, expect, it } from 'vitest';
import { mean, populationStd, roundHalfEven, sampleStd, simpleReturns } from './stats.ts';

describe('stats', () => {
  it('sample and population standard deviations of 2, 4, 4, 4, 5, 5, 7, 9', () => {
    const values = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(values)).toBe(5);
    expect(populationStd(values)).toBe(2);
    expect(sampleStd(values)).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(sampleStd([3])).toBe(0);
  });

  it('simple returns', () => {
    expect(simpleReturns([100, 110, 99])).toEqual([0.10000000000000009, -0.09999999999999998]);
  });

  it.each([
    [0.625, 0.62],
    [0.375, 0.38],
    [0.125, 0.12],
    [1 - 3 / 8, 0.62],
    [0.145, 0.14], // the double is just below 0.145, as in Python
    [0.6666, 0.67],
    [-0.625, -0.62],
    [0.5, 0.5],
  ])('rounds %d to 2 places like Python: %d', (value, expected) => {
    expect(roundHalfEven(value, 2)).toBe(expected);
  });
});
