/**
 * What the offline model answers to a request: pure, given a source of tool-use ids. Every text it
 * writes starts with OFFLINE_PREFIX so no one mistakes it for a model's words.
 */
import {
  lastUserMessage,
  messageText,
  textBlock,
  toolNames,
  toolResults,
  toolUseBlock,
} from '../wire/index.ts';
import type { ContentBlock, MessagesRequest } from '../wire/types.ts';
import { parseAgentCommands } from './agent-grammar.ts';
import { agentReportsIn, agentReportsReply } from './agent-reports.ts';
import { analystReply, analystToolOf } from './analysts.ts';
import { autocompleteReply, isAutocompleteRequest } from './autocomplete.ts';
import { type Intent, OFFLINE_PREFIX, type ToolIntent } from './grammar.ts';
import { closestHint, helpText, isHelpRequest, type Mode } from './hints.ts';
import { missingToolLine } from './missing-tools.ts';
import { parseOrchestratorCommands } from './orchestrator-grammar.ts';
import { lastCreatedAgents } from './pronouns.ts';
import { selfImproveReply, selfImproveStart } from './self-improve.ts';
import { summarizeToolResults } from './tool-results.ts';
import { workflowStepOf, workflowStepReply } from './workflow-step.ts';

export { OFFLINE_PREFIX };

export interface OfflineReply {
  content: ContentBlock[];
  stop_reason: 'end_turn' | 'tool_use';
}

const MAX_LINE = 160;

export function offlineReply(request: MessagesRequest, newToolUseId: () => string): OfflineReply {
  // An autocomplete request (the console's chat input) gets completions, not a command's answer.
  if (isAutocompleteRequest(request)) return autocompleteReply(request, newToolUseId);
  // An analyst request (src/analysts) gets its tool called with deterministic answers.
  const analystTool = analystToolOf(request);
  if (analystTool) return analystReply(request, analystTool, newToolUseId);
  // A workflow step's agent follows its step's script instead of the command grammar.
  const step = workflowStepOf(request);
  if (step) return workflowStepReply(request, step, newToolUseId);
  // An expert running /self-improve follows that script (self-improve.ts).
  const improving = selfImproveStart(request);
  if (improving !== undefined) return selfImproveReply(request, improving, newToolUseId);
  const last = lastUserMessage(request);
  const results = last ? toolResults(last) : [];
  const { reports, rest } = agentReportsIn(last ? messageText(last).trim() : '');
  // What came before the typed text in the same user turn: tool results, agent reports.
  const before = [
    ...(results.length > 0 ? [summarizeToolResults(request, results)] : []),
    ...(reports.length > 0 ? [agentReportsReply(reports)] : []),
  ];
  // Results or reports alone end the turn; text beside them is a new message that arrived meanwhile
  // (folded into the same user turn), and is answered as a command too.
  if (before.length > 0 && !rest) return say(before.join('\n\n'));
  const reply = answer(request, rest, newToolUseId);
  if (before.length === 0) return reply;
  const [first, ...others] = reply.content;
  const prefix = before.join('\n\n');
  const joined = first?.type === 'text' ? textBlock(`${prefix}\n\n${first.text}`) : textBlock(prefix);
  return { ...reply, content: first?.type === 'text' ? [joined, ...others] : [joined, ...reply.content] };
}

/** The answer to a typed message. */
function answer(request: MessagesRequest, text: string, newToolUseId: () => string): OfflineReply {
  const tools = toolNames(request);
  const mode: Mode | undefined = tools.has('create_agent')
    ? 'orchestrator'
    : tools.size > 0
      ? 'agent'
      : undefined;
  if (!mode) {
    return say(`${OFFLINE_PREFIX} This is the built-in offline model, not an AI. Received: "${clip(text)}".`);
  }
  if (!text || isHelpRequest(text)) return say(`${OFFLINE_PREFIX} ${helpText(mode, [...tools])}`);
  const intents =
    mode === 'orchestrator'
      ? parseOrchestratorCommands(text, lastCreatedAgents(request))
      : parseAgentCommands(text);
  const calls = intents.filter((intent): intent is ToolIntent => intent.kind === 'tool');
  const available = calls.filter((call) => tools.has(call.name));
  const missing = [...new Set(calls.filter((call) => !tools.has(call.name)).map((call) => call.name))];
  const lines = [
    ...(available.length > 0 ? [`Calling ${available.map((call) => call.name).join(', ')}.`] : []),
    ...missing.map((name) => missingToolLine(name, [...tools])),
    ...intents.flatMap((intent) => notUnderstood(intent, mode)),
  ];
  if (calls.length === 0)
    lines.push('(This is the built-in offline model, not an AI: it follows a fixed grammar.)');
  return {
    content: [
      textBlock(`${OFFLINE_PREFIX} ${lines.join('\n')}`),
      ...available.map((call) => toolUseBlock(newToolUseId(), call.name, call.input)),
    ],
    stop_reason: available.length > 0 ? 'tool_use' : 'end_turn',
  };
}

function say(text: string): OfflineReply {
  return { content: [textBlock(text)], stop_reason: 'end_turn' };
}

function notUnderstood(intent: Intent, mode: Mode): string[] {
  if (intent.kind !== 'unknown') return [];
  return [`Not understood: "${clip(intent.clause)}". ${intent.hint ?? closestHint(intent.clause, mode)}`];
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_LINE ? `${oneLine.slice(0, MAX_LINE - 1)}…` : oneLine;
}
