import { describe, expect, it } from 'vitest';
import { curveChartConfig } from './curve-chart-config.ts';

describe('curveChartConfig', () => {
  it('draws drawdown as an area capped at zero, on dates', () => {
    const config = curveChartConfig('drawdown', ['2015-01-02', '2015-01-05'], [0, -2]);
    const dataset = config.data.datasets[0];
    expect(dataset?.fill).toBe('origin');
    expect(dataset?.data).toEqual([0, -2]);
    expect(config.data.labels).toEqual(['2015-01-02', '2015-01-05']);
    expect(config.options?.scales?.y?.max).toBe(0);
    expect(config.options?.scales?.x?.type).toBe('category');
  });
  it('draws equity as a plain line', () => {
    const config = curveChartConfig('equity', ['d'], [100], { animate: false });
    expect(config.data.datasets[0]?.fill).toBe(false);
    expect(config.options?.animation).toBe(false);
  });
});
