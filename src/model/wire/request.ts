/**
 * Reading `POST /v1/messages` bodies on the server side: just enough validation that the fields a
 * non-model server reads are there and well typed, with the API's `invalid_request_error` wording
 * (`<field>: <problem>`), and helpers for the parts of a conversation such a server reacts to.
 */
import type { ContentBlockParam, MessageParam, MessagesRequest, ToolResultBlockParam } from './types.ts';

export type ParsedRequest = { ok: true; request: MessagesRequest } | { ok: false; message: string };

export function parseMessagesRequest(body: unknown): ParsedRequest {
  const fail = (message: string): ParsedRequest => ({ ok: false, message });
  if (!isRecord(body)) return fail('body: Input should be a valid dictionary');
  if (typeof body.model !== 'string' || !body.model) return fail('model: Field required');
  if (!Number.isInteger(body.max_tokens) || Number(body.max_tokens) < 1) {
    return fail('max_tokens: Input should be a positive integer');
  }
  if (!Array.isArray(body.messages)) return fail('messages: Field required');
  if (body.messages.length === 0) return fail('messages: at least one message is required');
  for (const [index, message] of body.messages.entries()) {
    const problem = messageProblem(message);
    if (problem) return fail(`messages.${index}: ${problem}`);
  }
  if (body.system !== undefined && typeof body.system !== 'string' && !Array.isArray(body.system)) {
    return fail('system: Input should be a valid string or list');
  }
  if (body.tools !== undefined) {
    if (!Array.isArray(body.tools)) return fail('tools: Input should be a valid list');
    const badTool = body.tools.findIndex((tool) => !isRecord(tool));
    if (badTool >= 0) return fail(`tools.${badTool}: Input should be a valid dictionary`);
  }
  if (body.stream !== undefined && typeof body.stream !== 'boolean') {
    return fail('stream: Input should be a valid boolean');
  }
  if (body.metadata !== undefined && !isRecord(body.metadata)) {
    return fail('metadata: Input should be a valid dictionary');
  }
  // The checks above cover every field this module's callers read.
  return { ok: true, request: body as unknown as MessagesRequest };
}

function messageProblem(message: unknown): string | undefined {
  if (!isRecord(message)) return 'Input should be a valid dictionary';
  if (message.role !== 'user' && message.role !== 'assistant' && message.role !== 'system') {
    return "role: Input should be 'user' or 'assistant'";
  }
  const { content } = message;
  if (typeof content === 'string') return undefined;
  if (
    !Array.isArray(content) ||
    content.some((block) => !isRecord(block) || typeof block.type !== 'string')
  ) {
    return 'content: Input should be a valid string or list of content blocks';
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The names of the tools a request offers. */
export function toolNames(request: MessagesRequest): Set<string> {
  // Toolsets (browser, computer) have a type but no name; they are not tools a reply can call by name.
  return new Set((request.tools ?? []).flatMap((tool) => ('name' in tool ? [tool.name] : [])));
}

/** The last `user` message, the one a reply answers. */
export function lastUserMessage(request: MessagesRequest): MessageParam | undefined {
  return request.messages.findLast((message) => message.role === 'user');
}

export function contentBlocks(message: MessageParam): ContentBlockParam[] {
  return typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
}

/** The message's text blocks joined by newlines. */
export function messageText(message: MessageParam): string {
  return contentBlocks(message)
    .flatMap((block) => (block.type === 'text' ? [block.text] : []))
    .join('\n');
}

export function toolResults(message: MessageParam): ToolResultBlockParam[] {
  return contentBlocks(message).filter((block) => block.type === 'tool_result');
}

/** A tool result's text content (its text blocks joined by newlines). */
export function toolResultText(result: ToolResultBlockParam): string {
  if (typeof result.content === 'string') return result.content;
  return (result.content ?? []).flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n');
}

/** The name of the tool a `tool_use_id` refers to, found in the conversation's assistant turns. */
export function toolNameFor(request: MessagesRequest, toolUseId: string): string | undefined {
  for (const message of request.messages) {
    if (message.role !== 'assistant') continue;
    for (const block of contentBlocks(message)) {
      if (block.type === 'tool_use' && block.id === toolUseId) return block.name;
    }
  }
  return undefined;
}
