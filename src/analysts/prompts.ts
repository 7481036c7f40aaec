/**
 * The analysts' prompts: an instruction, then the data as tagged JSON-line sections
 * (src/autocomplete/sections.ts), which a model reads as easily as prose and the offline model reads
 * back exactly (src/model/offline/analysts.ts). The numbers the insider and journal analysts
 * interpret are computed in code and handed over, never left to the model's arithmetic.
 */
import { section } from '../autocomplete/sections.ts';
import type { NewsItem } from './data/samples.ts';
import type { InsiderAggregates } from './insider.ts';
import type { JournalMetrics } from './journal.ts';

export const ANALYST_SYSTEM_PROMPT =
  'You are a careful markets analyst. Answer only through the tool you are given, grounded in the ' +
  'data in the message; do not invent facts, prices or events. Be concise and specific.';

export function sentimentPrompt(symbol: string, news: readonly NewsItem[]): string {
  return [
    `Rate the sentiment of these news items about ${symbol}.`,
    ...section('symbol', [symbol]),
    ...section(
      'headlines',
      news.map((item) => ({
        headline: item.headline,
        summary: item.summary ?? null,
        published_at: item.published_at,
        source: item.source ?? null,
      })),
    ),
  ].join('\n');
}

export function insiderPrompt(symbol: string, aggregates: InsiderAggregates): string {
  return [
    `Interpret the insider transactions of ${symbol}. Open-market purchases (P) and sales (S) are the ` +
      'discretionary signals; other codes are counted separately. Write the report in Markdown.',
    ...section('symbol', [symbol]),
    ...section('aggregates', [aggregates]),
  ].join('\n');
}

export function journalPrompt(metrics: JournalMetrics, symbols: readonly string[]): string {
  return [
    'Coach this trader from the metrics of their trade journal. P&L is in the account currency; ' +
      'avg_loss and max_drawdown are positive amounts; profit_factor is null when there was no loss. ' +
      'Rules must be concrete and checkable.',
    ...section('metrics', [metrics]),
    ...section('symbols', [symbols]),
  ].join('\n');
}
