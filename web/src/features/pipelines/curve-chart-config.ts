/**
 * Chart.js configurations of a backtest's curves: equity as a line and drawdown as a filled area at or
 * below zero. Dates sit on a category axis (no date adapter is bundled) thinned to a few ticks, so
 * the x axis reads as dates.
 */
import type { ChartConfiguration } from 'chart.js';

export type CurveChartConfig = ChartConfiguration<'line', number[], string>;

export function curveChartConfig(
  kind: 'equity' | 'drawdown',
  labels: string[],
  values: number[],
  options: { animate?: boolean } = {},
): CurveChartConfig {
  const drawdown = kind === 'drawdown';
  const colour = drawdown ? '#ff8a8a' : '#8ab4ff';
  return {
    type: 'line',
    data: {
      labels,
      datasets: [
        {
          label: drawdown ? 'Drawdown (%)' : 'Equity',
          data: values,
          borderColor: colour,
          backgroundColor: drawdown ? 'rgb(255 138 138 / 30%)' : colour,
          fill: drawdown ? 'origin' : false,
          borderWidth: 1.5,
          pointRadius: 0,
          tension: 0,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: options.animate === false ? false : { duration: 250 },
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { display: false } },
      scales: {
        x: { type: 'category', ticks: { maxTicksLimit: 6, maxRotation: 0, autoSkip: true } },
        y: drawdown
          ? { max: 0, ticks: { callback: (value) => `${Number(value).toFixed(0)}%` } }
          : {
              ticks: {
                callback: (value) => Number(value).toLocaleString('en-US', { maximumFractionDigits: 0 }),
              },
            },
      },
    },
  };
}
