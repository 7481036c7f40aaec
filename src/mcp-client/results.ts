/**
 * A remote `tools/call` result as the model reads it: text blocks as they are, structured content as
 * JSON, and anything the model cannot read here (images, audio, binary resources) named instead of
 * inlined. The executor truncates long results for the model like any other tool's.
 */
import type { ToolResult } from '../tools/types.ts';
import { isRecord } from './cache.ts';

export function toToolResult(remote: unknown, label: string): ToolResult {
  if (!isRecord(remote)) return { content: `${label} returned no result.`, isError: true };
  const parts = Array.isArray(remote.content) ? remote.content.map(describeBlock) : [];
  const structured = remote.structuredContent;
  // A server that sends structured content usually mirrors it as text too; only add it when not.
  if (isRecord(structured)) {
    const json = JSON.stringify(structured);
    if (!parts.some((part) => part.includes(json))) parts.push(json);
  }
  const isError = remote.isError === true;
  const text = parts.filter((part) => part !== '').join('\n');
  return {
    content: text || (isError ? `${label} failed without a message.` : `${label} returned nothing.`),
    ...(isError ? { isError: true } : {}),
  };
}

function describeBlock(block: unknown): string {
  if (!isRecord(block)) return '';
  switch (block.type) {
    case 'text':
      return typeof block.text === 'string' ? block.text : '';
    case 'image':
    case 'audio':
      return `[${block.type} ${typeof block.mimeType === 'string' ? block.mimeType : ''} omitted]`;
    case 'resource_link':
      return `[resource ${typeof block.uri === 'string' ? block.uri : ''}]`;
    case 'resource': {
      const resource = isRecord(block.resource) ? block.resource : {};
      if (typeof resource.text === 'string') return resource.text;
      return `[binary resource ${typeof resource.uri === 'string' ? resource.uri : ''} omitted]`;
    }
    default:
      return '';
  }
}
