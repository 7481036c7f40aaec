/**
 * The offline market's intraday price of an underlying at any instant: the reference price times
 * exp(a sum of smooth noise octaves), with periods from a minute to a month and amplitudes of
 * σ·√(period), so the path looks like a random walk at every scale a screen shows (quotes move
 * second to second, the day has a trend) yet never drifts far from the reference (a month's octave
 * is the slowest). Pure and deterministic: the same symbol and instant always give the same price.
 */
import { offlineInstrument } from './instruments.ts';
import { seedOf, valueNoise } from './seeded-noise.ts';

const MINUTE_MS = 60_000;
const YEAR_MS = 365 * 24 * 60 * MINUTE_MS;

/** Octave periods: 1 min, 10 min, 1 h, a trading session, a week, a month. */
const OCTAVE_PERIODS_MS = [1, 10, 60, 390, 7 * 1440, 30 * 1440].map((minutes) => minutes * MINUTE_MS);

/** The mid price of a bundled underlying at `at`, unrounded; undefined for an unknown symbol. */
export function underlyingMid(symbol: string, at: Date): number | undefined {
  const instrument = offlineInstrument(symbol);
  if (!instrument) return undefined;
  const ms = at.getTime();
  let logOffset = 0;
  OCTAVE_PERIODS_MS.forEach((period, octave) => {
    const amplitude = instrument.volatility * Math.sqrt(period / YEAR_MS);
    logOffset += amplitude * valueNoise(seedOf(`${symbol}:path:${octave}`), ms / period);
  });
  return instrument.referencePrice * Math.exp(logOffset);
}

/** The most the path can move away from the reference, as a fraction (for tests and strike ranges). */
export function maxPathDeviation(volatility: number): number {
  const total = OCTAVE_PERIODS_MS.reduce((sum, period) => sum + volatility * Math.sqrt(period / YEAR_MS), 0);
  return Math.exp(total) - 1;
}
