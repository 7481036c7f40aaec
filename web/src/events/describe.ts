/**
 * One readable line per event, at once: the row shows it until (and unless) the server's AI summary
 * arrives. Every type of the wire vocabulary has its own describer, so no row falls back to raw JSON;
 * the wording follows the server's deterministic describer (src/events/describe.ts).
 */
import type { paths } from '../api/schema.d.ts';
import { PIPELINE_DESCRIBERS } from './describe-pipeline.ts';
import { TRADING_DESCRIBERS } from './describe-trading.ts';

type EventsQuery = NonNullable<paths['/orchestrators/{id}/events']['get']['parameters']['query']>;
/** The event vocabulary, as the OpenAPI snapshot lists it (the `type` filter of GET …/events). */
export type EventType = NonNullable<EventsQuery['type']>;

type Data = Record<string, unknown>;

/** Longest line a row shows; the full payload is one click away. */
const MAX = 240;

const text = (data: Data, ...keys: string[]): string => {
  for (const key of keys) {
    const value = data[key];
    if (typeof value === 'string' && value.trim()) return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  }
  return '';
};
const count = (value: unknown): number => (Array.isArray(value) ? value.length : 0);
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const money = (value: unknown): string => `$${Number(value ?? 0).toFixed(4)}`;
const join = (...parts: Array<string | false | undefined>): string => parts.filter(Boolean).join(' · ');
/** A short, readable rendering of a tool's input: `key: value` pairs, not a JSON dump. */
function inputPreview(input: unknown): string {
  if (typeof input === 'string') return input;
  if (typeof input !== 'object' || input === null) return '';
  return Object.entries(input as Data)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}
function agentName(data: Data): string {
  const agent = data.agent as { name?: unknown } | undefined;
  return typeof agent?.name === 'string' ? agent.name : text(data, 'agent_name', 'name');
}
function turnLine(verb: string, data: Data): string {
  const turns = typeof data.turns === 'number' ? plural(data.turns, 'model turn') : '';
  return join(
    `Turn ${verb}`,
    turns,
    text(data, 'stop_reason') && `stop: ${text(data, 'stop_reason')}`,
    text(data, 'error'),
  );
}

