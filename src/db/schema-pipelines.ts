/**
 * Scheduled pipelines, their runs, backtests and agent-chain runs. A schedule is data (cron + IANA
 * time zone, checked from the Worker's UTC cron); a run is claimed once per (schedule, scheduled_for)
 * by the unique index, so a duplicate cron fire cannot start it twice. Results are JSON documents:
 * they are read whole (one decision, one backtest), never queried field by field.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orchestrators } from './schema.ts';

/** What a schedule or run executes. */
export type PipelineKind = 'decision' | 'backtest' | 'chain';
export type PipelineRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'missed';
export type PipelineTrigger = 'cron' | 'manual' | 'api';

export const pipelineSchedules = pgTable(
  'pipeline_schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Runs stream their progress to this orchestrator's sockets. */
    orchestratorId: uuid('orchestrator_id')
      .notNull()
      .references(() => orchestrators.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind').$type<PipelineKind>().notNull(),
    /** 5-field cron read in `timezone` (src/schedules/schedule.ts). */
    cron: text('cron').notNull(),
    timezone: text('timezone').notNull(),
    tradingDaysOnly: boolean('trading_days_only').notNull().default(false),
    paused: boolean('paused').notNull().default(false),
    /** The run's input (e.g. the decision pipeline's symbols and holdings), validated per kind. */
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    /** Runs due at or before this instant have been considered (claimed, or reported as missed). */
    checkedThrough: timestamp('checked_through', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('pipeline_schedules_orchestrator_idx').on(t.orchestratorId),
    check('pipeline_schedules_kind_check', sql`${t.kind} in ('decision', 'backtest', 'chain')`),
  ],
);

export const pipelineRuns = pgTable(
  'pipeline_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orchestratorId: uuid('orchestrator_id')
      .notNull()
      .references(() => orchestrators.id, { onDelete: 'cascade' }),
    /** Null for a run started directly (POST /api/pipelines/decision) rather than by a schedule. */
    scheduleId: uuid('schedule_id').references(() => pipelineSchedules.id, { onDelete: 'set null' }),
    kind: text('kind').$type<PipelineKind>().notNull(),
    trigger: text('trigger').$type<PipelineTrigger>().notNull(),
    /** The cron instant this run stands for (scheduled runs); null otherwise. */
    scheduledFor: timestamp('scheduled_for', { withTimezone: true }),
    status: text('status').$type<PipelineRunStatus>().notNull().default('queued'),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    /** The pipeline's output (e.g. the decision) once succeeded. */
    result: jsonb('result').$type<Record<string, unknown>>(),
    /** Why it failed, or for a `missed` row which runs were skipped. */
    error: text('error'),
    /** One entry per step: {agent, status, duration_ms, error?}. */
    executionLog: jsonb('execution_log').$type<Record<string, unknown>[]>().notNull().default([]),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    // The claim: a scheduled instant is run at most once, whatever the number of cron fires.
    uniqueIndex('pipeline_runs_claim_idx').on(t.scheduleId, t.scheduledFor),
    index('pipeline_runs_orchestrator_created_idx').on(t.orchestratorId, t.createdAt),
    check('pipeline_runs_kind_check', sql`${t.kind} in ('decision', 'backtest', 'chain')`),
    check('pipeline_runs_trigger_check', sql`${t.trigger} in ('cron', 'manual', 'api')`),
    check(
      'pipeline_runs_status_check',
      sql`${t.status} in ('queued', 'running', 'succeeded', 'failed', 'missed')`,
    ),
  ],
);

export const backtests = pgTable(
  'backtests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The orchestrator whose console shows it; null when run without one. */
    orchestratorId: uuid('orchestrator_id').references(() => orchestrators.id, { onDelete: 'cascade' }),
    /** The request as validated: strategy, symbols, start, end, costs, params, compat. */
    request: jsonb('request').$type<Record<string, unknown>>().notNull(),
    strategy: text('strategy').notNull(),
    symbols: text('symbols').array().notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    initialCash: doublePrecision('initial_cash').notNull(),
    finalValue: doublePrecision('final_value').notNull(),
    numTrades: integer('num_trades').notNull(),
    metrics: jsonb('metrics').$type<Record<string, unknown>>().notNull(),
    /** [{date, equity, drawdown_pct, …}], one per bar. */
    equityCurve: jsonb('equity_curve').$type<Record<string, unknown>[]>().notNull(),
    trades: jsonb('trades').$type<Record<string, unknown>[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('backtests_created_idx').on(t.createdAt)],
);

export type ChainRunStatus = 'running' | 'succeeded' | 'failed';

export const chainRuns = pgTable(
  'chain_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orchestratorId: uuid('orchestrator_id').references(() => orchestrators.id, { onDelete: 'cascade' }),
    /** The chain's name, e.g. `season_plan`. */
    chain: text('chain').notNull(),
    /** The sentence the parameters were extracted from, if any. */
    request: text('request'),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<ChainRunStatus>().notNull().default('running'),
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: jsonb('error').$type<Record<string, unknown>>(),
    executionLog: jsonb('execution_log').$type<Record<string, unknown>[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('chain_runs_created_idx').on(t.createdAt),
    check('chain_runs_status_check', sql`${t.status} in ('running', 'succeeded', 'failed')`),
  ],
);

export type AnalystKind = 'sentiment_shift' | 'insider_report' | 'trade_journal';

/**
 * What the LLM analysts concluded, one row per answer: the history a sentiment *shift* is measured
 * against (the previous reading of the same symbol), and the record behind every analyst answer.
 */
export const analystReports = pgTable(
  'analyst_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orchestratorId: uuid('orchestrator_id')
      .notNull()
      .references(() => orchestrators.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<AnalystKind>().notNull(),
    /** Upper-case ticker; null for a journal review that spans symbols. */
    symbol: text('symbol'),
    input: jsonb('input').$type<Record<string, unknown>>().notNull(),
    output: jsonb('output').$type<Record<string, unknown>>().notNull(),
    model: text('model').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('analyst_reports_symbol_idx').on(t.orchestratorId, t.kind, t.symbol, t.createdAt),
    check(
      'analyst_reports_kind_check',
      sql`${t.kind} in ('sentiment_shift', 'insider_report', 'trade_journal')`,
    ),
  ],
);
