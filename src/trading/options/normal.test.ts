import { describe, expect, it } from 'vitest';
import { erfc, normalCdf, normalPdf } from './normal.ts';

// Reference values evaluated independently with 40-digit arithmetic, rounded to the nearest double.
const cdfReference: [number, number][] = [
  [-37, 5.725571222524577e-300],
  [-30, 4.906713927148187e-198],
  [-20, 2.7536241186062337e-89],
  [-12, 1.776482112077679e-33],
  [-8, 6.220960574271784e-16],
  [-5, 2.866515718791939e-7],
  [-3, 0.0013498980316300946],
  [-1.5, 0.06680720126885807],
  [-0.5, 0.3085375387259869],
  [-0.3, 0.3820885778110474],
  [0, 0.5],
  [0.3, 0.6179114221889527],
  [0.5, 0.6914624612740131],
  [1.5, 0.9331927987311419],
  [3, 0.9986501019683699],
  [5, 0.9999997133484281],
  [8, 0.9999999999999993],
];

const erfcReference: [number, number][] = [
  [-0.4, 1.4283923550466684],
  [0.2, 0.7772974107895215],
  [1, 0.15729920705028513],
  [3, 2.209049699858544e-5],
  [5, 1.537459794428035e-12],
  [10, 2.088487583762545e-45],
];

describe('normalCdf', () => {
  it.each(cdfReference)(
    'Φ(%d) matches the reference to 1e-12 relative (and 1e-15 absolute)',
    (x, expected) => {
      const value = normalCdf(x);
      expect(Math.abs(value - expected)).toBeLessThanOrEqual(1e-15);
      expect(Math.abs(value - expected) / expected).toBeLessThan(1e-12);
    },
  );

  it('is symmetric: Φ(x) + Φ(−x) = 1', () => {
    for (let x = -8; x <= 8; x += 0.37) expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 15);
  });

  it('is 0 and 1 at the infinities, and increasing in between', () => {
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    let previous = 0;
    for (let x = -10; x <= 10; x += 0.01) {
      const value = normalCdf(x);
      expect(value).toBeGreaterThanOrEqual(previous);
      previous = value;
    }
  });
});

describe('erfc', () => {
  it.each(erfcReference)('erfc(%d) matches the reference to 1e-14 relative', (x, expected) => {
    expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(1e-14);
  });

  it('is continuous where the approximation changes interval (0.46875 and 4)', () => {
    for (const edge of [0.46875, 4]) {
      expect(erfc(edge + 1e-12) / erfc(edge - 1e-12)).toBeCloseTo(1, 10);
    }
  });
});

describe('normalPdf', () => {
  it('is 1/√(2π) at 0 and the derivative of Φ elsewhere', () => {
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 16);
    const h = 1e-5;
    for (const x of [-3, -1, 0.5, 2]) {
      expect((normalCdf(x + h) - normalCdf(x - h)) / (2 * h)).toBeCloseTo(normalPdf(x), 9);
    }
  });
});
