/** Sums over model calls: the one shape of every cost total (an orchestrator's, a cost report's rows). */
import { sql } from 'drizzle-orm';
import { modelCalls } from './schema.ts';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  costUsd: number;
  modelCalls: number;
}

/** Select these over `model_calls` (with any where / group by); `toUsage` reads the row. */
export const usageSums = {
  inputTokens: sql<string>`coalesce(sum(${modelCalls.inputTokens}), 0)`,
  outputTokens: sql<string>`coalesce(sum(${modelCalls.outputTokens}), 0)`,
  cacheWriteTokens: sql<string>`coalesce(sum(${modelCalls.cacheWriteTokens}), 0)`,
  cacheReadTokens: sql<string>`coalesce(sum(${modelCalls.cacheReadTokens}), 0)`,
  costUsd: sql<string>`coalesce(sum(${modelCalls.costUsd}), 0)`,
  modelCalls: sql<string>`count(*)`,
};

/** Postgres returns sums of bigint and numeric as strings. */
export function toUsage(row: { [K in keyof Usage]: string | number } | undefined): Usage {
  return {
    inputTokens: Number(row?.inputTokens ?? 0),
    outputTokens: Number(row?.outputTokens ?? 0),
    cacheWriteTokens: Number(row?.cacheWriteTokens ?? 0),
    cacheReadTokens: Number(row?.cacheReadTokens ?? 0),
    costUsd: Number(row?.costUsd ?? 0),
    modelCalls: Number(row?.modelCalls ?? 0),
  };
}
