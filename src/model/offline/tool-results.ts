/**
 * The offline model's answer to tool results: every result quoted in full (up to a limit per
 * result), so "list agents" names every agent and a command agent's final answer carries what
 * it read. One-line results stay on the tool's line; longer ones follow it, indented.
 */
import { toolNameFor, toolResultText } from '../wire/index.ts';
import type { MessagesRequest, ToolResultBlockParam } from '../wire/types.ts';
import { OFFLINE_PREFIX } from './grammar.ts';

/** Per result: enough for a long agent list or a file, short of flooding the chat. */
export const RESULT_QUOTE_LIMIT = 4_000;

export function summarizeToolResults(request: MessagesRequest, results: ToolResultBlockParam[]): string {
  const lines = results.map((result) => {
    const name = toolNameFor(request, result.tool_use_id) ?? result.tool_use_id;
    const status = result.is_error ? ' (error)' : '';
    const text = shorten(toolResultText(result).trim(), RESULT_QUOTE_LIMIT);
    if (!text) return `- ${name}${status}: (no output)`;
    if (!text.includes('\n')) return `- ${name}${status}: ${text}`;
    return `- ${name}${status}:\n${indent(text)}`;
  });
  return `${OFFLINE_PREFIX} Tool results:\n${lines.join('\n')}`;
}

export function shorten(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length - limit} more characters)`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `  ${line}` : line))
    .join('\n');
}
