/**
 * The summarising request and the reading of its answer, as pure functions. One request covers a
 * whole batch of events; the answer comes back through a tool call (`record_summaries`), so it is
 * parsed against a schema rather than scraped from free text. The style follows the original
 * system's summaries: one concise sentence of 50–100 characters per event, built from
 * the event type and its details cut to 500 characters.
 */
import type { Tool } from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';
import type { WireEvent } from '../events/types.ts';

export const SUMMARY_TOOL_NAME = 'record_summaries';
/** Summaries are asked to be at most this long… */
export const SUMMARY_TARGET_CHARS = 100;
/** …and a longer one is clipped here rather than thrown away. */
export const SUMMARY_MAX_CHARS = 120;
const DETAIL_CHARS = 500;

export type SummarySubject = Pick<WireEvent, 'seq' | 'type' | 'agent_id' | 'data'>;

export const SummariesAnswer = z.object({
  summaries: z
    .array(
      z.object({
        seq: z.number().int().describe('The seq of the event this sentence summarises.'),
        summary: z
          .string()
          .describe(`One sentence, 50 to ${SUMMARY_TARGET_CHARS} characters, saying what happened.`),
      }),
    )
    .describe('One entry per event, in any order.'),
});

export const SUMMARY_SYSTEM_PROMPT = [
  'You are a concise log summarizer for an AI agent orchestration platform: an orchestrator agent',
  'chats with a user and runs command agents that call tools on a shared workspace of files.',
  `For every event you are given, write one sentence of 50 to ${SUMMARY_TARGET_CHARS} characters that`,
  'says what happened: who acted, the action, and its object (a tool, a file, a topic).',
  'Be concrete and plain: no preamble, no quotes, no markdown.',
  `Answer only by calling ${SUMMARY_TOOL_NAME} once, with one entry per event, keyed by its seq.`,
].join(' ');

/** The tool the model must call (with `tool_choice`), its schema generated from `SummariesAnswer`. */
export function summaryTool(): Tool {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(SummariesAnswer) as Record<string, unknown>;
  return {
    name: SUMMARY_TOOL_NAME,
    description: 'Record the one-line summary of each event.',
    input_schema: { type: 'object', ...schema },
  };
}

/** The user message: one JSON line per event, so event text cannot be mistaken for structure. */
export function summaryPrompt(events: readonly SummarySubject[]): string {
  const lines = events.map((event) =>
    JSON.stringify({ seq: event.seq, type: event.type, actor: actorOf(event), details: detailsOf(event) }),
  );
  return [
    `Summarize each of these ${events.length} events in one concise sentence ` +
      `(50-${SUMMARY_TARGET_CHARS} characters).`,
    'Each line is one event as JSON: its seq, type, who acted, and details.',
    '',
    ...lines,
  ].join('\n');
}

function actorOf(event: SummarySubject): string {
  if (event.type === 'chat_message') return str(record(event.data.message).sender) || 'user';
  return event.agent_id ? 'command agent' : 'orchestrator';
}

/** What the model needs to know of each type, cut to 500 characters (as the original did). */
export function detailsOf(event: SummarySubject): string {
  const d = event.data;
  switch (event.type) {
    case 'text':
      return cut(str(d.text));
    case 'thinking':
      return cut(str(d.thinking));
    case 'tool_use':
      return cut(`calls ${str(d.name)} with ${json(d.input)}`);
    case 'tool_result':
      return cut(`${str(d.name)} ${d.is_error ? 'failed' : 'returned'}: ${str(d.content)}`);
    case 'PreToolUse':
      return cut(`about to run ${str(d.tool_name)} with ${json(d.tool_input)}`);
    case 'PostToolUse':
      return cut(`${str(d.tool_name)} ${d.is_error ? 'failed' : 'finished'}: ${str(d.result)}`);
    case 'UserPromptSubmit':
      return cut(`${d.slash_command ? `/${str(d.slash_command)} ` : ''}prompt: ${str(d.prompt)}`);
    case 'chat_message':
      return cut(str(record(d.message).content));
    case 'file_changes':
      return cut(fileChanges(d));
    default:
      return cut(json(d));
  }
}

function fileChanges(data: Record<string, unknown>): string {
  const produced = list(data.produced).map((file) => {
    const f = record(file);
    return `${str(f.op) || 'changed'} ${str(f.path)} (+${str(f.lines_added) || 0} -${str(f.lines_removed) || 0})`;
  });
  const consumed = list(data.consumed).map((file) => `read ${str(record(file).path)}`);
  return [...produced, ...consumed].join('; ') || 'no files';
}

/**
 * The summaries in the model's answer, by seq: only for the seqs asked about, first answer per seq,
 * made one line and clipped. An answer that does not match the schema yields none (every event then
 * gets its deterministic description).
 */
export function readSummaries(
  content: ReadonlyArray<{ type: string; name?: string; input?: unknown }>,
  asked: ReadonlySet<number>,
): Map<number, string> {
  const found = new Map<number, string>();
  const call = content.find((block) => block.type === 'tool_use' && block.name === SUMMARY_TOOL_NAME);
  const parsed = SummariesAnswer.safeParse(call?.input);
  if (!parsed.success) return found;
  for (const { seq, summary } of parsed.data.summaries) {
    const line = oneLine(summary);
    if (asked.has(seq) && !found.has(seq) && line) found.set(seq, clip(line, SUMMARY_MAX_CHARS));
  }
  return found;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function cut(text: string): string {
  return clip(oneLine(text), DETAIL_CHARS);
}

function str(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function json(value: unknown): string {
  return JSON.stringify(value ?? {});
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
