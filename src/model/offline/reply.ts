/**
 * What the offline model answers to a request: pure, given a source of tool-use ids. Every text it
 * writes starts with OFFLINE_PREFIX so no one mistakes it for a model's words.
 */
import {
  lastUserMessage,
  messageText,
  textBlock,
  toolNameFor,
  toolNames,
  toolResults,
  toolResultText,
  toolUseBlock,
} from '../wire/index.ts';
import type { ContentBlock, MessagesRequest, ToolResultBlockParam } from '../wire/types.ts';
import { parseAgentCommands } from './agent-grammar.ts';
import { AGENT_GRAMMAR, type Intent, ORCHESTRATOR_GRAMMAR, type ToolIntent } from './grammar.ts';
import { parseOrchestratorCommands } from './orchestrator-grammar.ts';
import { workflowStepOf, workflowStepReply } from './workflow-step.ts';

export const OFFLINE_PREFIX = '[offline model]';

export interface OfflineReply {
  content: ContentBlock[];
  stop_reason: 'end_turn' | 'tool_use';
}

const MAX_LINE = 160;

export function offlineReply(request: MessagesRequest, newToolUseId: () => string): OfflineReply {
  // A workflow step's agent follows its step's script instead of the command grammar.
  const step = workflowStepOf(request);
  if (step) return workflowStepReply(request, step, newToolUseId);
  const last = lastUserMessage(request);
  const results = last ? toolResults(last) : [];
  const text = last ? messageText(last).trim() : '';
  // Tool results alone end the turn with a summary; text beside them is a new message that arrived
  // after an interrupt (folded into the same user turn), and is answered as a command.
  if (results.length > 0 && !text) return say(summarize(request, results));

  const tools = toolNames(request);
  const mode = tools.has('create_agent') ? 'orchestrator' : tools.has('write_file') ? 'agent' : undefined;
  if (!mode) {
    return say(`${OFFLINE_PREFIX} This is the built-in offline model, not an AI. Received: "${clip(text)}".`);
  }
  const grammar = mode === 'orchestrator' ? ORCHESTRATOR_GRAMMAR : AGENT_GRAMMAR;
  const intents = mode === 'orchestrator' ? parseOrchestratorCommands(text) : parseAgentCommands(text);
  const calls = intents.filter((intent): intent is ToolIntent => intent.kind === 'tool');
  if (calls.length === 0) {
    return say(
      `${OFFLINE_PREFIX} This is the built-in offline model, not an AI: it only follows a fixed command ` +
        `grammar, and "${clip(text)}" is not in it.\n\n${grammar}`,
    );
  }

  const available = calls.filter((call) => tools.has(call.name));
  const lines = [
    available.length > 0
      ? `${OFFLINE_PREFIX} Calling ${available.map((call) => call.name).join(', ')}.`
      : OFFLINE_PREFIX,
    ...calls
      .filter((call) => !tools.has(call.name))
      .map((call) => `The tool ${call.name} is not available here.`),
    ...intents.flatMap((intent) => notUnderstood(intent)),
  ];
  return {
    content: [
      textBlock(lines.join('\n')),
      ...available.map((call) => toolUseBlock(newToolUseId(), call.name, call.input)),
    ],
    stop_reason: available.length > 0 ? 'tool_use' : 'end_turn',
  };
}

function say(text: string): OfflineReply {
  return { content: [textBlock(text)], stop_reason: 'end_turn' };
}

function notUnderstood(intent: Intent): string[] {
  return intent.kind === 'unknown' ? [`Not understood: "${clip(intent.clause)}".`] : [];
}

/** One line per result: the tool's name, whether it failed, and the first line of what it said. */
function summarize(request: MessagesRequest, results: ToolResultBlockParam[]): string {
  const lines = results.map((result) => {
    const name = toolNameFor(request, result.tool_use_id) ?? result.tool_use_id;
    const status = result.is_error ? ' (error)' : '';
    const firstLine = toolResultText(result).trim().split('\n')[0] ?? '';
    return `- ${name}${status}: ${clip(firstLine) || '(no output)'}`;
  });
  return `${OFFLINE_PREFIX} Tool results:\n${lines.join('\n')}`;
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_LINE ? `${oneLine.slice(0, MAX_LINE - 1)}…` : oneLine;
}
