import { describe, expect, it } from 'vitest';
import { insiderAggregates } from './insider.ts';
import { journalMetrics } from './journal.ts';
import { offlineCoaching, offlineInsider, offlineSentiment } from './offline-answers.ts';
import { CoachingAnswer, InsiderAnswer, SentimentAnswer } from './tools.ts';

describe('the offline analyst answers', () => {
  it('reads sentiment with the lexicon and fits the tool schema', () => {
    const answer = offlineSentiment([{ headline: 'Shares surge on record growth' }]);
    expect(answer.score).toBe(1);
    expect(answer.explanation).toContain('"surge"');
    expect(SentimentAnswer.parse(answer)).toEqual(answer);
  });

  it('calls net buying bullish and net selling bearish', () => {
    const buy = insiderAggregates([
      { insider_name: 'A', transaction_date: '2024-01-02', transaction_code: 'P', shares: 10, price: 5 },
    ]);
    const sell = insiderAggregates([
      { insider_name: 'A', transaction_date: '2024-01-02', transaction_code: 'S', shares: 10, price: 5 },
    ]);
    expect(offlineInsider('X', buy).signal).toBe('bullish');
    expect(offlineInsider('X', sell).signal).toBe('bearish');
    expect(offlineInsider('X', insiderAggregates([])).signal).toBe('neutral');
    expect(InsiderAnswer.parse(offlineInsider('X', buy)).report).toContain('## Insider activity: X');
  });

  it('derives coaching rules from the metrics', () => {
    const losing = journalMetrics([
      { date: '2024-01-02', symbol: 'SPY', side: 'long', qty: 1, entry: 100, exit: 90 },
      { date: '2024-01-03', symbol: 'SPY', side: 'long', qty: 1, entry: 100, exit: 102 },
    ]);
    const coaching = offlineCoaching(losing);
    expect(coaching.rules.some((rule) => rule.includes('Exit any trade once it loses 2'))).toBe(true);
    expect(coaching.weaknesses.some((text) => text.includes('Expectancy of -4'))).toBe(true);
    expect(CoachingAnswer.parse(coaching)).toEqual(coaching);
  });
});
