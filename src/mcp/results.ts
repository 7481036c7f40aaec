/**
 * REST answers as MCP tool results. Success carries the REST JSON as `structuredContent` (and as
 * text, for clients that only read content). A failure is an `isError` result, not a protocol
 * error, so the calling model sees the reason and can correct its arguments.
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { ApiResult } from './api-client.ts';

export function toolResult(result: ApiResult): CallToolResult {
  if (!result.ok) {
    const details = result.details === undefined ? '' : `\nDetails: ${JSON.stringify(result.details)}`;
    const requestId = result.requestId ? ` (request id ${result.requestId})` : '';
    return toolError(`${result.status} ${result.type}: ${result.message}${details}${requestId}`);
  }
  return {
    content: [{ type: 'text', text: JSON.stringify(result.body, null, 2) }],
    structuredContent: result.body,
  };
}

export function toolError(message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: message }] };
}
