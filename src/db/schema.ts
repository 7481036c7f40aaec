/**
 * The system of record: every orchestrator, agent, prompt, event, log, chat message, model call,
 * workspace file and workflow. Generated SQL lives in `migrations/` (`npm run db:generate`).
 *
 * Fixes over the schema of the system this one replaces:
 * - agent names are unique only among live agents (partial unique index), so a deleted name is reusable;
 * - events have one `type` vocabulary for the live stream and for storage, keyed by a per-orchestrator `seq`;
 * - model calls store cache-write and cache-read tokens and their USD price; totals are sums, never SET;
 * - nothing is looked up "LIMIT 1": every row hangs off an explicit orchestrator id.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const usd = (name: string) => numeric(name, { precision: 14, scale: 6, mode: 'number' });

export type OrchestratorStatus = 'idle' | 'running' | 'archived';
export type AgentStatus = 'idle' | 'executing' | 'blocked' | 'complete' | 'archived';
export type PromptStatus = 'queued' | 'running' | 'completed' | 'interrupted' | 'failed';
export type LogLevel = 'debug' | 'info' | 'warning' | 'error';
export type ChatSender = 'user' | 'orchestrator' | 'agent';
export type AdwStatus = 'pending' | 'in_progress' | 'completed' | 'failed' | 'cancelled';
export type AdwStepStatus = 'pending' | 'running' | 'completed' | 'failed' | 'skipped' | 'cancelled';

export const orchestrators = pgTable(
  'orchestrators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    model: text('model').notNull(),
    systemPrompt: text('system_prompt'),
    status: text('status').$type<OrchestratorStatus>().notNull().default('idle'),
    budgetUsd: usd('budget_usd'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('orchestrators_active_created_idx').on(t.createdAt.desc()).where(sql`${t.archivedAt} is null`),
    check('orchestrators_status_check', sql`${t.status} in ('idle', 'running', 'archived')`),
  ],
);

export const agents = pgTable(
  'agents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orchestratorId: uuid('orchestrator_id')
      .notNull()
      .references(() => orchestrators.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    model: text('model').notNull(),
    systemPrompt: text('system_prompt'),
    template: text('template'),
    status: text('status').$type<AgentStatus>().notNull().default('idle'),
    adwId: uuid('adw_id'),
    adwStep: text('adw_step'),
    budgetUsd: usd('budget_usd'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Unique among live agents only: deleting an agent frees its name for a new one.
    uniqueIndex('agents_live_name_uq').on(t.orchestratorId, t.name).where(sql`${t.archivedAt} is null`),
    index('agents_orchestrator_idx').on(t.orchestratorId, t.createdAt),
    index('agents_adw_idx').on(t.adwId).where(sql`${t.adwId} is not null`),
    check(
      'agents_status_check',
      sql`${t.status} in ('idle', 'executing', 'blocked', 'complete', 'archived')`,
    ),
  ],
);

/** A command given to an agent: the agent's FIFO queue and its run history. */
export const prompts = pgTable(
  'prompts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orchestratorId: uuid('orchestrator_id')
      .notNull()
      .references(() => orchestrators.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    author: text('author').$type<'user' | 'orchestrator' | 'workflow'>().notNull(),
    taskSlug: text('task_slug').notNull(),
    text: text('text').notNull(),
    status: text('status').$type<PromptStatus>().notNull().default('queued'),
    summary: text('summary'),
    error: text('error'),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('prompts_agent_queue_idx').on(t.agentId, t.createdAt),
    index('prompts_orchestrator_idx').on(t.orchestratorId, t.createdAt),
    check(
      'prompts_status_check',
      sql`${t.status} in ('queued', 'running', 'completed', 'interrupted', 'failed')`,
    ),
  ],
);

/**
 * Everything observable, in the order the orchestrator's Durable Object sequenced it. The same `type`
 * names are broadcast live and stored, so a replayed stream is identical to the live one.
 */
export const events = pgTable(
  'events',
  {
    orchestratorId: uuid('orchestrator_id')
      .notNull()
      .references(() => orchestrators.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    type: text('type').notNull(),
    category: text('category').notNull(),
    agentId: uuid('agent_id'),
    adwId: uuid('adw_id'),
    adwStep: text('adw_step'),
    promptId: uuid('prompt_id'),
    summary: text('summary'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // The primary key is also the replay index: `where orchestrator_id = $1 and seq > $2 order by seq`.
    primaryKey({ columns: [t.orchestratorId, t.seq] }),
    index('events_agent_seq_idx').on(t.orchestratorId, t.agentId, t.seq).where(sql`${t.agentId} is not null`),
    index('events_category_seq_idx').on(t.orchestratorId, t.category, t.seq),
    index('events_adw_seq_idx').on(t.adwId, t.seq).where(sql`${t.adwId} is not null`),
    check('events_seq_positive', sql`${t.seq} > 0`),
  ],
);

export const systemLogs = pgTable(
  'system_logs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orchestratorId: uuid('orchestrator_id').references(() => orchestrators.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id'),
    adwId: uuid('adw_id'),
    level: text('level').$type<LogLevel>().notNull(),
    message: text('message').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index('system_logs_orchestrator_idx').on(t.orchestratorId, t.id),
    index('system_logs_level_idx').on(t.orchestratorId, t.level, t.id),
    check('system_logs_level_check', sql`${t.level} in ('debug', 'info', 'warning', 'error')`),
  ],
);

