/** OpenAPI shapes of the backtest and market-data routes (the request schema is src/backtests/request.ts). */
import { z } from '@hono/zod-openapi';
import { decodeCursor } from '../db/cursor.ts';

const CurvePointSchema = z
  .object({
    date: z.string(),
    equity: z.number(),
    drawdown_pct: z.number().openapi({ description: '≤ 0: percent below the highest equity so far' }),
  })
  .openapi('BacktestCurvePoint');

const TradeSchema = z
  .object({
    symbol: z.string(),
    side: z.enum(['BUY', 'SELL']),
    quantity: z.number(),
    price: z.number().openapi({ description: 'Fill price, slippage included' }),
    fee: z.number(),
    date: z.string().openapi({ description: 'The bar the order filled on' }),
    signal_date: z.string().openapi({ description: 'The bar whose close produced the signal' }),
  })
  .openapi('BacktestTrade');

const summaryFields = {
  id: z.uuid(),
  orchestrator_id: z.uuid().nullable(),
  strategy: z.string(),
  symbols: z.array(z.string()),
  start: z.string(),
  end: z.string(),
  initial_cash: z.number(),
  fee_bps: z.number(),
  slippage_bps: z.number(),
  params: z
    .record(z.string(), z.number())
    .openapi({ description: 'The strategy parameters, defaults filled' }),
  compat: z.literal('qtos-v0').nullable(),
  final_value: z.number(),
  num_trades: z.number().int(),
  metrics: z.record(z.string(), z.number().nullable()).openapi({
    description:
      'total_return_pct, cagr_pct, sharpe, sortino, max_drawdown, max_drawdown_pct, exposure_pct, num_trades; ' +
      'for compat qtos-v0: initial_value, final_value, total_pnl, total_return_pct, cagr, sharpe_ratio, ' +
      'max_drawdown, max_drawdown_pct',
  }),
  created_at: z.string(),
};

export const BacktestSummarySchema = z.object(summaryFields).openapi('BacktestSummary');

export const BacktestSchema = z
  .object({
    ...summaryFields,
    equity_curve: z.array(CurvePointSchema).openapi({ description: 'One point per bar' }),
    trades: z.array(TradeSchema),
  })
  .openapi('Backtest');

export const BacktestListSchema = z
  .object({ backtests: z.array(BacktestSummarySchema), next_cursor: z.string().nullable() })
  .openapi('BacktestList');

export const BacktestListQuerySchema = z.object({
  orchestrator_id: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .max(200)
    .transform((value, ctx) => {
      const cursor = decodeCursor(value);
      if (!cursor) {
        ctx.addIssue({ code: 'custom', message: 'use next_cursor from the previous page' });
        return z.NEVER;
      }
      return cursor;
    })
    .optional()
    .openapi({ type: 'string', description: 'next_cursor from the previous page' }),
});

const StrategyParamSchema = z
  .object({
    name: z.string(),
    type: z.enum(['integer', 'number']),
    default: z.number(),
    min: z.number().optional(),
    max: z.number().optional(),
    description: z.string(),
  })
  .openapi('BacktestStrategyParam');

export const StrategyListSchema = z
  .object({
    strategies: z.array(
      z.object({ name: z.string(), description: z.string(), params: z.array(StrategyParamSchema) }),
    ),
  })
  .openapi('BacktestStrategies');

export const MarketSymbolsSchema = z
  .object({
    source: z.string().openapi({ example: 'bundled-sample' }),
    symbols: z.array(
      z.object({ symbol: z.string(), first_date: z.string(), last_date: z.string(), bars: z.number().int() }),
    ),
  })
  .openapi('MarketDataSymbols');
