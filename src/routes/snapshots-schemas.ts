/** Request and response schemas of the option-chain snapshot routes (src/routes/snapshots.ts). */
import { z } from '@hono/zod-openapi';
import { MAX_UNDERLYINGS, TICKER } from '../snapshots/config.ts';
import { BeforeCursorParam } from './page-cursor.ts';

const Ticker = z
  .string()
  .trim()
  .toUpperCase()
  .regex(TICKER, 'must be a ticker: 1–6 letters or digits')
  .openapi({ example: 'SPY' });

export const RunSnapshotRequestSchema = z
  .strictObject({
    underlyings: z
      .array(Ticker)
      .min(1)
      .max(MAX_UNDERLYINGS)
      .refine((list) => new Set(list).size === list.length, 'must not repeat a ticker')
      .optional()
      .openapi({ description: 'Defaults to the configured SNAPSHOT_UNDERLYINGS (SPY, QQQ, GLD, SLV)' }),
    account_id: z
      .uuid()
      .optional()
      .openapi({
        description:
          'Whose market data to use. Defaults to SNAPSHOT_ACCOUNT_ID, else the first Alpaca account ' +
          '(paper first), else the offline paper account',
      }),
  })
  .openapi('RunSnapshotRequest');

const Nullable = z.number().nullable();

const UnderlyingDetailSchema = z
  .union([
    z.object({
      contracts: z.number().int(),
      provider: z.number().int().openapi({ description: 'Rows with the provider’s Greeks' }),
      computed: z
        .number()
        .int()
        .openapi({ description: 'Rows with Greeks computed from IV or the mid price' }),
      none: z
        .number()
        .int()
        .openapi({ description: 'Rows without IV/Greeks (price outside bounds, no quote)' }),
      skipped: z.number().int().openapi({ description: 'Chain entries whose symbol could not be read' }),
      underlying_price: Nullable,
    }),
    z.object({ error: z.string() }),
  ])
  .openapi('SnapshotUnderlyingDetail');

export const SnapshotRunSchema = z
  .object({
    id: z.uuid(),
    trigger: z.enum(['cron', 'manual']),
    snapshot_at: z
      .string()
      .openapi({ description: 'The scheduled instant (cron) or the request instant (manual)' }),
    underlyings: z.array(z.string()),
    status: z.enum(['running', 'succeeded', 'failed']),
    contracts: z.number().int(),
    detail: z.record(z.string(), z.union([UnderlyingDetailSchema, z.boolean()])).openapi({
      description: 'Per underlying: what was stored or the error met; `missed: true` for a missed instant',
    }),
    error: z.string().nullable(),
    created_at: z.string(),
    finished_at: z.string().nullable(),
  })
  .openapi('SnapshotRun');

export const SnapshotRunListQuery = z.object({
  trigger: z.enum(['cron', 'manual']).optional(),
  status: z.enum(['running', 'succeeded', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: BeforeCursorParam,
});

export const SnapshotRunListSchema = z
  .object({ runs: z.array(SnapshotRunSchema), next_cursor: z.string().nullable() })
  .openapi('SnapshotRunList');

const figures = {
  underlying_price: Nullable,
  bid: Nullable,
  ask: Nullable,
  last: Nullable,
  implied_volatility: Nullable,
  delta: Nullable,
  gamma: Nullable,
  theta: Nullable.openapi({ description: 'Per calendar day' }),
  vega: Nullable.openapi({ description: 'Per 0.01 of volatility' }),
  rho: Nullable.openapi({ description: 'Per 0.01 of the rate' }),
  greeks_source: z.enum(['provider', 'computed']).nullable(),
};

export const SnapshotContractSchema = z
  .object({
    symbol: z.string().openapi({ example: 'SPY261218C00600000' }),
    expiry: z.string(),
    type: z.enum(['call', 'put']),
    strike: z.number(),
    ...figures,
    source: z.string().openapi({ description: '`alpaca` or `offline`' }),
  })
  .openapi('SnapshotContract');

export const LatestSnapshotQuery = z.object({
  underlying: Ticker,
  expiry: z.iso.date().optional().openapi({ description: 'Only this expiry (YYYY-MM-DD)' }),
});

export const LatestSnapshotSchema = z
  .object({
    underlying: z.string(),
    snapshot_at: z.string().nullable().openapi({ description: 'Null when it was never snapshotted' }),
    contracts: z.array(SnapshotContractSchema),
  })
  .openapi('LatestSnapshot');

export const MAX_HISTORY_POINTS = 1000;

const Instant = z.iso.datetime({ offset: true }).openapi({ example: '2026-12-01T00:00:00Z' });

export const SnapshotHistoryQuery = z
  .object({
    symbol: z.string().trim().toUpperCase().min(1).max(40).openapi({ example: 'SPY261218C00600000' }),
    from: Instant.optional().openapi({ description: 'Inclusive' }),
    to: Instant.optional().openapi({ description: 'Inclusive' }),
    limit: z.coerce.number().int().min(1).max(MAX_HISTORY_POINTS).default(500),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    message: 'from must not be after to',
    path: ['from'],
  });

export const SnapshotHistorySchema = z
  .object({
    symbol: z.string(),
    points: z.array(z.object({ snapshot_at: z.string(), ...figures })),
    next_from: z
      .string()
      .nullable()
      .openapi({ description: 'When the page was full: pass as `from` for the next points; else null' }),
  })
  .openapi('SnapshotHistory');
