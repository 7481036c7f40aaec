import { describe, expect, it } from 'vitest';
import { costChartConfig } from './chart-config.ts';

const series = { labels: ['a', 'b'], costs: [0.1, 0.2], tokens: [10, 20] };

describe('costChartConfig', () => {
  it('puts cost bars and a token line on their own value axes', () => {
    const config = costChartConfig(series);
    expect(config.data.labels).toEqual(['a', 'b']);
    expect(config.data.datasets.map((d) => [d.type, d.data, 'yAxisID' in d ? d.yAxisID : undefined])).toEqual(
      [
        ['bar', [0.1, 0.2], 'cost'],
        ['line', [10, 20], 'tokens'],
      ],
    );
    expect(config.options?.indexAxis).toBe('x');
  });

  it('turns sideways for long labels and can skip animation', () => {
    const config = costChartConfig(series, { horizontal: true, animate: false });
    expect(config.options?.indexAxis).toBe('y');
    expect(config.options?.animation).toBe(false);
    expect(config.data.datasets.every((d) => 'xAxisID' in d)).toBe(true);
  });
});
