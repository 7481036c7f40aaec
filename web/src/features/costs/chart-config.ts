/**
 * The Chart.js configuration of a cost chart: USD as bars, tokens on a second axis. A line only
 * where its x axis is time (a line across agents or models would join unrelated categories); a
 * breakdown by category draws tokens as bars too. A single time bucket still shows its token point.
 */
import type { ChartConfiguration } from 'chart.js';
import { type BarSeries, formatTokens, formatUsd } from './costs-model.ts';

export type CostChartConfig = ChartConfiguration<'bar' | 'line', number[], string>;

export function costChartConfig(
  series: BarSeries,
  options: { over: 'time' | 'categories'; horizontal?: boolean; animate?: boolean },
): CostChartConfig {
  const horizontal = options.horizontal ?? false;
  const overTime = options.over === 'time';
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
        overTime
          ? {
              type: 'line',
              label: 'Tokens',
              data: series.tokens,
              borderColor: '#f2c94c',
              backgroundColor: '#f2c94c',
              // One bucket is one point: big enough to see without a line through it.
              pointRadius: series.tokens.length === 1 ? 6 : 3,
              pointHoverRadius: 7,
              ...onAxis('tokens'),
            }
          : {
              type: 'bar',
              label: 'Tokens',
              data: series.tokens,
              backgroundColor: 'rgb(242 201 76 / 70%)',
              borderColor: '#f2c94c',
              borderWidth: 1,
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
