import { describe, expect, it } from 'vitest';
import {
  type Backtest,
  backtestRequest,
  curveSeries,
  dateRange,
  defaultForm,
  metricTiles,
  type Strategy,
} from './backtest-model.ts';

const strategies: Strategy[] = [
  { name: 'buy_and_hold', description: '', params: [] },
  {
    name: 'ma_crossover',
    description: '',
    params: [
      { name: 'fast', type: 'integer', default: 20 },
      { name: 'slow', type: 'integer', default: 50 },
    ],
  },
];
const symbols = [
  { symbol: 'QQQ', first_date: '2015-01-02', last_date: '2024-12-31', bars: 2515 },
  { symbol: 'SPY', first_date: '2015-01-02', last_date: '2024-12-31', bars: 2515 },
  { symbol: 'NEW', first_date: '2020-03-02', last_date: '2024-06-28', bars: 1000 },
];

describe('the backtest form', () => {
  it('defaults to MA crossover on SPY over the bundled range with its parameter defaults', () => {
    expect(defaultForm(strategies, symbols)).toEqual({
      strategy: 'ma_crossover',
      symbols: ['SPY'],
      start: '2015-01-02',
      end: '2024-12-31',
      initial_cash: 100000,
      fee_bps: 1,
      slippage_bps: 2,
      params: { fast: '20', slow: '50' },
    });
  });
  it('narrows the dates to what every chosen symbol covers', () => {
    expect(dateRange(symbols, ['SPY', 'NEW'])).toEqual({ start: '2020-03-02', end: '2024-06-28' });
  });
  it('sends numbers as numbers and leaves empty parameters out', () => {
    const form = { ...defaultForm(strategies, symbols), params: { fast: '10', slow: '' } };
    expect(backtestRequest(form, strategies[1], 'o1')).toMatchObject({
      orchestrator_id: 'o1',
      strategy: 'ma_crossover',
      symbols: ['SPY'],
      params: { fast: 10 },
    });
  });
});

describe('results', () => {
  const backtest: Backtest = {
    id: 'b1',
    strategy: 'ma_crossover',
    symbols: ['SPY'],
    start: '2015-01-02',
    end: '2024-12-31',
    initial_cash: 100000,
    final_value: 181234.5,
    num_trades: 12,
    params: {},
    metrics: {
      total_return_pct: 81.2345,
      cagr_pct: 6.1,
      sharpe: 0.71,
      sortino: null,
      max_drawdown: 0.2,
      max_drawdown_pct: 20.5,
      exposure_pct: 64,
      num_trades: 12,
    },
    created_at: '',
  };
  it('shows the metrics as tiles, drawdown negative', () => {
    const tiles = Object.fromEntries(metricTiles(backtest).map((t) => [t.label, t.value]));
    expect(tiles).toMatchObject({
      'Total return': '81.23%',
      Sortino: '—',
      'Max drawdown': '-20.50%',
      Trades: '12',
      'Final value': '181,235',
    });
  });
  it('draws dates as labels and drawdown at or below zero', () => {
    expect(
      curveSeries([
        { date: '2015-01-02', equity: 100000, drawdown_pct: 0 },
        { date: '2015-01-05T00:00:00Z', equity: 98000, drawdown_pct: 2 },
      ]),
    ).toEqual({ labels: ['2015-01-02', '2015-01-05'], equity: [100000, 98000], drawdown: [-0, -2] });
  });
});
