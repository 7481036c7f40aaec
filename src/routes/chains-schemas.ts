/** Request and response schemas of /api/chains, and the run row as the API answers it. */
import { z } from '@hono/zod-openapi';
import type { ChainRunRow } from '../db/chain-runs.ts';
import { freeText } from '../http/text.ts';
import { UuidParam } from './common-schemas.ts';
import { BeforeCursorParam } from './page-cursor.ts';

/** Length is checked here; whether the text means anything (empty included) is the extraction's 400. */
const ChainText = freeText().max(2_000).openapi({
  example:
    'Plan a 12-week spring season starting 2026-03-02 with weekly replenishment and a 25% DC holdback.',
});

export const RunChainSchema = z
  .object({
    text: ChainText.optional(),
    parameters: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: 'The season parameters as JSON, instead of a sentence' }),
    orchestrator_id: z.uuid().optional().openapi({ description: 'Prices the extraction and lists the run' }),
    timeout_ms: z
      .number()
      .int()
      .min(1_000)
      .max(120_000)
      .optional()
      .openapi({ description: 'Caps each agent’s time in ms (default: each agent’s own, else 30000)' }),
  })
  .strict()
  .refine((body) => (body.text === undefined) !== (body.parameters === undefined), {
    message: 'give either text or parameters, not both',
  })
  .openapi('RunChain');

export const RunStartedSchema = z
  .object({
    run_id: z.uuid(),
    status: z.literal('running'),
    channel: z.string().openapi({ example: '/api/chains/runs/00000000-0000-4000-8000-000000000000/ws' }),
  })
  .openapi('ChainRunStarted');

export const ExtractParametersSchema = z
  .object({ text: ChainText, orchestrator_id: z.uuid().optional() })
  .strict()
  .openapi('ExtractChainParameters');

export const ExtractedParametersSchema = z
  .object({
    parameters: z.record(z.string(), z.unknown()),
    source: z.enum(['model', 'offline']),
    confidence: z.number().optional(),
  })
  .openapi('ExtractedChainParameters');

export const ChainRunSchema = z
  .object({
    id: z.uuid(),
    orchestrator_id: z.uuid().nullable(),
    chain: z.string(),
    request: z.string().nullable(),
    params: z.record(z.string(), z.unknown()),
    status: z.enum(['running', 'succeeded', 'failed']),
    result: z.record(z.string(), z.unknown()).nullable(),
    error: z.record(z.string(), z.unknown()).nullable(),
    execution_log: z.array(z.record(z.string(), z.unknown())),
    created_at: z.string(),
    finished_at: z.string().nullable(),
  })
  .openapi('ChainRun');

/** The listing leaves out each run's result: open a run for it. */
export const ChainRunSummarySchema = ChainRunSchema.omit({ result: true }).openapi('ChainRunSummary');

export const ChainRunListSchema = z
  .object({ runs: z.array(ChainRunSummarySchema), next_cursor: z.string().nullable() })
  .openapi('ChainRunList');

export const ListRunsQuerySchema = z.object({
  orchestrator_id: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: BeforeCursorParam.openapi({ type: 'string', description: 'next_cursor from the previous page' }),
});

export const RunParams = z.object({ id: UuidParam });

export const SocketQuerySchema = z.object({ ticket: z.string().optional() });

export function toChainRunJson(row: ChainRunRow) {
  return {
    id: row.id,
    orchestrator_id: row.orchestratorId,
    chain: row.chain,
    request: row.request,
    params: row.params,
    status: row.status,
    result: row.result,
    error: row.error,
    execution_log: row.executionLog,
    created_at: row.createdAt.toISOString(),
    finished_at: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}

export function toChainRunSummaryJson(row: ChainRunRow) {
  const { result: _result, ...summary } = toChainRunJson(row);
  return summary;
}
