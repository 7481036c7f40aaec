/** Request and response schemas of the pipeline routes (src/routes/pipelines.ts). */
import { z } from '@hono/zod-openapi';
import { lineText } from '../http/text.ts';
import { DecisionParamsSchema } from '../pipelines/decision-params.ts';
import { BeforeCursorParam } from './page-cursor.ts';

export const KINDS = ['decision', 'backtest'] as const;
const RUN_KINDS = ['decision', 'backtest', 'chain'] as const;
const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'missed'] as const;

const Name = lineText().trim().min(1).max(100);
/** Checked against croner and Intl in the route, so the 422 carries the schedule core's own words. */
const Cron = lineText().max(200).openapi({ example: '35 9 * * MON-FRI' });
const TimeZone = lineText().max(100).openapi({ example: 'America/New_York' });
const Params = z
  .record(z.string(), z.unknown())
  .openapi({ description: 'The run’s input; for kind decision a DecisionParams' });

export const CreateScheduleSchema = z
  .strictObject({
    orchestrator_id: z.uuid(),
    name: Name,
    kind: z.enum(KINDS),
    cron: Cron,
    timezone: TimeZone,
    trading_days_only: z.boolean().default(false),
    params: Params.default({}),
  })
  .openapi('CreatePipelineSchedule');

export const PatchScheduleSchema = z
  .strictObject({
    name: Name.optional(),
    cron: Cron.optional(),
    timezone: TimeZone.optional(),
    trading_days_only: z.boolean().optional(),
    params: Params.optional(),
  })
  .openapi('PatchPipelineSchedule');

export const ScheduleSchema = z
  .object({
    id: z.uuid(),
    orchestrator_id: z.uuid(),
    name: z.string(),
    kind: z.enum(RUN_KINDS),
    cron: z.string(),
    timezone: z.string(),
    trading_days_only: z.boolean(),
    paused: z.boolean(),
    params: z.record(z.string(), z.unknown()),
    checked_through: z.string(),
    next_runs: z
      .array(z.string())
      .openapi({ description: 'Up to 3 upcoming instants (ISO UTC), trading-day filter applied' }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('PipelineSchedule');

export const ScheduleListSchema = z
  .object({ schedules: z.array(ScheduleSchema) })
  .openapi('PipelineScheduleList');

export const ScheduleListQuery = z.object({ orchestrator_id: z.uuid().optional() });

const StepLogSchema = z.object({
  step: z.string(),
  status: z.enum(['succeeded', 'failed', 'timed_out']),
  duration_ms: z.number(),
  error: z.string().optional(),
});

export const RunSchema = z
  .object({
    id: z.uuid(),
    orchestrator_id: z.uuid(),
    schedule_id: z.uuid().nullable(),
    kind: z.enum(RUN_KINDS),
    trigger: z.enum(['cron', 'manual', 'api']),
    scheduled_for: z.string().nullable(),
    status: z.enum(STATUSES),
    params: z.record(z.string(), z.unknown()),
    result: z.record(z.string(), z.unknown()).nullable(),
    error: z.string().nullable(),
    execution_log: z.array(StepLogSchema),
    attempts: z.number().int(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .openapi('PipelineRun');

export const RunListSchema = z
  .object({ runs: z.array(RunSchema), next_cursor: z.string().nullable() })
  .openapi('PipelineRunList');

export const RunListQuery = z.object({
  orchestrator_id: z.uuid().optional(),
  schedule_id: z.uuid().optional(),
  kind: z.enum(RUN_KINDS).optional(),
  status: z.enum(STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: BeforeCursorParam,
});

export const DecisionRequestSchema = DecisionParamsSchema.extend({ orchestrator_id: z.uuid() }).openapi(
  'DecisionRequest',
);
