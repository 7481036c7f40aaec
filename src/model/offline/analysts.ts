/**
 * The offline model answering an analyst request (one offering an analyst tool, src/analysts/tools.ts):
 * it reads the prompt's sections (src/analysts/prompts.ts) back and calls the tool with the
 * deterministic answers of src/analysts/offline-answers.ts.
 */
import { z } from 'zod';
import { offlineCoaching, offlineInsider, offlineSentiment } from '../../analysts/offline-answers.ts';
import { COACHING_TOOL, INSIDER_TOOL, SENTIMENT_TOOL } from '../../analysts/tools.ts';
import { readSections, recordsOf, stringsOf } from '../../autocomplete/sections.ts';
import { lastUserMessage, messageText, toolNames, toolUseBlock } from '../wire/index.ts';
import type { ContentBlock, MessagesRequest } from '../wire/types.ts';

const Notable = z.object({
  insider_name: z.string(),
  transaction_date: z.string(),
  transaction_code: z.enum(['P', 'S']),
  shares: z.number(),
  price: z.number().nullable(),
  value: z.number().nullable(),
});

const Aggregates = z.object({
  net_shares: z.number(),
  net_value: z.number(),
  buyers: z.number(),
  sellers: z.number(),
  purchases: z.number(),
  sales: z.number(),
  other_transactions: z.number(),
  notable: z.array(Notable),
});

const Metrics = z.object({
  num_trades: z.number(),
  win_rate: z.number(),
  avg_win: z.number(),
  avg_loss: z.number(),
  profit_factor: z.number().nullable(),
  expectancy: z.number(),
  total_pnl: z.number(),
  max_drawdown: z.number(),
});

const EMPTY_AGGREGATES: z.infer<typeof Aggregates> = {
  net_shares: 0,
  net_value: 0,
  buyers: 0,
  sellers: 0,
  purchases: 0,
  sales: 0,
  other_transactions: 0,
  notable: [],
};

/** The analyst tool the request offers, if any. */
export function analystToolOf(request: MessagesRequest): string | undefined {
  const offered = toolNames(request);
  return [SENTIMENT_TOOL.name, INSIDER_TOOL.name, COACHING_TOOL.name].find((name) => offered.has(name));
}

export function analystReply(
  request: MessagesRequest,
  tool: string,
  newToolUseId: () => string,
): { content: ContentBlock[]; stop_reason: 'tool_use' } {
  const last = lastUserMessage(request);
  const sections = readSections(last ? messageText(last) : '');
  const symbol = stringsOf(sections, 'symbol')[0] ?? '?';
  let input: unknown;
  if (tool === SENTIMENT_TOOL.name) {
    const news = recordsOf(sections, 'headlines').flatMap((item) =>
      typeof item.headline === 'string'
        ? [{ headline: item.headline, summary: typeof item.summary === 'string' ? item.summary : undefined }]
        : [],
    );
    input = offlineSentiment(news);
  } else if (tool === INSIDER_TOOL.name) {
    const parsed = Aggregates.safeParse(recordsOf(sections, 'aggregates')[0]);
    input = offlineInsider(symbol, parsed.success ? parsed.data : EMPTY_AGGREGATES);
  } else {
    const parsed = Metrics.safeParse(recordsOf(sections, 'metrics')[0]);
    input = offlineCoaching(
      parsed.success
        ? parsed.data
        : {
            num_trades: 0,
            win_rate: 0,
            avg_win: 0,
            avg_loss: 0,
            profit_factor: null,
            expectancy: 0,
            total_pnl: 0,
            max_drawdown: 0,
          },
    );
  }
  return { content: [toolUseBlock(newToolUseId(), tool, input)], stop_reason: 'tool_use' };
}
