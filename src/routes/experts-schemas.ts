/** Request and response schemas of the expertise routes (routes/experts.ts), also their OpenAPI entries. */
import { z } from '@hono/zod-openapi';
import type { ExpertiseDocument, ExpertiseSummary, ExpertiseVersion } from '../db/expertise.ts';
import { DOMAIN_PATTERN, DOMAIN_RULE } from '../experts/domain.ts';
import { freeText, lineText } from '../http/text.ts';
import { UuidParam } from './common-schemas.ts';

/** The most lines a person may allow a document; an expert's digest is far shorter. */
export const MAX_MAX_LINES = 10_000;

export const DomainParam = lineText()
  .regex(DOMAIN_PATTERN, `must be ${DOMAIN_RULE}`)
  .openapi({ param: { name: 'domain', in: 'path' }, example: 'websocket' });

export const ExpertParams = z.object({ id: UuidParam, domain: DomainParam });

export const ExpertSummarySchema = z
  .object({
    domain: z.string().openapi({ example: 'websocket' }),
    version: z.number().int(),
    lines: z.number().int(),
    max_lines: z.number().int(),
    updated_at: z.string(),
  })
  .openapi('ExpertiseSummary');

export const ExpertListSchema = z.object({ experts: z.array(ExpertSummarySchema) }).openapi('ExpertiseList');

export const ExpertDocumentSchema = ExpertSummarySchema.extend({
  content: z.string(),
  created_at: z.string(),
}).openapi('ExpertiseDocument');

export const ExpertVersionSchema = z
  .object({
    version: z.number().int(),
    diff: z
      .string()
      .openapi({ description: 'Unified diff from the previous version (the first: from nothing)' }),
    lines_added: z.number().int(),
    lines_removed: z.number().int(),
    author: z.string().openapi({ description: '`user`, or the name of the agent that wrote it' }),
    reason: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('ExpertiseVersion');

export const ExpertHistorySchema = z
  .object({
    domain: z.string(),
    versions: z.array(ExpertVersionSchema),
    next_before: z.number().int().nullable(),
  })
  .openapi('ExpertiseHistory');

export const HistoryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .openapi({ description: '`next_before` of the previous page' }),
});

export const PutExpertSchema = z
  .object({
    content: freeText().max(1_000_000).openapi({ description: 'The whole new document' }),
    reason: lineText().trim().max(500).nullable().optional(),
    max_lines: z
      .number()
      .int()
      .min(1)
      .max(MAX_MAX_LINES)
      .optional()
      .openapi({ description: 'A new line limit; default: keep the current one (1000 for a new document)' }),
  })
  .strict()
  .openapi('PutExpertise');

export function toSummaryJson(entry: ExpertiseSummary) {
  return {
    domain: entry.domain,
    version: entry.version,
    lines: entry.lines,
    max_lines: entry.maxLines,
    updated_at: entry.updatedAt.toISOString(),
  };
}

export function toDocumentJson(document: ExpertiseDocument) {
  return {
    ...toSummaryJson(document),
    content: document.content,
    created_at: document.createdAt.toISOString(),
  };
}

export function toVersionJson(entry: ExpertiseVersion) {
  return {
    version: entry.version,
    diff: entry.diff,
    lines_added: entry.linesAdded,
    lines_removed: entry.linesRemoved,
    author: entry.author,
    reason: entry.reason,
    created_at: entry.createdAt.toISOString(),
  };
}
