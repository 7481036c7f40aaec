/**
 * The Chart.js configuration of one contract's Greeks over time: IV on its own axis (a fraction,
 * shown as a percentage), the other Greeks on a second axis; each metric can be hidden from the legend.
 */
import type { ChartConfiguration } from 'chart.js';
import { type GreeksSeries, METRIC_LABELS, METRICS, type Metric } from './greeks-model.ts';

export type GreeksChartConfig = ChartConfiguration<'line', Array<number | null>, string>;

const COLOURS: Record<Metric, string> = {
  implied_volatility: '#8ab4ff',
  delta: '#6fdc8c',
  gamma: '#f2c94c',
  theta: '#ff8a8a',
  vega: '#7fd1e6',
};

export function greeksChartConfig(
  series: GreeksSeries,
  options: { animate?: boolean } = {},
): GreeksChartConfig {
  const single = series.labels.length === 1;
  return {
    type: 'line',
    data: {
      labels: series.labels,
      datasets: METRICS.map((metric) => ({
        label: METRIC_LABELS[metric],
        data: series.values[metric],
        borderColor: COLOURS[metric],
        backgroundColor: COLOURS[metric],
        // One snapshot is one point: big enough to see without a line through it.
        pointRadius: single ? 5 : 2,
        spanGaps: false,
        yAxisID: metric === 'implied_volatility' ? 'iv' : 'greeks',
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: options.animate === false ? false : { duration: 250 },
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { labels: { boxWidth: 12 } } },
      scales: {
        iv: {
          position: 'left',
          ticks: { callback: (value, _index, ticks) => ivTickLabel(Number(value), ticks ?? []) },
          title: { display: true, text: 'IV' },
        },
        greeks: {
          position: 'right',
          grid: { drawOnChartArea: false },
          title: { display: true, text: 'Greeks' },
        },
      },
    },
  };
}

/**
 * A percentage with as many decimals as the axis step needs (at least one): a contract's IV often
 * moves by a few hundredths of a point between snapshots, and a fixed precision would print the
 * same label on every tick.
 */
export function ivTickLabel(value: number, ticks: ReadonlyArray<{ value: number }> = []): string {
  const [first, second] = ticks;
  const step = first && second ? Math.abs(second.value - first.value) * 100 : 0;
  const decimals = step > 0 ? Math.min(4, Math.max(1, Math.ceil(-Math.log10(step) - 1e-9))) : 1;
  return `${(value * 100).toFixed(decimals)}%`;
}
