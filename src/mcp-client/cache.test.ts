import { describe, expect, it } from 'vitest';
import { isCacheFresh, TOOLS_TTL_MS, toCachedTools } from './cache.ts';
import { toToolResult } from './results.ts';

describe('tool cache freshness', () => {
  const at = new Date('2026-01-01T00:00:00Z');
  const now = at.getTime();

  it('is fresh within the TTL after a successful listing', () => {
    expect(isCacheFresh({ toolsCachedAt: at, lastError: null }, now + TOOLS_TTL_MS - 1)).toBe(true);
    expect(isCacheFresh({ toolsCachedAt: at, lastError: null }, now + TOOLS_TTL_MS)).toBe(false);
  });

  it('is stale when never listed, after a failure, or dated in the future', () => {
    expect(isCacheFresh({ toolsCachedAt: null, lastError: null }, now)).toBe(false);
    expect(isCacheFresh({ toolsCachedAt: at, lastError: 'connection refused' }, now + 1)).toBe(false);
    expect(isCacheFresh({ toolsCachedAt: at, lastError: null }, now - 1)).toBe(false);
  });

  it('keeps tools with a name and gives each an object schema', () => {
    const tools = toCachedTools([
      {
        name: 'add',
        description: 'Adds',
        inputSchema: { type: 'object', properties: { a: { type: 'number' } } },
      },
      { name: 'bare' },
      { description: 'no name' },
      'junk',
    ]);
    expect(tools).toEqual([
      {
        name: 'add',
        description: 'Adds',
        inputSchema: { type: 'object', properties: { a: { type: 'number' } } },
      },
      { name: 'bare', description: '', inputSchema: { type: 'object' } },
    ]);
  });
});

describe('remote results for the model', () => {
  it('passes text and adds structured content not already in it', () => {
    expect(toToolResult({ content: [{ type: 'text', text: '5' }] }, 'calc/add')).toEqual({ content: '5' });
    const structured = toToolResult(
      { content: [{ type: 'text', text: 'done' }], structuredContent: { sum: 5 } },
      'calc/add',
    );
    expect(structured.content).toBe('done\n{"sum":5}');
    const mirrored = toToolResult(
      { content: [{ type: 'text', text: '{"sum":5}' }], structuredContent: { sum: 5 } },
      'calc/add',
    );
    expect(mirrored.content).toBe('{"sum":5}');
  });

  it('marks remote errors and names what it cannot inline', () => {
    expect(toToolResult({ content: [{ type: 'text', text: 'no' }], isError: true }, 'x/y')).toEqual({
      content: 'no',
      isError: true,
    });
    expect(toToolResult({ content: [], isError: true }, 'x/y').content).toBe('x/y failed without a message.');
    expect(
      toToolResult({ content: [{ type: 'image', mimeType: 'image/png', data: 'AAAA' }] }, 'x/y').content,
    ).toBe('[image image/png omitted]');
    expect(toToolResult(null, 'x/y')).toEqual({ content: 'x/y returned no result.', isError: true });
  });
});
