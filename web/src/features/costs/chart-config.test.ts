import { describe, expect, it } from 'vitest';
import { costChartConfig } from './chart-config.ts';

const series = { labels: ['a', 'b'], costs: [0.1, 0.2], tokens: [10, 20] };

function shapes(config: ReturnType<typeof costChartConfig>) {
  return config.data.datasets.map((d) => [d.type, d.data, 'yAxisID' in d ? d.yAxisID : undefined]);
}

describe('costChartConfig', () => {
  it('over time: cost bars and a token line on their own value axes', () => {
    const config = costChartConfig(series, { over: 'time' });
    expect(config.data.labels).toEqual(['a', 'b']);
    expect(shapes(config)).toEqual([
      ['bar', [0.1, 0.2], 'cost'],
      ['line', [10, 20], 'tokens'],
    ]);
    expect(config.options?.indexAxis).toBe('x');
  });

  it('by category (agents, models): tokens are bars, never a line joining unrelated categories', () => {
    const config = costChartConfig(series, { over: 'categories' });
    expect(shapes(config)).toEqual([
      ['bar', [0.1, 0.2], 'cost'],
      ['bar', [10, 20], 'tokens'],
    ]);
    expect(config.data.datasets.some((d) => d.type === 'line')).toBe(false);
  });

  it('a single time bucket draws its token point large enough to see', () => {
    const one = costChartConfig({ labels: ['a'], costs: [0], tokens: [1234] }, { over: 'time' });
    const many = costChartConfig(series, { over: 'time' });
    const radius = (config: ReturnType<typeof costChartConfig>) => {
      const line = config.data.datasets.find((d) => d.type === 'line');
      return line && 'pointRadius' in line ? line.pointRadius : undefined;
    };
    expect(radius(one)).toBeGreaterThanOrEqual(5);
    expect(radius(many)).toBeGreaterThanOrEqual(3);
  });

  it('turns sideways for long labels and can skip animation', () => {
    const config = costChartConfig(series, { over: 'categories', horizontal: true, animate: false });
    expect(config.options?.indexAxis).toBe('y');
    expect(config.options?.animation).toBe(false);
    expect(config.data.datasets.every((d) => 'xAxisID' in d)).toBe(true);
  });
});
