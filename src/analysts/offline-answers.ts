/**
 * What the built-in offline model answers as an analyst (no AI): the sentiment from the keyword
 * lexicon, the insider signal from the aggregates' direction and breadth, coaching rules from fixed
 * thresholds on the metrics. Deterministic: the same input always gets the same answer.
 */
import type { InsiderAggregates } from './insider.ts';
import type { JournalMetrics } from './journal.ts';
import { readSentiment } from './lexicon.ts';
import type { CoachingResult, InsiderResult, SentimentResult } from './tools.ts';

const PREFIX = '[offline]';

export function offlineSentiment(
  news: ReadonlyArray<{ headline: string; summary?: string | undefined }>,
): SentimentResult {
  const reading = readSentiment(news);
  const examples = [...new Set([...reading.positive, ...reading.negative])].slice(0, 5);
  const explanation =
    `${PREFIX} Keyword lexicon: ${reading.positive.length} positive and ${reading.negative.length} ` +
    `negative keyword(s) across ${reading.headlines} headline(s)` +
    (examples.length > 0 ? ` (${examples.map((word) => `"${word}"`).join(', ')}).` : '.');
  return { score: reading.score, confidence: reading.confidence, explanation };
}

export function offlineInsider(symbol: string, aggregates: InsiderAggregates): InsiderResult {
  const { net_shares: net, buyers, sellers } = aggregates;
  // Selling has many routine reasons (taxes, diversification); buying has one. So a net sale is a
  // weaker signal than a net purchase of the same breadth.
  const signal = net > 0 && buyers > 0 ? 'bullish' : net < 0 && sellers > 0 ? 'bearish' : 'neutral';
  const confidence =
    signal === 'bullish'
      ? Math.min(0.9, 0.4 + 0.15 * buyers)
      : signal === 'bearish'
        ? Math.min(0.7, 0.3 + 0.1 * sellers)
        : 0.2;
  const summary =
    `${PREFIX} ${symbol}: ${aggregates.purchases} purchase(s) by ${buyers} buyer(s), ` +
    `${aggregates.sales} sale(s) by ${sellers} seller(s); net ${formatNumber(net)} shares ` +
    `($${formatNumber(aggregates.net_value)}).`;
  const notable = aggregates.notable.map(
    (tx) =>
      `- ${tx.transaction_date} ${tx.insider_name}: ${tx.transaction_code === 'P' ? 'bought' : 'sold'} ` +
      `${formatNumber(tx.shares)} shares${tx.price === null ? '' : ` at $${tx.price}`}`,
  );
  const report = [
    `## Insider activity: ${symbol}`,
    '',
    '| net shares | net value | buyers | sellers | other filings |',
    '| --- | --- | --- | --- | --- |',
    `| ${formatNumber(net)} | $${formatNumber(aggregates.net_value)} | ${buyers} | ${sellers} | ${aggregates.other_transactions} |`,
    '',
    '### Notable trades',
    '',
    ...(notable.length > 0 ? notable : ['- none (no open-market purchases or sales)']),
    '',
    `**Signal:** ${signal} (confidence ${round2(confidence)}). Produced by the offline model's rules, not an AI.`,
  ].join('\n');
  return { summary, signal, confidence: round2(confidence), report };
}

export function offlineCoaching(metrics: JournalMetrics): CoachingResult {
  const strengths: string[] = [];
  const weaknesses: string[] = [];
  const rules: string[] = [];
  const payoff = metrics.avg_loss === 0 ? null : metrics.avg_win / metrics.avg_loss;
  if (metrics.win_rate >= 0.5) strengths.push(`Win rate of ${percent(metrics.win_rate)}.`);
  else weaknesses.push(`Win rate of ${percent(metrics.win_rate)}: most decided trades lose.`);
  if (payoff !== null && payoff >= 1.5) strengths.push(`Winners average ${round2(payoff)}× the losers.`);
  if (payoff !== null && payoff < 1) {
    weaknesses.push(`Average loss (${metrics.avg_loss}) exceeds average win (${metrics.avg_win}).`);
    rules.push(`Exit any trade once it loses ${metrics.avg_win} (your average win); no exceptions.`);
  }
  if (metrics.expectancy > 0) strengths.push(`Positive expectancy: ${metrics.expectancy} per trade.`);
  else {
    weaknesses.push(`Expectancy of ${metrics.expectancy} per trade: the system loses money on average.`);
    rules.push('Halve position size until 20 consecutive trades show a positive expectancy.');
  }
  if (metrics.total_pnl > 0 && metrics.max_drawdown > metrics.total_pnl / 2) {
    weaknesses.push(
      `Max drawdown (${metrics.max_drawdown}) is large against total P&L (${metrics.total_pnl}).`,
    );
  }
  if (metrics.max_drawdown > 0) {
    rules.push(
      `Stop trading for the day after losses reach ${round2(metrics.max_drawdown / 2)} (half the max drawdown).`,
    );
  }
  if (metrics.num_trades < 20) {
    rules.push(
      `Log at least ${20 - metrics.num_trades} more trades before changing the strategy: ${metrics.num_trades} is too few to judge.`,
    );
  }
  rules.push('Write the entry reason, stop and target in the journal before every trade.');
  const summary =
    `${PREFIX} ${metrics.num_trades} trade(s), total P&L ${metrics.total_pnl}, win rate ` +
    `${percent(metrics.win_rate)}, profit factor ${metrics.profit_factor ?? 'n/a (no losses)'}. ` +
    `Rules follow fixed thresholds on these metrics, not an AI's judgement.`;
  return { strengths, weaknesses, rules: rules.slice(0, 8), summary };
}

function percent(ratio: number): string {
  return `${round2(ratio * 100)}%`;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
