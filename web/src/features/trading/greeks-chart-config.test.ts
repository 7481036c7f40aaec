import { describe, expect, it } from 'vitest';
import { greeksChartConfig, ivTickLabel } from './greeks-chart-config.ts';

const series = (n: number) => ({
  labels: Array.from({ length: n }, (_, i) => `t${i}`),
  values: {
    implied_volatility: Array.from({ length: n }, () => 0.153),
    delta: Array.from({ length: n }, () => 0.5),
    gamma: Array.from({ length: n }, () => 0.02),
    theta: Array.from({ length: n }, () => -0.4),
    vega: Array.from({ length: n }, () => null),
  },
});

describe('the Greeks chart configuration', () => {
  it('puts IV on its own percentage axis and the Greeks on the other, gaps kept', () => {
    const config = greeksChartConfig(series(3), { animate: false });
    const axes = config.data.datasets.map((set) => [set.label, set.yAxisID]);
    expect(axes).toEqual([
      ['IV', 'iv'],
      ['Delta', 'greeks'],
      ['Gamma', 'greeks'],
      ['Theta (per day)', 'greeks'],
      ['Vega (per vol point)', 'greeks'],
    ]);
    expect(config.data.datasets[4]?.data).toEqual([null, null, null]);
    expect(config.options?.animation).toBe(false);
    const ticks = config.options?.scales?.iv?.ticks as { callback: (value: number) => string };
    expect(ticks.callback(0.153)).toBe('15.3%');
  });
  it('draws a single snapshot as visible points', () => {
    expect(greeksChartConfig(series(1)).data.datasets[0]?.pointRadius).toBe(5);
    expect(greeksChartConfig(series(4)).data.datasets[0]?.pointRadius).toBe(2);
  });
});

describe('IV tick labels', () => {
  const ticks = (values: number[]) => values.map((value) => ({ value }));

  it('keep one decimal when the axis steps by a point or more', () => {
    expect(ivTickLabel(0.25, ticks([0.2, 0.25, 0.3]))).toBe('25.0%');
  });

  it('add decimals until neighbouring ticks differ', () => {
    const axis = ticks([0.154, 0.1541, 0.1542]);
    expect(axis.map((tick) => ivTickLabel(tick.value, axis))).toEqual(['15.40%', '15.41%', '15.42%']);
  });

  it('fall back to one decimal for a lone tick', () => {
    expect(ivTickLabel(0.154, ticks([0.154]))).toBe('15.4%');
  });
});
