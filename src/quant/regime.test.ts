import { describe, expect, it } from 'vitest';
import { tradingDays } from './calendar.ts';
import { QuantInputError } from './errors.ts';
import type { PriceTable } from './price-table.ts';
import { classifyRegime } from './regime.ts';

const ROWS = 260;
const dates = tradingDays('2023-01-01', '2024-12-31').slice(0, ROWS);

/** Closes from a start price and a per-row growth factor. */
function path(start: number, growth: (row: number) => number): number[] {
  const closes: number[] = [];
  let price = start;
  for (let row = 0; row < ROWS; row++) {
    if (row > 0) price *= growth(row);
    closes.push(price);
  }
  return closes;
}

/** A steady drift with a small ±0.2% zig-zag: a calm market (realised vol ≈ 6%). */
const calm = (start: number, drift: number) =>
  path(start, (row) => (1 + drift) * (row % 2 === 0 ? 1.002 : 1 / 1.002));

describe('classifyRegime', () => {
  it('a calm rally with bonds drifting down: Risk-On / Low/Normal Vol / Uptrend / Healthy Breadth', () => {
    const prices: PriceTable = {
      dates,
      closes: {
        SPY: calm(400, 0.001),
        QQQ: calm(300, 0.0012),
        TLT: calm(100, -0.0005),
        GLD: calm(180, 0.0003),
      },
    };
    const regime = classifyRegime(prices);
    expect(regime.label).toBe('Risk-On / Low/Normal Vol / Uptrend / Healthy Breadth');
    expect(regime.asof).toBe(dates[ROWS - 1]);
    expect(regime.signals.breadth).toBe(1);
    expect(regime.signals.breadth_tickers).toEqual(['SPY', 'QQQ', 'GLD']);
    expect(regime.signals.realised_vol_20d).toBeLessThan(0.1);
    expect(regime.drivers).toHaveLength(4);
  });

  it('a calm decline with bonds rising: Risk-Off / Low/Normal Vol / Downtrend / Weak Breadth', () => {
    const prices: PriceTable = {
      dates,
      closes: {
        SPY: calm(400, -0.001),
        QQQ: calm(300, -0.0012),
        TLT: calm(100, 0.0005),
        GLD: calm(180, -0.0003),
      },
    };
    const regime = classifyRegime(prices);
    expect(regime.label).toBe('Risk-Off / Low/Normal Vol / Downtrend / Weak Breadth');
    expect(regime.signals.breadth).toBe(0);
    expect(regime.signals.relative_return_63d).toBeLessThan(0);
  });

  it('stocks beating bonds in a downtrend is still Risk-Off', () => {
    const prices: PriceTable = { dates, closes: { SPY: calm(400, -0.0005), TLT: calm(100, -0.002) } };
    const regime = classifyRegime(prices);
    expect(regime.signals.relative_return_63d).toBeGreaterThan(0);
    expect(regime.segments.risk).toBe('Risk-Off');
    expect(regime.segments.trend).toBe('Downtrend');
  });

  it('±3% daily swings over the last month: High Vol', () => {
    const swinging = path(400, (row) => (row >= ROWS - 30 ? (row % 2 === 0 ? 1.03 : 1 / 1.03) : 1.001));
    const regime = classifyRegime({ dates, closes: { SPY: swinging, TLT: calm(100, 0) } });
    expect(regime.segments.volatility).toBe('High Vol');
    // Log returns of ±ln(1.03) alternate: sample std ≈ 0.0296 × √(20/19) → × √252 ≈ 0.48.
    expect(regime.signals.realised_vol_20d).toBeCloseTo(
      Math.log(1.03) * Math.sqrt(20 / 19) * Math.sqrt(252),
      10,
    );
  });

  it('reports the SMAs it used and a confidence within [0.5, 0.95]', () => {
    const spy = calm(400, 0.001);
    const regime = classifyRegime({ dates, closes: { SPY: spy, TLT: calm(100, 0) } });
    const last50 = spy.slice(-50).reduce((sum, close) => sum + close, 0) / 50;
    const last200 = spy.slice(-200).reduce((sum, close) => sum + close, 0) / 200;
    expect(regime.signals.equity_sma50).toBeCloseTo(last50, 8);
    expect(regime.signals.equity_sma200).toBeCloseTo(last200, 8);
    expect(regime.confidence).toBeGreaterThanOrEqual(0.5);
    expect(regime.confidence).toBeLessThanOrEqual(0.95);
  });

  it('clear errors for too little data and a missing proxy', () => {
    const short = {
      dates: dates.slice(0, 199),
      closes: { SPY: calm(400, 0).slice(0, 199), TLT: calm(100, 0).slice(0, 199) },
    };
    expect(() => classifyRegime(short)).toThrow(/at least 200 daily closes/);
    expect(() => classifyRegime({ dates, closes: { SPY: calm(400, 0) } })).toThrow(QuantInputError);
    expect(() =>
      classifyRegime({ dates, closes: { SPY: calm(400, 0), TLT: calm(100, 0).slice(1) } }),
    ).toThrow(/closes for 260 dates/);
  });
});
