/**
 * The offline model running /self-improve for an expert agent, deterministically: it lists the
 * workspace, removes every line of its expertise document (read from the system prompt's
 * `<expertise>` section) that names a workspace path that no longer exists, and records the result
 * with update_expertise; or it says the document is current. Only the calls made since the
 * /self-improve prompt count, so an agent's earlier commands do not confuse it.
 */
import { parseExpertiseSection } from '../../experts/prompt.ts';
import { removeStaleLines } from '../../experts/stale-paths.ts';
import {
  contentBlocks,
  messageText,
  textBlock,
  toolNames,
  toolResultText,
  toolUseBlock,
} from '../wire/index.ts';
import type { ContentBlock, MessagesRequest } from '../wire/types.ts';
import { OFFLINE_PREFIX } from './grammar.ts';

/** The heading of the expanded /self-improve prompt (src/catalog/commands/self-improve.md). */
const MARKER = /^# Self-improve\b/m;
/** list_files's line for one file: `path  (12 bytes, v3)`. */
const LISTED = /^(\S+) {2}\(\d+ bytes?, v\d+\)$/;

export interface SelfImproveReply {
  content: ContentBlock[];
  stop_reason: 'end_turn' | 'tool_use';
}

interface Call {
  name: string;
  result?: string;
  isError?: boolean;
}

/** The index of the /self-improve prompt when it is the command being run, else undefined. */
export function selfImproveStart(request: MessagesRequest): number | undefined {
  const index = request.messages.findLastIndex(
    (message) => message.role === 'user' && messageText(message).trim() !== '',
  );
  const message = request.messages[index];
  return message && MARKER.test(messageText(message)) ? index : undefined;
}

export function selfImproveReply(
  request: MessagesRequest,
  start: number,
  newId: () => string,
): SelfImproveReply {
  const section = parseExpertiseSection(systemText(request));
  const tools = toolNames(request);
  if (!section || !tools.has('update_expertise') || !tools.has('list_files')) {
    return say(
      'Only an expert agent (one with an expertise domain) can self-improve: I have no expertise document.',
    );
  }
  const calls = callsSince(request, start);
  const updated = calls.find((call) => call.name === 'update_expertise');
  if (updated) {
    return say(`${updated.isError ? 'The update was refused' : 'Done'}: ${firstLine(updated.result)}`);
  }
  const listed = calls.find((call) => call.name === 'list_files');
  if (!listed)
    return use(newId, 'list_files', {}, `Checking the "${section.domain}" expertise against the workspace.`);
  if (listed.isError) return say(`Could not list the workspace: ${firstLine(listed.result)}`);
  const result = listed.result ?? '';
  if (result.includes('more files not shown')) {
    return say('The workspace is too large to check in one listing; the document was left as it is.');
  }
  const files = new Set(result.split('\n').flatMap((line) => LISTED.exec(line)?.slice(1, 2) ?? []));
  const report = removeStaleLines(section.content, files);
  if (report.stale.length === 0) {
    const what =
      report.mentioned === 0
        ? 'it names no workspace paths'
        : `all ${report.mentioned} workspace paths it names exist`;
    return say(
      `The "${section.domain}" expertise document is current (version ${section.version}): ${what}.`,
    );
  }
  const missing = [...new Set(report.stale.flatMap((line) => line.missing))];
  const count = report.stale.length;
  const reason = `self-improve: removed ${count} line${count === 1 ? '' : 's'} naming paths no longer in the workspace: ${missing.join(', ')}`;
  return use(
    newId,
    'update_expertise',
    { domain: section.domain, content: report.content, reason: reason.slice(0, 500) },
    `Stale: ${report.stale.map((line) => `line ${line.line} (${line.missing.join(', ')})`).join('; ')}.`,
  );
}

function use(
  newId: () => string,
  name: string,
  input: Record<string, unknown>,
  note: string,
): SelfImproveReply {
  return {
    content: [textBlock(`${OFFLINE_PREFIX} ${note}`), toolUseBlock(newId(), name, input)],
    stop_reason: 'tool_use',
  };
}

function say(text: string): SelfImproveReply {
  return { content: [textBlock(`${OFFLINE_PREFIX} ${text}`)], stop_reason: 'end_turn' };
}

function systemText(request: MessagesRequest): string {
  return typeof request.system === 'string'
    ? request.system
    : (request.system ?? []).map((block) => block.text).join('\n');
}

/** The tool calls made after message `start`, with their results. */
function callsSince(request: MessagesRequest, start: number): Call[] {
  const calls = new Map<string, Call>();
  for (const message of request.messages.slice(start + 1)) {
    for (const block of contentBlocks(message)) {
      if (block.type === 'tool_use') calls.set(block.id, { name: block.name });
      const call = block.type === 'tool_result' ? calls.get(block.tool_use_id) : undefined;
      if (call && block.type === 'tool_result') {
        call.result = toolResultText(block);
        call.isError = block.is_error === true;
      }
    }
  }
  return [...calls.values()];
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0] ?? '';
}
