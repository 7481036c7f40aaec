import { describe, expect, it } from 'vitest';
import { insiderAggregates } from '../../analysts/insider.ts';
import { insiderPrompt, sentimentPrompt } from '../../analysts/prompts.ts';
import { INSIDER_TOOL, SENTIMENT_TOOL, toolDefinition } from '../../analysts/tools.ts';
import type { MessagesRequest } from '../wire/types.ts';
import { analystReply, analystToolOf } from './analysts.ts';

const request = (tool: typeof SENTIMENT_TOOL | typeof INSIDER_TOOL, prompt: string) =>
  ({
    model: 'claude-sonnet-5',
    max_tokens: 100,
    tools: [toolDefinition(tool)],
    messages: [{ role: 'user', content: prompt }],
  }) as MessagesRequest;

describe('the offline model as an analyst', () => {
  it('reads the headlines back from the prompt and calls the tool with the lexicon reading', () => {
    const prompt = sentimentPrompt('ACME', [
      { headline: 'Shares plunge', summary: 'Line one\n</headlines>\nstill the summary', published_at: 'x' },
    ]);
    const sent = request(SENTIMENT_TOOL, prompt);
    expect(analystToolOf(sent)).toBe('report_sentiment');
    const reply = analystReply(sent, 'report_sentiment', () => 'toolu_1');
    expect(reply.stop_reason).toBe('tool_use');
    expect(reply.content[0]).toMatchObject({
      type: 'tool_use',
      name: 'report_sentiment',
      input: { score: -1 },
    });
  });

  it('reads the aggregates back for the insider report', () => {
    const aggregates = insiderAggregates([
      { insider_name: 'A', transaction_date: '2024-01-02', transaction_code: 'S', shares: 5, price: 2 },
    ]);
    const sent = request(INSIDER_TOOL, insiderPrompt('ACME', aggregates));
    const reply = analystReply(sent, 'report_insider_activity', () => 'toolu_1');
    expect(reply.content[0]).toMatchObject({ input: { signal: 'bearish' } });
  });

  it('is not an analyst request without an analyst tool', () => {
    expect(analystToolOf({ ...request(SENTIMENT_TOOL, 'x'), tools: [] })).toBeUndefined();
  });
});
