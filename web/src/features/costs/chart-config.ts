/** The Chart.js configuration of a cost chart: USD as bars, tokens as a line on a second axis. */
import type { ChartConfiguration } from 'chart.js';
import { type BarSeries, formatTokens, formatUsd } from './costs-model.ts';

export type CostChartConfig = ChartConfiguration<'bar' | 'line', number[], string>;

export function costChartConfig(
  series: BarSeries,
  options: { horizontal?: boolean; animate?: boolean } = {},
): CostChartConfig {
  const horizontal = options.horizontal ?? false;
  const onAxis = (id: string) => (horizontal ? { xAxisID: id } : { yAxisID: id });
  const valueAxis = horizontal ? ('x' as const) : ('y' as const);
  return {
    type: 'bar',
    data: {
      labels: series.labels,
      datasets: [
        {
          type: 'bar',
          label: 'Cost (USD)',
          data: series.costs,
          backgroundColor: 'rgb(138 180 255 / 75%)',
          borderColor: '#8ab4ff',
          borderWidth: 1,
          ...onAxis('cost'),
        },
        {
          type: 'line',
          label: 'Tokens',
          data: series.tokens,
          borderColor: '#f2c94c',
          backgroundColor: '#f2c94c',
          pointRadius: 2,
          ...onAxis('tokens'),
        },
      ],
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: options.animate === false ? false : { duration: 250 },
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: {
            label: (item) =>
              item.dataset.label === 'Tokens'
                ? `Tokens: ${formatTokens(Number(item.raw))}`
                : `Cost: ${formatUsd(Number(item.raw))}`,
          },
        },
      },
      scales: {
        cost: {
          axis: valueAxis,
          position: horizontal ? 'bottom' : 'left',
          beginAtZero: true,
          ticks: { callback: (value) => formatUsd(Number(value)) },
        },
        tokens: {
          axis: valueAxis,
          position: horizontal ? 'top' : 'right',
          beginAtZero: true,
          grid: { drawOnChartArea: false },
          ticks: { callback: (value) => formatTokens(Number(value)) },
        },
      },
    },
  };
}
