/**
 * What a decision run takes from its caller (the body of POST /api/pipelines/decision, or a decision
 * schedule's `params`): an optional date in the bundled sample bars, holdings, cash, an explicit
 * execution-discipline score and the guardian's trade. Every field has a default, so `{}` is a
 * complete request.
 */
import { z } from '@hono/zod-openapi';

const SYMBOL = /^[A-Z][A-Z0-9.]{0,9}$/;

export const TRADE_TYPES = ['scalp', 'swing', 'earnings'] as const;

const Ticker = z.string().regex(SYMBOL, 'an upper-case ticker such as SPY');

export const DecisionParamsSchema = z
  .object({
    as_of: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
      .optional()
      .openapi({
        description: 'Prices up to this date (default: the last bundled date)',
        example: '2024-06-28',
      }),
    holdings: z
      .array(
        z.strictObject({
          symbol: Ticker,
          quantity: z.number().positive().max(1e9),
          cost_basis: z
            .number()
            .positive()
            .max(1e9)
            .optional()
            .openapi({ description: 'Average price paid' }),
        }),
      )
      .max(50)
      .optional()
      .openapi({ description: 'Default: 100 SPY and 100 TLT' }),
    cash: z.number().min(0).max(1e12).optional().openapi({ description: 'Default 10,000' }),
    execution_score: z.number().min(0).max(1).optional(),
    guardian: z
      .strictObject({
        symbol: Ticker.optional().openapi({ description: 'The trade’s symbol (default SPY)' }),
        trade_type: z.enum(TRADE_TYPES).optional(),
        recent_losses: z.number().int().min(0).max(100).optional(),
      })
      .optional(),
  })
  .strict()
  .openapi('DecisionParams');

export type DecisionParams = z.infer<typeof DecisionParamsSchema>;
