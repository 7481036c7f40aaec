import { describe, expect, it } from 'vitest';
import { QuantInputError } from './errors.ts';
import { analysePortfolio, portfolioHeat } from './portfolio.ts';
import { sampleStd } from './stats.ts';

const prices = {
  dates: ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'],
  closes: { AAA: [100, 102, 101, 104], BBB: [50, 49, 51, 52], CCC: [10, 10, 10, 10] },
};

describe('analysePortfolio', () => {
  it('values, weights, returns and P&L against the cost basis', () => {
    const report = analysePortfolio({
      holdings: [
        { symbol: 'AAA', shares: 10, avg_price: 90 },
        { symbol: 'BBB', shares: 20, avg_price: 55 },
      ],
      prices,
    });
    // Value per day: 10 × AAA + 20 × BBB = 2000, 2000, 2030, 2080.
    expect(report.total_value).toBe(2080);
    expect(report.open_positions).toBe(2);
    expect(report.total_exposure).toBe(2080);
    expect(report.ret_window).toBeCloseTo(0.04, 12);
    expect(report.ret_cost_basis).toBeCloseTo(2080 / 2000 - 1, 12); // cost 900 + 1100
    expect(report.current_pnl).toBe(10 * 14 + 20 * -3);
    expect(report.current_pnl_basis).toBe('cost_basis');
    expect(report.holdings[0]).toEqual({
      symbol: 'AAA',
      shares: 10,
      avg_price: 90,
      last_price: 104,
      market_value: 1040,
      weight: 0.5,
      unrealised_pnl: 140,
    });
    const returns = [0, 30 / 2000, 50 / 2030];
    expect(report.vol_annual).toBeCloseTo(sampleStd(returns) * Math.sqrt(252), 12);
    expect(report.portfolio_heat).toBeCloseTo(0.6 * (report.vol_annual ?? 0), 12);
  });

  it('without a cost basis, P&L is the change over the window; cash adds to the value, not to exposure', () => {
    const report = analysePortfolio({ holdings: [{ symbol: 'AAA', shares: 10 }], prices, cash: 960 });
    expect(report.total_value).toBe(2000);
    expect(report.total_exposure).toBe(1040);
    expect(report.holdings[0]?.weight).toBe(0.52);
    expect(report.current_pnl).toBe(40);
    expect(report.current_pnl_basis).toBe('window');
    expect(report.ret_cost_basis).toBeNull();
  });

  it('a constant value has zero volatility and zero heat; one date has no volatility (null, not NaN)', () => {
    expect(analysePortfolio({ holdings: [{ symbol: 'CCC', shares: 5 }], prices }).vol_annual).toBe(0);
    const oneDay = { dates: ['2024-01-02'], closes: { AAA: [100] } };
    const report = analysePortfolio({ holdings: [{ symbol: 'AAA', shares: 1 }], prices: oneDay });
    expect(report.vol_annual).toBeNull();
    expect(report.portfolio_heat).toBe(0);
    expect(report.ret_window).toBeNull();
  });

  it('heat is capped at 1', () => {
    expect(portfolioHeat(2)).toBe(1);
    expect(portfolioHeat(null)).toBe(0);
  });

  it('missing prices are an error listing every such symbol (no network fetch)', () => {
    const holdings = [
      { symbol: 'AAPL', shares: 1 },
      { symbol: 'AAA', shares: 1 },
      { symbol: 'NVDA', shares: 2 },
    ];
    expect(() => analysePortfolio({ holdings, prices })).toThrow(
      'prices.closes has no closes for held symbol(s): AAPL, NVDA',
    );
  });

  it('rejects duplicate symbols and non-finite shares', () => {
    const duplicate = [
      { symbol: 'AAA', shares: 1 },
      { symbol: 'AAA', shares: 2 },
    ];
    expect(() => analysePortfolio({ holdings: duplicate, prices })).toThrow(QuantInputError);
    expect(() => analysePortfolio({ holdings: [{ symbol: 'AAA', shares: Number.NaN }], prices })).toThrow(
      QuantInputError,
    );
  });
});
