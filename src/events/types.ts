/**
 * The event vocabulary: everything observable about an orchestrator. One name per event, the same on
 * the live WebSocket stream and in the `events` table (the original stored `text` but broadcast
 * `TextBlock` for the same thing). The Durable Object assigns `seq`, strictly increasing and contiguous
 * per orchestrator.
 */

export type EventCategory =
  | 'chat'
  | 'response'
  | 'hook'
  | 'agent'
  | 'system'
  | 'file'
  | 'cost'
  | 'adw'
  | 'pipeline'
  | 'trading';

export const EVENT_TYPES = {
  // chat: what the user and the orchestrator say
  chat_message: 'chat',
  chat_typing: 'chat',
  // response: what a model produced (the orchestrator's own, or an agent's when agent_id is set)
  text_delta: 'response',
  text: 'response',
  thinking: 'response',
  tool_use: 'response',
  tool_result: 'response',
  // hook: the points around a run where the original fired Claude Code hooks
  UserPromptSubmit: 'hook',
  PreToolUse: 'hook',
  PostToolUse: 'hook',
  Stop: 'hook',
  // agent: lifecycle of command agents
  agent_created: 'agent',
  agent_updated: 'agent',
  agent_status_changed: 'agent',
  agent_deleted: 'agent',
  command_queued: 'agent',
  // system: turns, logs, summaries
  turn_started: 'system',
  turn_completed: 'system',
  turn_interrupted: 'system',
  turn_failed: 'system',
  system_log: 'system',
  // data: {summaries: [{seq, summary}]}: one-line summaries of earlier events; clients patch them by seq.
  summary_update: 'system',
  // file: workspace changes made by a run
  file_changes: 'file',
  // data: {domain, version, lines, max_lines, lines_added, lines_removed, diff (capped), author, reason}:
  // a new version of an expertise document (src/experts), by an expert agent or a person.
  expertise_updated: 'file',
  // cost: model calls and totals
  model_call: 'cost',
  orchestrator_updated: 'cost',
  budget_exceeded: 'cost',
  // adw: AI developer workflows
  adw_created: 'adw',
  adw_status: 'adw',
  adw_step_change: 'adw',
  adw_event: 'adw',
  adw_event_summary_update: 'adw',
  // pipeline: scheduled and direct pipeline runs (src/pipelines)
  // data: {run_id, schedule_id, kind, trigger, scheduled_for, status, error?, summary?}: a run was
  // queued, started, succeeded, failed or recorded as missed.
  pipeline_run: 'pipeline',
  // data: {run_id, step, index, total, status: running|succeeded|failed, duration_ms?}: one step of a run.
  pipeline_step: 'pipeline',
  // trading: the approval gate agent orders wait at (src/trading/approvals)
  // data: {approval_id, account_id, summary, notional, order, expires_at}: an agent asked to place an order.
  approval_requested: 'trading',
  // data: {approval_id, account_id, status, decided_by, reason, error, broker_order_id}: it was settled.
  approval_decided: 'trading',
  // data: {approval_id, account_id, broker_order_id, client_order_id, status, filled_qty, filled_avg_price}.
  order_submitted: 'trading',
} as const satisfies Record<string, EventCategory>;

export type EventType = keyof typeof EVENT_TYPES;

/** An event as its producer describes it, before the Durable Object sequences it. */
export interface EventInput {
  type: EventType;
  /** The command agent it concerns; absent for the orchestrator's own events. */
  agentId?: string | undefined;
  adwId?: string | undefined;
  adwStep?: string | undefined;
  promptId?: string | undefined;
  summary?: string | undefined;
  data: Record<string, unknown>;
}

/** An event on the wire and in replay: JSON, snake_case, with its sequence number and timestamp. */
export interface WireEvent {
  seq: number;
  type: EventType;
  category: EventCategory;
  ts: string;
  orchestrator_id: string;
  agent_id?: string;
  adw_id?: string;
  adw_step?: string;
  prompt_id?: string;
  summary?: string;
  data: Record<string, unknown>;
}

/** Where runtimes, tools and workflows send events; the Durable Object implements it. */
export interface EventSink {
  emit(event: EventInput): void;
}

export function categoryOf(type: EventType): EventCategory {
  return EVENT_TYPES[type];
}