export const chatMessages = pgTable(
  'chat_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orchestratorId: uuid('orchestrator_id')
      .notNull()
      .references(() => orchestrators.id, { onDelete: 'cascade' }),
    sender: text('sender').$type<ChatSender>().notNull(),
    agentId: uuid('agent_id').references(() => agents.id, { onDelete: 'set null' }),
    kind: text('kind').$type<'text' | 'thinking' | 'tool_use' | 'tool_result'>().notNull().default('text'),
    content: text('content').notNull(),
    turnId: uuid('turn_id'),
    interrupted: boolean('interrupted').notNull().default(false),
    summary: text('summary'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index('chat_messages_page_idx').on(t.orchestratorId, t.createdAt, t.id),
    check('chat_messages_sender_check', sql`${t.sender} in ('user', 'orchestrator', 'agent')`),
    check('chat_messages_kind_check', sql`${t.kind} in ('text', 'thinking', 'tool_use', 'tool_result')`),
  ],
);

/** One row per Messages API call, priced when it is recorded. Totals are sums over these rows. */
export const modelCalls = pgTable(
  'model_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orchestratorId: uuid('orchestrator_id')
      .notNull()
      .references(() => orchestrators.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id'),
    adwId: uuid('adw_id'),
    purpose: text('purpose')
      .$type<'orchestrator' | 'agent' | 'summary' | 'workflow' | 'autocomplete' | 'chain' | 'analyst'>()
      .notNull(),
    model: text('model').notNull(),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    cacheWriteTokens: integer('cache_write_tokens').notNull().default(0),
    cacheReadTokens: integer('cache_read_tokens').notNull().default(0),
    costUsd: usd('cost_usd').notNull().default(0),
    stopReason: text('stop_reason'),
    durationMs: integer('duration_ms'),
    createdAt: createdAt(),
  },
  (t) => [
    index('model_calls_orchestrator_idx').on(t.orchestratorId, t.createdAt),
    index('model_calls_agent_idx').on(t.agentId).where(sql`${t.agentId} is not null`),
    index('model_calls_adw_idx').on(t.adwId).where(sql`${t.adwId} is not null`),
    check(
      'model_calls_tokens_nonnegative',
      sql`${t.inputTokens} >= 0 and ${t.outputTokens} >= 0 and ${t.cacheWriteTokens} >= 0 and ${t.cacheReadTokens} >= 0`,
    ),
  ],
);

export const workspaceFiles = pgTable(
  'workspace_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orchestratorId: uuid('orchestrator_id')
      .notNull()
      .references(() => orchestrators.id, { onDelete: 'cascade' }),
    path: text('path').notNull(),
    currentVersion: integer('current_version').notNull().default(1),
    sizeBytes: integer('size_bytes').notNull().default(0),
    sha256: text('sha256').notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One row per path for the life of the workspace; a deleted then recreated file keeps its history.
    uniqueIndex('workspace_files_path_uq').on(t.orchestratorId, t.path),
  ],
);

export const workspaceFileVersions = pgTable(
  'workspace_file_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => workspaceFiles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** Null when this version records a deletion. */
    content: text('content'),
    sha256: text('sha256'),
    diff: text('diff').notNull().default(''),
    linesAdded: integer('lines_added').notNull().default(0),
    linesRemoved: integer('lines_removed').notNull().default(0),
    agentId: uuid('agent_id'),
    promptId: uuid('prompt_id'),
    /** Set when a tool call wrote this version: a retried tool call finds its earlier write. */
    toolUseId: text('tool_use_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('workspace_file_versions_uq').on(t.fileId, t.version),
    uniqueIndex('workspace_file_versions_tool_use_uq')
      .on(t.fileId, t.toolUseId)
      .where(sql`${t.toolUseId} is not null`),
  ],
);

/** AI Developer Workflows: plan → build → review → fix. */
export const adws = pgTable(
  'adws',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orchestratorId: uuid('orchestrator_id')
      .notNull()
      .references(() => orchestrators.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    workflowType: text('workflow_type').notNull(),
    description: text('description'),
    status: text('status').$type<AdwStatus>().notNull().default('pending'),
    currentStep: text('current_step'),
    totalSteps: integer('total_steps').notNull(),
    completedSteps: integer('completed_steps').notNull().default(0),
    input: jsonb('input').$type<Record<string, unknown>>().notNull().default({}),
    output: jsonb('output').$type<Record<string, unknown>>().notNull().default({}),
    errorMessage: text('error_message'),
    errorStep: text('error_step'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('adws_orchestrator_idx').on(t.orchestratorId, t.createdAt.desc()),
    index('adws_active_idx').on(t.orchestratorId).where(sql`${t.status} in ('pending', 'in_progress')`),
    check(
      'adws_status_check',
      sql`${t.status} in ('pending', 'in_progress', 'completed', 'failed', 'cancelled')`,
    ),
    check('adws_steps_check', sql`${t.completedSteps} >= 0 and ${t.completedSteps} <= ${t.totalSteps}`),
  ],
);

/** One row per workflow step; a queue consumer claims a step by compare-and-set on its status. */
export const adwSteps = pgTable(
  'adw_steps',
  {
    adwId: uuid('adw_id')
      .notNull()
      .references(() => adws.id, { onDelete: 'cascade' }),
    stepIndex: integer('step_index').notNull(),
    step: text('step').notNull(),
    status: text('status').$type<AdwStepStatus>().notNull().default('pending'),
    attempt: integer('attempt').notNull().default(0),
    agentId: uuid('agent_id'),
    output: jsonb('output').$type<Record<string, unknown>>().notNull().default({}),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.adwId, t.stepIndex] }),
    check(
      'adw_steps_status_check',
      sql`${t.status} in ('pending', 'running', 'completed', 'failed', 'skipped', 'cancelled')`,
    ),
  ],
);
