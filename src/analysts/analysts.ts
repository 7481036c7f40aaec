/**
 * The three analysts: each gathers its input (bundled samples when none is given for a bundled
 * symbol), computes what code can compute, consults the model through its tool, and stores the answer
 * in `analyst_reports` with the input it was given.
 */
import type { OrchestratorRow } from '../db/orchestrators.ts';
import { ValidationError } from '../http/errors.ts';
import { type AnalystDeps, consult } from './consult.ts';
import { type NewsItem, SAMPLE_SYMBOLS, sampleNews, sampleTransactions } from './data/samples.ts';
import { type InsiderTransaction, insiderAggregates } from './insider.ts';
import { type JournalTrade, journalMetrics } from './journal.ts';
import { round } from './lexicon.ts';
import { insiderPrompt, journalPrompt, sentimentPrompt } from './prompts.ts';
import { insertAnalystReport, previousSentimentScore } from './reports-db.ts';
import { COACHING_TOOL, INSIDER_TOOL, SENTIMENT_TOOL } from './tools.ts';

/** A score change at least this large (on the −1..1 scale) is a shift worth an alert. */
export const SHIFT_THRESHOLD = 0.3;

export async function sentimentShift(
  deps: AnalystDeps,
  orchestrator: OrchestratorRow,
  input: { symbol: string; news?: NewsItem[] | undefined },
) {
  const symbol = input.symbol;
  const given = input.news && input.news.length > 0 ? input.news : undefined;
  const news = given ?? sampleNews(symbol) ?? requireInput('news', symbol);
  const previous = await previousSentimentScore(deps.db, orchestrator.id, symbol);
  const answer = await consult(deps, orchestrator, SENTIMENT_TOOL, sentimentPrompt(symbol, news));
  const score = round(answer.value.score, 4);
  const delta = previous === null ? null : round(score - previous, 4);
  const output = {
    symbol,
    score,
    confidence: round(answer.value.confidence, 4),
    explanation: answer.value.explanation,
    previous_score: previous,
    delta,
    shift_alert: delta !== null && Math.abs(delta) >= SHIFT_THRESHOLD,
    news_count: news.length,
    asof: latest(news.map((item) => item.published_at)),
    cost_usd: answer.costUsd,
  };
  const stored = await insertAnalystReport(deps.db, {
    orchestratorId: orchestrator.id,
    kind: 'sentiment_shift',
    symbol,
    input: { symbol, news, news_source: given ? 'request' : 'bundled' },
    output,
    model: answer.model,
  });
  return { id: stored.id, ...output, model: answer.model };
}

export async function insiderReport(
  deps: AnalystDeps,
  orchestrator: OrchestratorRow,
  input: { symbol: string; transactions?: InsiderTransaction[] | undefined },
) {
  const symbol = input.symbol;
  const given = input.transactions && input.transactions.length > 0 ? input.transactions : undefined;
  const transactions = given ?? sampleTransactions(symbol) ?? requireInput('transactions', symbol);
  const aggregates = insiderAggregates(transactions);
  const answer = await consult(deps, orchestrator, INSIDER_TOOL, insiderPrompt(symbol, aggregates));
  const output = {
    symbol,
    summary: answer.value.summary,
    net_shares: aggregates.net_shares,
    net_value: aggregates.net_value,
    buyers: aggregates.buyers,
    sellers: aggregates.sellers,
    notable: aggregates.notable,
    signal: answer.value.signal,
    confidence: round(answer.value.confidence, 4),
    report: answer.value.report,
    cost_usd: answer.costUsd,
  };
  const stored = await insertAnalystReport(deps.db, {
    orchestratorId: orchestrator.id,
    kind: 'insider_report',
    symbol,
    input: { symbol, transactions, transactions_source: given ? 'request' : 'bundled' },
    output,
    model: answer.model,
  });
  return { id: stored.id, ...output, model: answer.model };
}

export async function tradeJournal(
  deps: AnalystDeps,
  orchestrator: OrchestratorRow,
  input: { trades: JournalTrade[] },
) {
  const metrics = journalMetrics(input.trades);
  const symbols = [...new Set(input.trades.map((trade) => trade.symbol))].sort();
  const answer = await consult(deps, orchestrator, COACHING_TOOL, journalPrompt(metrics, symbols));
  const output = { metrics, coaching: answer.value, cost_usd: answer.costUsd };
  const stored = await insertAnalystReport(deps.db, {
    orchestratorId: orchestrator.id,
    kind: 'trade_journal',
    // One symbol is worth filtering by; a journal across symbols has none.
    symbol: symbols.length === 1 ? (symbols[0] ?? null) : null,
    input: { trades: input.trades },
    output,
    model: answer.model,
  });
  return { id: stored.id, ...output, model: answer.model };
}

function requireInput(field: 'news' | 'transactions', symbol: string): never {
  throw new ValidationError([
    {
      path: `body.${field}`,
      message: `is required for ${symbol}: bundled samples exist only for ${SAMPLE_SYMBOLS.join(', ')}`,
    },
  ]);
}

/** The latest of ISO timestamps, normalised to UTC ISO. */
function latest(timestamps: readonly string[]): string {
  const times = timestamps.map((value) => Date.parse(value)).filter((time) => !Number.isNaN(time));
  return new Date(times.length > 0 ? Math.max(...times) : Date.now()).toISOString();
}
