/**
 * The bars a validated request runs on, or why there are none worth running: an unknown symbol
 * (the issue lists the available ones), a window outside a symbol's coverage (the issue gives the
 * range), or a window with fewer bars than the strategy needs before it can trade at all.
 */
import type { DailyBarSource } from '../market-data/daily-bars.ts';
import type { BarsBySymbol } from '../quant/backtest/types.ts';
import { BacktestInputError, type BacktestIssue } from './errors.ts';
import type { BacktestRequest } from './request.ts';
import { minimumBars, strategySpec } from './strategies.ts';

export async function loadBacktestBars(
  request: BacktestRequest,
  source: DailyBarSource,
): Promise<BarsBySymbol> {
  const coverage = new Map((await source.coverage()).map((entry) => [entry.symbol, entry]));
  const issues: BacktestIssue[] = [];
  request.symbols.forEach((symbol, index) => {
    const covered = coverage.get(symbol);
    if (!covered) {
      issues.push({
        path: `symbols.${index}`,
        message: `${symbol} has no daily bars in ${source.name} (available: ${[...coverage.keys()].join(', ')})`,
      });
      return;
    }
    if (request.start < covered.first_date || request.end > covered.last_date)
      issues.push({
        path: request.start < covered.first_date ? 'start' : 'end',
        message: `${symbol}'s bars cover ${covered.first_date} to ${covered.last_date}; the window ${request.start} to ${request.end} is outside it`,
      });
  });
  if (issues.length > 0) throw new BacktestInputError(issues);

  const needed = minimumBars(strategySpec(request.strategy, request.params));
  const bars: BarsBySymbol = {};
  for (const symbol of request.symbols) {
    const series = await source.bars(symbol, request.start, request.end);
    if (series.length < needed)
      issues.push({
        path: 'start',
        message: `${symbol} has ${series.length} bars from ${request.start} to ${request.end}; ${request.strategy} needs at least ${needed} (its warm-up, a signal and a fill)`,
      });
    bars[symbol] = series;
  }
  if (issues.length > 0) throw new BacktestInputError(issues);
  return bars;
}