/** A describer per type: a `Record` over the vocabulary, so a new type fails the type check here. */
const DESCRIBERS: Record<EventType, (data: Data) => string> = {
  ...PIPELINE_DESCRIBERS,
  ...TRADING_DESCRIBERS,
  chat_message: (data) => {
    const message = data.message as { role?: unknown; content?: unknown } | undefined;
    const content = typeof message?.content === 'string' ? message.content : '';
    return content || 'Chat message';
  },
  chat_typing: (data) =>
    data.is_typing === false ? 'Orchestrator stopped typing' : 'Orchestrator is typing…',
  text_delta: (data) => `Streaming: ${text(data, 'text')}`,
  text: (data) => text(data, 'text') || 'Text (empty)',
  thinking: (data) => `Thinking: ${text(data, 'thinking')}`,
  tool_use: (data) => join(`Tool call ${text(data, 'name')}`, inputPreview(data.input)),
  tool_result: (data) =>
    `${data.is_error ? 'Tool error' : 'Tool result'} ${text(data, 'name')}: ${text(data, 'content') || inputPreview(data.content)}`,
  UserPromptSubmit: (data) => `Prompt: ${text(data, 'prompt')}`,
  PreToolUse: (data) => `Using tool ${text(data, 'tool_name')}`,
  PostToolUse: (data) => `${data.is_error ? 'Failed' : 'Completed'} tool ${text(data, 'tool_name')}`,
  Stop: (data) => `Stopped: ${text(data, 'reason') || 'done'}`,
  agent_created: (data) => `Agent ${agentName(data)} created`,
  agent_updated: (data) => {
    const usage = data.usage as { cost_usd?: unknown } | null | undefined;
    return join(
      `Agent ${agentName(data) || 'updated'}`.trim(),
      usage ? `spent ${money(usage.cost_usd)}` : 'updated',
    );
  },
  agent_status_changed: (data) =>
    `Status ${text(data, 'old_status') || '?'} → ${text(data, 'new_status') || '?'}`,
  agent_deleted: (data) => `Agent ${agentName(data)} deleted`,
  command_queued: (data) => {
    const ahead =
      typeof data.ahead === 'number' && data.ahead > 0 ? `${plural(data.ahead, 'command')} ahead` : '';
    return join(`Command for ${text(data, 'agent_name') || 'agent'}: ${text(data, 'command')}`, ahead);
  },
  turn_started: (data) =>
    data.resumed
      ? 'Turn resumed'
      : count(data.agent_reports)
        ? 'Turn started (agent reports)'
        : 'Turn started',
  turn_completed: (data) => turnLine('completed', data),
  turn_interrupted: (data) => turnLine('interrupted', data),
  turn_failed: (data) => turnLine('failed', data),
  system_log: (data) => `${(text(data, 'level') || 'info').toUpperCase()}: ${text(data, 'message')}`,
  summary_update: (data) => `${plural(count(data.summaries), 'event summary', 'event summaries')} updated`,
  file_changes: (data) => `${plural(count(data.produced), 'file')} changed, ${count(data.consumed)} read`,
  expertise_updated: (data) =>
    join(
      `Expertise ${text(data, 'domain') || '?'} v${text(data, 'version') || '?'}`,
      text(data, 'author') && `by ${text(data, 'author')}`,
      `+${text(data, 'lines_added') || 0} −${text(data, 'lines_removed') || 0}`,
      text(data, 'reason'),
    ),
  model_call: (data) =>
    `${text(data, 'model') || 'Model call'} in ${text(data, 'input_tokens') || 0} out ${text(data, 'output_tokens') || 0} · ${money(data.cost_usd)}`,
  orchestrator_updated: (data) => {
    const usage = data.usage as { cost_usd?: unknown; model_calls?: unknown } | undefined;
    return usage
      ? join(
          'Totals updated',
          money(usage.cost_usd),
          typeof usage.model_calls === 'number' && plural(usage.model_calls, 'model call'),
        )
      : 'Orchestrator updated';
  },
  budget_exceeded: (data) =>
    text(data, 'message') ||
    `Budget exceeded (${text(data, 'scope') || 'run'}): ${money(data.spent_usd)} of ${money(data.budget_usd)}`,
  adw_created: (data) => {
    const adw = (data.adw ?? {}) as { name?: unknown; workflow_type?: unknown; total_steps?: unknown };
    return `Workflow ${String(adw.name ?? '')} (${String(adw.workflow_type ?? '')}, ${String(adw.total_steps ?? '?')} steps) created`;
  },
  adw_status: (data) =>
    join(
      `Workflow ${text(data, 'status')}`,
      `${String(data.completed_steps ?? 0)}/${String(data.total_steps ?? 0)} steps`,
      text(data, 'current_step') && `at ${text(data, 'current_step')}`,
      text(data, 'error_message'),
    ),
  adw_step_change: (data) => {
    const took = typeof data.duration_ms === 'number' ? `${(data.duration_ms / 1000).toFixed(1)} s` : '';
    const verb = text(data, 'change') === 'StepStart' ? 'started' : text(data, 'status');
    return join(`Step ${text(data, 'step')} ${verb}`, text(data, 'agent_name'), took);
  },
  adw_event: (data) => {
    const what = text(data, 'message') || text(data, 'event_type') || 'Workflow event';
    return text(data, 'step') ? `Step ${text(data, 'step')}: ${what}` : what;
  },
  adw_event_summary_update: (data) =>
    `${plural(count(data.summaries), 'event summary', 'event summaries')} updated`,
};

/** Every type of the vocabulary (the describers' keys). */
export const EVENT_TYPES = Object.keys(DESCRIBERS) as EventType[];

function isKnown(type: string): type is EventType {
  return Object.hasOwn(DESCRIBERS, type);
}

function oneLine(line: string): string {
  const flat = line.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX ? flat : `${flat.slice(0, MAX - 1)}…`;
}

/** The row's line: the server's summary when it has one, else this type's description. */
export function describeEvent(event: { type: string; data: Data; summary?: string | undefined }): string {
  if (event.summary) return event.summary;
  if (isKnown(event.type)) return oneLine(DESCRIBERS[event.type](event.data ?? {}));
  // A type newer than this console: its name, and the most telling field if there is one.
  const data = event.data ?? {};
  return oneLine(join(event.type, text(data, 'message', 'text', 'name', 'status')));
}
