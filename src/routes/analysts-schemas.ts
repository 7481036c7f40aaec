/** Request and response schemas of the analyst routes (routes/analysts.ts), also their OpenAPI entries. */
import { z } from '@hono/zod-openapi';
import { freeText, lineText } from '../http/text.ts';
import { BeforeCursorParam } from './page-cursor.ts';

const OrchestratorId = z
  .uuid()
  .openapi({ description: 'The orchestrator the analysis is for (and paid by)' });

const Ticker = lineText()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9.-]{0,14}$/, 'must be a ticker such as SPY or BRK.B')
  .transform((value) => value.toUpperCase())
  .openapi({ type: 'string', example: 'SPY' });

const NewsItemSchema = z
  .object({
    headline: lineText().trim().min(1).max(300),
    summary: freeText().max(2_000).optional(),
    published_at: z.iso.datetime({ offset: true }).openapi({ example: '2024-12-02T14:30:00Z' }),
    source: lineText().trim().max(200).optional(),
  })
  .strict();

export const SentimentRequestSchema = z
  .object({
    orchestrator_id: OrchestratorId,
    symbol: Ticker,
    news: z.array(NewsItemSchema).max(50).optional().openapi({
      description: 'The news to read; default: the bundled sample headlines (SPY, QQQ, TLT, GLD, SLV only)',
    }),
  })
  .strict()
  .openapi('SentimentShiftRequest');

export const SentimentResponseSchema = z
  .object({
    id: z.uuid(),
    symbol: z.string(),
    score: z.number().openapi({ description: '−1 (very negative) to 1 (very positive)' }),
    confidence: z.number().openapi({ description: '0 to 1' }),
    explanation: z.string(),
    previous_score: z.number().nullable().openapi({
      description: 'The score of the previous reading of this symbol by this orchestrator',
    }),
    delta: z.number().nullable().openapi({ description: 'score − previous_score' }),
    shift_alert: z.boolean().openapi({ description: 'True when |delta| ≥ 0.3' }),
    news_count: z.number().int(),
    asof: z.string().openapi({ description: 'The latest published_at of the news read' }),
    model: z.string().openapi({ description: 'The model that answered (`offline` for the built-in one)' }),
    cost_usd: z.number().openapi({ description: 'What the call(s) cost, also stored in the costs' }),
  })
  .openapi('SentimentShift');

const TransactionSchema = z
  .object({
    insider_name: lineText().trim().min(1).max(200),
    transaction_date: z.iso.date().openapi({ example: '2024-11-04' }),
    transaction_code: lineText()
      .regex(/^[A-Za-z]$/, 'must be one Form 4 letter such as P, S, A or M')
      .transform((value) => value.toUpperCase())
      .openapi({ type: 'string', example: 'P' }),
    shares: z.number().positive().max(1e12),
    price: z.number().min(0).max(1e9).optional(),
  })
  .strict();

export const InsiderRequestSchema = z
  .object({
    orchestrator_id: OrchestratorId,
    symbol: Ticker,
    transactions: z.array(TransactionSchema).max(200).optional().openapi({
      description: 'Form 4 transactions; default: the bundled samples (SPY, QQQ, TLT, GLD, SLV only)',
    }),
  })
  .strict()
  .openapi('InsiderReportRequest');

const NotableSchema = z.object({
  insider_name: z.string(),
  transaction_date: z.string(),
  transaction_code: z.enum(['P', 'S']),
  shares: z.number(),
  price: z.number().nullable(),
  value: z.number().nullable(),
});

export const InsiderResponseSchema = z
  .object({
    id: z.uuid(),
    symbol: z.string(),
    summary: z.string(),
    net_shares: z.number().openapi({ description: 'Purchased (P) minus sold (S) shares' }),
    net_value: z.number().openapi({ description: 'Purchased minus sold value; unpriced trades add none' }),
    buyers: z.number().int(),
    sellers: z.number().int(),
    notable: z.array(NotableSchema).openapi({ description: 'The largest purchases and sales, at most 5' }),
    signal: z.enum(['bullish', 'bearish', 'neutral']),
    confidence: z.number(),
    report: z.string().openapi({ description: 'Markdown' }),
    model: z.string(),
    cost_usd: z.number(),
  })
  .openapi('InsiderReport');

const TradeSchema = z
  .object({
    date: z.iso.date().openapi({ example: '2024-03-01' }),
    symbol: Ticker,
    side: z.enum(['long', 'short']),
    qty: z.number().positive().max(1e12),
    entry: z.number().positive().max(1e9),
    exit: z.number().positive().max(1e9),
    fees: z.number().min(0).max(1e9).optional(),
  })
  .strict();

export const JournalRequestSchema = z
  .object({
    orchestrator_id: OrchestratorId,
    trades: z.array(TradeSchema).min(1).max(500),
  })
  .strict()
  .openapi('TradeJournalRequest');

export const JournalResponseSchema = z
  .object({
    id: z.uuid(),
    metrics: z
      .object({
        num_trades: z.number().int(),
        win_rate: z
          .number()
          .openapi({ description: 'wins / (wins + losses); scratches excluded; 0 if none' }),
        avg_win: z.number(),
        avg_loss: z.number().openapi({ description: 'A positive amount' }),
        profit_factor: z
          .number()
          .nullable()
          .openapi({ description: 'Gross wins / gross losses; null without losses' }),
        expectancy: z.number().openapi({ description: 'Total P&L / number of trades' }),
        total_pnl: z.number(),
        max_drawdown: z
          .number()
          .openapi({ description: 'Largest fall of cumulative P&L from its peak (≥ 0)' }),
      })
      .openapi({ description: 'Computed in code, trades in date order' }),
    coaching: z.object({
      strengths: z.array(z.string()),
      weaknesses: z.array(z.string()),
      rules: z.array(z.string()),
      summary: z.string(),
    }),
    model: z.string(),
    cost_usd: z.number(),
  })
  .openapi('TradeJournalReview');

export const ReportsQuerySchema = z.object({
  orchestrator_id: z.uuid(),
  kind: z.enum(['sentiment_shift', 'insider_report', 'trade_journal']).optional(),
  symbol: Ticker.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: BeforeCursorParam,
});

export const ReportListSchema = z
  .object({
    reports: z.array(
      z.object({
        id: z.uuid(),
        orchestrator_id: z.uuid(),
        kind: z.enum(['sentiment_shift', 'insider_report', 'trade_journal']),
        symbol: z.string().nullable(),
        input: z.record(z.string(), z.unknown()),
        output: z.record(z.string(), z.unknown()),
        model: z.string(),
        created_at: z.string(),
      }),
    ),
    next_cursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for the next page; null at the end' }),
  })
  .openapi('AnalystReportList');
